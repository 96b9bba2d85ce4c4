package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.medfed.common.aggregation.Fixtures.delta;
import static org.medfed.common.aggregation.Fixtures.full;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.reputation.ReputationPolicy;

class QualityScoresTest {
    private static final double ROOT_HALF = Math.sqrt(0.5);

    /*
     * Global [0, 0], aggregate [1, 1] (A = [1, 1], ‖A‖ = √2). Deltas, their norms, distances from A and components
     * along A (⟨Δ, A⟩/‖A‖):
     *   a [1, 0]: cos 1/√2, ‖·‖ 1, ‖Δ − A‖ = ‖[0, −1]‖ = 1, along 1/√2     b [0, 1]: the same by symmetry
     *   c [-2, 0]: cos -1/√2, ‖·‖ 2, ‖[−3, −1]‖ = √10, along −√2          d [4, 4]: cos 1, ‖·‖ 4√2, ‖[3, 3]‖ = 3√2
     * Median norm (1, 1, 2, 5.657) = 1.5: ratios 2/3, 2/3, 4/3, 3.771. Median distance s = (1 + √10)/2 ≈ 2.0811:
     * distance ratios 0.4805, 0.4805, 1.5195, 2.0386.
     */
    private static final List<WeightedUpdate> FOUR =
            List.of(delta("d", 1, 4, 4), delta("c", 1, -2, 0), delta("b", 1, 0, 1), delta("a", 1, 1, 0));

