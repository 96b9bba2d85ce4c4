package org.medfed.common.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

class ReputationScoreTest {
    private static final String P = "a".repeat(64);
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");
    private final ReputationPolicy policy = ReputationPolicy.defaults();

    @Test
    void startsAtTheInitialScoreWithoutHistory() {
        ReputationScore initial = ReputationScore.initial("sepsis", P, policy);

        assertThat(initial.score()).isEqualByComparingTo("0.5");
        assertThat(initial.changes()).isZero();
        assertThat(initial.updatedAt()).isNull();
    }

    @Test
    void numbersEachChangeAndRecordsBeforeAndAfter() {
        ReputationScore.Applied first = ReputationScore.initial("sepsis", P, policy)
                .apply(policy, ReputationCause.QUALITY, new BigDecimal("0.9"), 1, "tx-1", T);
        ReputationScore.Applied second =
                first.score().apply(policy, ReputationCause.MISSED_ROUND, null, 2, "tx-2", T.plusSeconds(1));

        assertThat(first.change().seq()).isEqualTo(1);
        assertThat(first.change().before()).isEqualByComparingTo("0.5");
        assertThat(first.change().after()).isEqualByComparingTo("0.62");
        assertThat(second.change().seq()).isEqualTo(2);
        assertThat(second.change().quality()).isNull();
        assertThat(second.score().score()).isEqualByComparingTo("0.52");
        assertThat(second.score().changes()).isEqualTo(2);
    }

    @Test
    void survivesCanonicalJsonRoundTrips() {
        ReputationScore.Applied applied = ReputationScore.initial("sepsis", P, policy)
                .apply(policy, ReputationCause.REJECTED_UPDATE, null, 3, "tx-3", T);

        assertThat(ReputationScore.fromJson(JsonFields.object(
                        CanonicalJson.parse(CanonicalJson.encode(applied.score().toJson())))))
                .isEqualTo(applied.score());
        assertThat(ReputationChange.fromJson(JsonFields.object(CanonicalJson.parse(
                        CanonicalJson.encode(applied.change().toJson())))))
                .isEqualTo(applied.change());
    }

    @Test
    void requiresAQualityScoreExactlyForQualityChanges() {
        ReputationScore initial = ReputationScore.initial("sepsis", P, policy);

        assertThatThrownBy(() -> initial.apply(policy, ReputationCause.QUALITY, null, 1, "tx", T))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReputationChange(
                        "sepsis",
                        P,
                        1,
                        1,
                        ReputationCause.MISSED_ROUND,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        "tx",
                        T))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
