package org.medfed.common.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every expected value below is worked out by hand; see docs/reputation.md. */
class ReputationPolicyTest {
    // initial 0.5, weight 0.3, missed −0.1, rejected −0.2, threshold 0.2
    private final ReputationPolicy policy = ReputationPolicy.defaults();

    @ParameterizedTest(name = "s={0}, q={1} -> {2}")
    @CsvSource({
        "0.5, 0.9, 0.62", // 0.7·0.5 + 0.3·0.9 = 0.35 + 0.27
        "0.62, 0.9, 0.704", // 0.434 + 0.27
        "0.5, 0, 0.35", // 0.7·0.5
        "1, 1, 1",
        "0, 0, 0",
        "0.62, 0.123456789, 0.471037", // 0.434 + 0.0370370367 = 0.4710370367, rounded to 6 digits
        "0.000001, 0.000002, 0.000001" // 0.0000007 + 0.0000006 = 0.0000013 → 0.000001
    })
    void movesTheScoreTowardsTheQualityScore(String score, String quality, String expected) {
        assertThat(policy.afterQuality(new BigDecimal(score), new BigDecimal(quality)))
                .isEqualByComparingTo(expected);
    }

    @Test
    void roundsHalfToEvenAtTheSixthDigit() {
        ReputationPolicy halfWeight = new ReputationPolicy(
                new BigDecimal("0.5"), new BigDecimal("0.5"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

        // 0.5·0.000001 + 0.5·0 = 0.0000005 → 0 (even); 0.5·0.000003 = 0.0000015 → 0.000002 (even)
        assertThat(halfWeight.afterQuality(new BigDecimal("0.000001"), BigDecimal.ZERO))
                .isEqualByComparingTo("0");
        assertThat(halfWeight.afterQuality(new BigDecimal("0.000003"), BigDecimal.ZERO))
                .isEqualByComparingTo("0.000002");
    }

    @ParameterizedTest(name = "missed: {0} -> {1}")
    @CsvSource({"0.5, 0.4", "0.15, 0.05", "0.05, 0", "0, 0"})
    void subtractsTheMissedRoundPenaltyDownToZero(String score, String expected) {
        assertThat(policy.afterMissedRound(new BigDecimal(score))).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "rejected: {0} -> {1}")
    @CsvSource({"0.5, 0.3", "0.2, 0", "0.1, 0"})
    void subtractsTheRejectedUpdatePenaltyDownToZero(String score, String expected) {
        assertThat(policy.afterRejectedUpdate(new BigDecimal(score))).isEqualByComparingTo(expected);
    }

    @Test
    void excludesOnlyScoresStrictlyBelowTheThreshold() {
        assertThat(policy.excludes(new BigDecimal("0.199999"))).isTrue();
        assertThat(policy.excludes(new BigDecimal("0.2"))).isFalse();
        assertThat(policy.excludes(BigDecimal.ONE)).isFalse();
    }

    @Test
    void writesResultsWithoutTrailingZeros() {
        assertThat(policy.afterQuality(new BigDecimal("0.5"), new BigDecimal("0.9"))
                        .toPlainString())
                .isEqualTo("0.62");
    }

    @Test
    void refusesParametersOutsideTheUnitIntervalOrTooFine() {
        assertThatThrownBy(() -> new ReputationPolicy(
                        new BigDecimal("1.1"), BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO))
                .hasMessageContaining("initialScore");
        assertThatThrownBy(() -> new ReputationPolicy(
                        BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO))
                .hasMessageContaining("qualityWeight");
        assertThatThrownBy(() -> new ReputationPolicy(
                        BigDecimal.ONE, new BigDecimal("0.0000001"), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO))
                .hasMessageContaining("fraction digits");
        assertThatThrownBy(() -> new ReputationPolicy(
                        new BigDecimal("0.1"), BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.2")))
                .hasMessageContaining("exclude everyone");
        assertThatThrownBy(() -> policy.afterQuality(new BigDecimal("0.5"), new BigDecimal("-0.1")))
                .hasMessageContaining("qualityScore");
    }
}
