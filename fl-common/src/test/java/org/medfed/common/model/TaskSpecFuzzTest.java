package org.medfed.common.model;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes {@link TaskSpec#fromJson}, the argument of {@code task:createTask} (docs/testing.md, "Fuzzing"). */
class TaskSpecFuzzTest {

    @FuzzTest
    void specsAreRefusedOrRoundTripCanonically(byte[] json) {
        RecordRoundTrip.assertRefusedOrRoundTrips(json, TaskSpec::fromJson);
    }
}
