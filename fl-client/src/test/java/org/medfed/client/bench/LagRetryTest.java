package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.client.gateway.MedfedException;

class LagRetryTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ROUND_NOT_OPEN",
                "STALE_ROUND",
                "BASE_MODEL_MISMATCH",
                "ROUND_STILL_OPEN",
                "ROUND_NOT_CLOSED",
                "NOT_REGISTERED",
                "NOT_FOUND"
            })
    void whatALaggingEndorserRefusesIsTransient(String code) {
        assertThat(LagRetry.isTransient(MedfedException.fromChaincode(code, "lagging", null, null)))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DUPLICATE_SUBMISSION", "ALREADY_EXISTS", "PRIVACY_BUDGET_EXCEEDED", "UNAUTHORIZED"})
    void otherRefusalsAreNot(String code) {
        assertThat(LagRetry.isTransient(MedfedException.fromChaincode(code, "no", null, null)))
                .isFalse();
    }

    @Test
    void aConflictOrAMismatchIsTransientAnUnreachablePeerIsNot() {
        assertThat(LagRetry.isTransient(new MedfedException(
                        MedfedException.TX_INVALID, "was ordered but not committed: MVCC_READ_CONFLICT", "tx")))
                .isTrue();
        assertThat(LagRetry.isTransient(new MedfedException(
                        MedfedException.TX_INVALID, "was ordered but not committed: ENDORSEMENT_POLICY_FAILURE", "tx")))
                .isFalse();
        assertThat(LagRetry.isTransient(new MedfedException(
                        MedfedException.GATEWAY_ERROR, "ProposalResponsePayloads do not match", null)))
                .isTrue();
        assertThat(LagRetry.isTransient(new MedfedException(MedfedException.UNAVAILABLE, "peer unreachable", null)))
                .isFalse();
    }

    @Test
    void retriesUntilTheCallSucceedsAndCountsTheRetries() throws Exception {
        LagRetry retry = new LagRetry();
        AtomicInteger calls = new AtomicInteger();

        String result = retry.call(() -> {
            if (calls.incrementAndGet() < 3) {
                throw MedfedException.fromChaincode("ROUND_STILL_OPEN", "not yet", null, null);
            }
            return "closed";
        });

        assertThat(result).isEqualTo("closed");
        assertThat(retry.retries()).isEqualTo(2);
        assertThat(retry.reset()).isEqualTo(2);
        assertThat(retry.retries()).isZero();
    }

    @Test
    void aPermanentRefusalIsThrownAtOnce() {
        LagRetry retry = new LagRetry();
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.call(() -> {
                    calls.incrementAndGet();
                    throw MedfedException.fromChaincode("DUPLICATE_SUBMISSION", "twice", null, null);
                }))
                .isInstanceOf(MedfedException.class)
                .hasMessage("twice");
        assertThat(calls).hasValue(1);
        assertThat(retry.retries()).isZero();
    }
}
