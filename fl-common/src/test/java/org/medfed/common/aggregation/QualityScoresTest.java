package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.medfed.common.aggregation.Fixtures.delta;
import static org.medfed.common.aggregation.Fixtures.full;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.reputation.ReputationPolicy;

class QualityScoresTest {
    private static final double ROOT_HALF = Math.sqrt(0.5);

    /*
     * Global [0, 0], aggregate [1, 1] (A = [1, 1], ‖A‖ = √2). Deltas and their norms:
     *   a [1, 0]: cos 1/√2, ‖·‖ 1     b [0, 1]: cos 1/√2, ‖·‖ 1
     *   c [-2, 0]: cos -1/√2, ‖·‖ 2   d [4, 4]: cos 1, ‖·‖ 4√2 ≈ 5.657
     * Median norm (1, 1, 2, 5.657) = 1.5: ratios 2/3, 2/3, 4/3, 3.771.
     */
    private static final List<WeightedUpdate> FOUR =
            List.of(delta("d", 1, 4, 4), delta("c", 1, -2, 0), delta("b", 1, 0, 1), delta("a", 1, 1, 0));

    @Test
    void scoresHandCase() {
        List<UpdateQuality> q =
                QualityScores.compute(new float[2], new float[] {1, 1}, FOUR, QualityThresholds.DEFAULT);

        assertThat(q).extracting(UpdateQuality::participantId).containsExactly("a", "b", "c", "d");
        assertThat(q.get(0).cosine()).isCloseTo(ROOT_HALF, within(1e-15));
        assertThat(q.get(1).cosine()).isCloseTo(ROOT_HALF, within(1e-15));
        assertThat(q.get(2).cosine()).isCloseTo(-ROOT_HALF, within(1e-15));
        assertThat(q.get(3).cosine()).isCloseTo(1.0, within(1e-15));
        assertThat(q).extracting(UpdateQuality::norm).containsExactly(1.0, 1.0, 2.0, Math.sqrt(32));
        assertThat(q.get(0).normRatio()).isEqualTo(1 / 1.5);
        assertThat(q.get(2).normRatio()).isEqualTo(2 / 1.5);
        assertThat(q.get(3).normRatio()).isEqualTo(Math.sqrt(32) / 1.5);
        assertThat(q).extracting(UpdateQuality::opposed).containsExactly(false, false, true, false);
        assertThat(q).extracting(UpdateQuality::oversized).containsExactly(false, false, false, true);
        assertThat(q).extracting(UpdateQuality::outlier).containsExactly(false, false, true, true);
        // (1 + 1/√2) / 2 = 0.85355339… → 0.853553; outliers score 0
        assertThat(q)
                .extracting(UpdateQuality::qualityScore)
                .containsExactly(
                        new BigDecimal("0.853553"), new BigDecimal("0.853553"), BigDecimal.ZERO, BigDecimal.ZERO);
    }

    @Test
    void thresholdsAreParameters() {
        List<UpdateQuality> q =
                QualityScores.compute(new float[2], new float[] {1, 1}, FOUR, new QualityThresholds(-0.8, 4));

        assertThat(q).extracting(UpdateQuality::outlier).containsExactly(false, false, false, false);
        // c: (1 − 1/√2) / 2 = 0.14644661 → 0.146447; d: (1 + 1) / 2 = 1
        assertThat(q.get(2).qualityScore()).isEqualByComparingTo("0.146447");
        assertThat(q.get(3).qualityScore()).isEqualTo(BigDecimal.ONE);
    }

    @Test
    void aSingleParticipantAgreesWithItself() {
        float[] global = {1, 2, 3};
        List<WeightedUpdate> only = List.of(full("only", 5, 2, 0, 3.5f));

        UpdateQuality q = QualityScores.compute(
                        global, new FedAvg().aggregate(global, only).model(), only, QualityThresholds.DEFAULT)
                .get(0);

        assertThat(q.cosine()).isCloseTo(1.0, within(1e-15));
        assertThat(q.normRatio()).isEqualTo(1.0);
        assertThat(q.norm()).isEqualTo(Math.sqrt(1 + 4 + 0.25));
        assertThat(q.qualityScore()).isEqualTo(BigDecimal.ONE);
    }

    @Test
    void zeroDeltasAndAZeroAggregateHaveCosineZero() {
        List<UpdateQuality> q = QualityScores.compute(
                new float[2],
                new float[2],
                List.of(delta("a", 1, 0, 0), delta("b", 1, 1, 0), delta("c", 1, 0, 0)),
                QualityThresholds.DEFAULT);

        assertThat(q).extracting(UpdateQuality::cosine).containsExactly(0.0, 0.0, 0.0);
        // median norm 0: a zero delta has ratio 1, a non-zero one the largest finite double (flagged)
        assertThat(q).extracting(UpdateQuality::normRatio).containsExactly(1.0, Double.MAX_VALUE, 1.0);
        assertThat(q)
                .extracting(UpdateQuality::qualityScore)
                .containsExactly(new BigDecimal("0.5"), BigDecimal.ZERO, new BigDecimal("0.5"));
    }

    @Test
    void everyValueIsWritableAsAnExactDecimalAndFeedsTheReputationRule() {
        Random random = new Random(12);
        float[] global = Fixtures.random(random, 200, 1);
        List<WeightedUpdate> updates = Fixtures.mixed(random, global, 7);
        float[] model = new TrimmedMean(new BigDecimal("0.2"))
                .aggregate(global, updates)
                .model();

        for (UpdateQuality q : QualityScores.compute(global, model, updates, QualityThresholds.DEFAULT)) {
            assertThat(CanonicalJson.decimal(q.cosine()).doubleValue()).isEqualTo(q.cosine());
            assertThat(CanonicalJson.decimal(q.normRatio()).doubleValue()).isEqualTo(q.normRatio());
            assertThat(ReputationPolicy.checkQuality(q.qualityScore())).isEqualTo(q.qualityScore());
            assertThat(q.qualityScore().scale()).isLessThanOrEqualTo(QualityScores.SCALE);
            ReputationPolicy.defaults().afterQuality(new BigDecimal("0.5"), q.qualityScore());
        }
    }

    @Test
    void refusesAModelOfAnotherLengthAndNonFiniteInput() {
        assertThatThrownBy(() -> QualityScores.compute(new float[2], new float[3], FOUR, QualityThresholds.DEFAULT))
                .isInstanceOfSatisfying(
                        AggregationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AggregationException.Reason.LENGTH_MISMATCH));
        assertThatThrownBy(() -> QualityScores.compute(
                        new float[2], new float[] {0, Float.NaN}, FOUR, QualityThresholds.DEFAULT))
                .isInstanceOfSatisfying(
                        AggregationException.class, e -> assertThat(e.index()).isEqualTo(1));
        assertThatThrownBy(() -> QualityScores.compute(
                        new float[2],
                        new float[2],
                        List.of(delta("a", 1, 0, Float.POSITIVE_INFINITY)),
                        QualityThresholds.DEFAULT))
                .isInstanceOfSatisfying(AggregationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AggregationException.Reason.NON_FINITE_VALUE);
                    assertThat(e.participantId()).contains("a");
                });
    }

    @Test
    void refusesInvalidThresholds() {
        assertThatThrownBy(() -> new QualityThresholds(-1.5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityThresholds(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityThresholds(0, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
