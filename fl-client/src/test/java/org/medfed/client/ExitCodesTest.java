package org.medfed.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.MedfedException;

class ExitCodesTest {

    @Test
    void transportFailuresMeanTheNetworkIsUnavailable() {
        assertThat(ExitCodes.of(new MedfedException(MedfedException.UNAVAILABLE, "down", null))).isEqualTo(2);
        assertThat(ExitCodes.of(new MedfedException(MedfedException.DEADLINE_EXCEEDED, "slow", null))).isEqualTo(2);
    }

    @Test
    void refusalsMeanTheLedgerRefused() {
        assertThat(ExitCodes.of(MedfedException.fromChaincode("ROUND_NOT_OPEN", "closed", "tx", null))).isEqualTo(3);
        assertThat(ExitCodes.of(new MedfedException(MedfedException.PERMISSION_DENIED, "no", null))).isEqualTo(3);
        assertThat(ExitCodes.of(new MedfedException(MedfedException.TX_INVALID, "mvcc", "tx"))).isEqualTo(3);
    }

    @Test
    void chaincodeInternalIsARefusalButOurInternalIsABug() {
        assertThat(ExitCodes.of(MedfedException.fromChaincode("INTERNAL", "oops", "tx", null))).isEqualTo(3);
        assertThat(ExitCodes.of(new MedfedException(MedfedException.INTERNAL, "bug", null))).isEqualTo(70);
    }

    @Test
    void contextKeepsTheClassification() {
        MedfedException e = MedfedException.fromChaincode("INTERNAL", "oops", "tx", null).withContext("clinic");

        assertThat(e.describe()).isEqualTo("INTERNAL: clinic: oops [tx tx]");
        assertThat(ExitCodes.of(e)).isEqualTo(3);
    }
}
