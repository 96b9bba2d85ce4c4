package org.medfed.client.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoBlobRoundTripTest {

    @Test
    void theBlobIsOneMebibyteAndTheSameEveryRun() {
        byte[] blob = DemoBlobRoundTrip.modelLikeBlob();

        assertThat(blob).hasSize(1 << 20).isEqualTo(DemoBlobRoundTrip.modelLikeBlob());
    }
}