    private static final double SPREAD = (1 + Math.sqrt(10)) / 2;

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
        assertThat(q.get(0).distanceRatio()).isCloseTo(1 / SPREAD, within(1e-15));
        assertThat(q.get(1).distanceRatio()).isCloseTo(1 / SPREAD, within(1e-15));
        assertThat(q.get(2).distanceRatio()).isCloseTo(Math.sqrt(10) / SPREAD, within(1e-15));
        assertThat(q.get(3).distanceRatio()).isCloseTo(Math.sqrt(18) / SPREAD, within(1e-15));
        // c: along −√2 ≈ −1.414 < −0.5·s ≈ −1.041: opposed; d: norm ratio 3.771 > 3: oversized
        assertThat(q).extracting(UpdateQuality::opposed).containsExactly(false, false, true, false);
        assertThat(q).extracting(UpdateQuality::oversized).containsExactly(false, false, false, true);
        assertThat(q).extracting(UpdateQuality::outlier).containsExactly(false, false, true, true);
        // a and b lie nearer A than the median distance: 1; outliers score 0
        assertThat(q)
                .extracting(UpdateQuality::qualityScore)
                .containsExactly(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    @Test
    void thresholdsAreParameters() {
        List<UpdateQuality> q =
                QualityScores.compute(new float[2], new float[] {1, 1}, FOUR, new QualityThresholds(4, 0.8, 4));

        // c: −1.414 is not below −0.8·2.0811 = −1.665; d: 3.771 is not above 4
        assertThat(q).extracting(UpdateQuality::outlier).containsExactly(false, false, false, false);
        // c: u = (1.51949 − 1)/3 = 0.173165, 1 − u² = 0.970014; d: u = (2.03861 − 1)/3 = 0.346205, 1 − u² = 0.880142
        assertThat(q.get(2).qualityScore()).isEqualByComparingTo("0.970014");
        assertThat(q.get(3).qualityScore()).isEqualByComparingTo("0.880142");
    }

    /*
     * Global [0, 0], A = [1, 0]. a [1, 1] and b [1, −1] lie at distance 1 from A, so s = 1 whatever the third.
     *   c [1, 2]: distance 2, u = (2 − 1)/(3 − 1) = 0.5, score 1 − 0.25 = 0.75
     *   c [1, 3]: distance 3 = maxDistanceRatio, u = 1, score 0 (norm ratio √10/√2 = 2.24: not an outlier)
     */
    @Test
    void theScoreFallsAsOneMinusUSquaredToZeroAtTheMaximumDistanceRatio() {
        assertThat(third(2f).distanceRatio()).isEqualTo(2);
        assertThat(third(2f).qualityScore()).isEqualByComparingTo("0.75");
        assertThat(third(3f).distanceRatio()).isEqualTo(3);
        assertThat(third(3f).outlier()).isFalse();
        assertThat(third(3f).qualityScore()).isEqualTo(BigDecimal.ZERO);
        assertThat(QualityScores.consistency(0.3, 4)).isEqualTo(1);
        assertThat(QualityScores.consistency(1, 4)).isEqualTo(1);
        assertThat(QualityScores.consistency(2.5, 4)).isEqualTo(0.75);
        assertThat(QualityScores.consistency(7, 4)).isZero();
    }

    private static UpdateQuality third(float y) {
        List<WeightedUpdate> three = List.of(delta("a", 1, 1, 1), delta("b", 1, 1, -1), delta("c", 1, 1, y));
        return QualityScores.compute(new float[2], new float[] {1, 0}, three, QualityThresholds.DEFAULT)
                .get(2);
    }

    /*
     * The converged round that sank honest sites: A = [1, 0] is small against the spread (s = 2). c [−0.5, 2] has a
     * negative cosine (−0.5/√4.25 = −0.2425), which the old rule flagged (score 0); its component along A, −0.5, is
     * well within half the spread (−1), and its distance √(1.5² + 2²) = 2.5 is 1.25·s: u = 0.25/2,
     * 1 − 1/64 = 0.984375. With opposition 0.2 (−0.5 < −0.4) it is opposed.
     */
    @Test
    void aNegativeCosineWithinTheRoundsSpreadIsNotOpposition() {
        List<WeightedUpdate> three = List.of(delta("a", 1, 1, 2), delta("b", 1, 1, -2), delta("c", 1, -0.5f, 2));
        float[] model = {1, 0};

        UpdateQuality c = QualityScores.compute(new float[2], model, three, QualityThresholds.DEFAULT)
                .get(2);
        UpdateQuality strict = QualityScores.compute(new float[2], model, three, new QualityThresholds(3, 0.2, 3))
                .get(2);

        assertThat(c.cosine()).isCloseTo(-0.5 / Math.sqrt(4.25), within(1e-15));
        assertThat(c.opposed()).isFalse();
        assertThat(c.distanceRatio()).isEqualTo(1.25);
        assertThat(c.qualityScore()).isEqualByComparingTo("0.984375");
        assertThat(strict.opposed()).isTrue();
        assertThat(strict.qualityScore()).isEqualTo(BigDecimal.ZERO);
    }

    /**
     * As FedAvg converges every delta shrinks; scaling the whole round by 2⁻¹⁰ changes no score. (From a zero global
     * model every value, sum and ratio scales exactly, so the bits agree.)
     */
    @Test
    void scoresDependOnTheRoundsShapeNotOnItsScale() {
        Random random = new Random(18);
        float[] global = new float[50];
        List<WeightedUpdate> updates = new ArrayList<>();
        List<WeightedUpdate> shrunk = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            float[] d = Fixtures.random(random, 50, 1);
            float[] small = new float[d.length];
            for (int j = 0; j < d.length; j++) {
                small[j] = d[j] / 1024;
            }
            updates.add(WeightedUpdate.of("p" + i, UpdateKind.DELTA, 10 + i, d));
            shrunk.add(WeightedUpdate.of("p" + i, UpdateKind.DELTA, 10 + i, small));
        }

        List<UpdateQuality> big = QualityScores.compute(
                global, new FedAvg().aggregate(global, updates).model(), updates, QualityThresholds.DEFAULT);
        List<UpdateQuality> small = QualityScores.compute(
                global, new FedAvg().aggregate(global, shrunk).model(), shrunk, QualityThresholds.DEFAULT);

        assertThat(small)
                .extracting(UpdateQuality::qualityScore)
                .isEqualTo(big.stream().map(UpdateQuality::qualityScore).toList());
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
        assertThat(q.distanceRatio()).isEqualTo(1.0);
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
        // median norm and median distance 0: a zero delta has ratio 1, a non-zero one the largest finite double
        assertThat(q).extracting(UpdateQuality::normRatio).containsExactly(1.0, Double.MAX_VALUE, 1.0);
        assertThat(q).extracting(UpdateQuality::distanceRatio).containsExactly(1.0, Double.MAX_VALUE, 1.0);
        // a and c lie on the aggregate: 1; b is oversized: 0
        assertThat(q)
                .extracting(UpdateQuality::qualityScore)
                .containsExactly(BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE);
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
            assertThat(CanonicalJson.decimal(q.distanceRatio()).doubleValue()).isEqualTo(q.distanceRatio());
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
        assertThatThrownBy(() -> new QualityThresholds(0, 0.5, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityThresholds(Double.POSITIVE_INFINITY, 0.5, 4))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityThresholds(3, -0.1, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityThresholds(3, Double.NaN, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityThresholds(3, 0.5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QualityThresholds(3, 0.5, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(QualityThresholds.DEFAULT).isEqualTo(new QualityThresholds(3, 0.5, 3));
    }
}
