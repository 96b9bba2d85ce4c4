package org.medfed.common.model;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Fuzzes {@link UpdateSubmission#fromJson}, the argument of {@code round:submitUpdate} (docs/testing.md, "Fuzzing"). */
class UpdateSubmissionFuzzTest {

    @FuzzTest
    void submissionsAreRefusedOrRoundTripCanonically(byte[] json) {
        RecordRoundTrip.assertRefusedOrRoundTrips(json, UpdateSubmission::fromJson);
    }
}
