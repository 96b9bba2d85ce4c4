package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.UpdateKind;

/**
 * One of five updates is malicious: scaled ×100, sign-flipped, or NaN. The robust strategies stay within the honest
 * updates' spread of the honest mean; FedAvg is pulled far away (or poisoned), which this test asserts too, so a
 * broken attack or a broken distance would fail it.
 */
class AttackTest {
    private static final int P = 40;
    private static final double NOISE = 0.01;
    /** The robust results must stay within this fraction of the honest delta's norm of the honest mean. */
    private static final double CLOSE = 0.05;

    private final float[] global;
    private final float[] direction;
    private final List<float[]> honest = new ArrayList<>();
    private final double[] honestMean = new double[P];
    private final double directionNorm;

    AttackTest() {
        Random random = new Random(11);
        global = Fixtures.random(random, P, 1);
        direction = new float[P];
        double squares = 0;
        for (int j = 0; j < P; j++) {
            direction[j] = (float) ((0.5 + random.nextDouble() / 2) * (random.nextBoolean() ? 1 : -1));
            squares += (double) direction[j] * direction[j];
        }
        directionNorm = Math.sqrt(squares);
        for (int i = 0; i < 4; i++) {
            float[] full = new float[P];
            for (int j = 0; j < P; j++) {
                full[j] = global[j] + direction[j] + (float) ((random.nextDouble() * 2 - 1) * NOISE);
                honestMean[j] += full[j] / 4.0;
            }
            honest.add(full);
        }
    }

    /** Four honest updates p0, p1, p3, p4 and the attacker p2, whose delta is {@code attack(direction)}. */
    private List<WeightedUpdate> round(UnaryOperator<float[]> attack) {
        float[] attackDelta = attack.apply(direction.clone());
        float[] attacker = new float[P];
        for (int j = 0; j < P; j++) {
            attacker[j] = global[j] + attackDelta[j];
        }
        return List.of(
                Fixtures.full("p0", 100, honest.get(0)),
                Fixtures.full("p1", 100, honest.get(1)),
                Fixtures.full("p2", 100, attacker),
                Fixtures.full("p3", 100, honest.get(2)),
                Fixtures.full("p4", 100, honest.get(3)));
    }

    private static float[] scaledBy100(float[] d) {
        for (int j = 0; j < d.length; j++) {
            d[j] *= 100;
        }
        return d;
    }

    private static float[] signFlipped(float[] d) {
        for (int j = 0; j < d.length; j++) {
            d[j] = -d[j];
        }
        return d;
    }

    private static float[] nan(float[] d) {
        d[7] = Float.NaN;
        return d;
    }

    private double error(AggregationStrategy strategy, List<WeightedUpdate> updates) {
        return Fixtures.distance(strategy.aggregate(global, updates).model(), honestMean) / directionNorm;
    }

    private static List<AggregationStrategy> robust() {
        return List.of(new CoordinateMedian(), new TrimmedMean(new BigDecimal("0.2")), new MultiKrum(1, 3));
    }

    @Test
    void withoutAnAttackerEveryStrategyIsNearTheHonestMean() {
        List<WeightedUpdate> updates = new ArrayList<>(round(UnaryOperator.identity()));
        updates.remove(2);
        assertThat(error(new FedAvg(), updates)).isLessThan(1e-6);
        // four updates are fewer than 2f + 3 for f = 1, so Multi-Krum would tolerate no fault anyway: f = 0 here
        for (AggregationStrategy strategy :
                List.of(new CoordinateMedian(), new TrimmedMean(new BigDecimal("0.2")), new MultiKrum(0, 3))) {
            assertThat(error(strategy, updates)).as("%s", strategy).isLessThan(CLOSE);
        }
    }

    @Test
    void scaledUpdate() {
        List<WeightedUpdate> updates = round(AttackTest::scaledBy100);

        for (AggregationStrategy strategy : robust()) {
            assertThat(error(strategy, updates)).as("%s", strategy).isLessThan(CLOSE);
        }
        // FedAvg moves by (100 − 1) / 5 ≈ 20 honest deltas
        assertThat(error(new FedAvg(), updates)).isGreaterThan(15);
        assertThat(new MultiKrum(1, 3).aggregate(global, updates).stats().selected())
                .doesNotContain("p2");
    }

    @Test
    void signFlippedUpdate() {
        List<WeightedUpdate> updates = round(AttackTest::signFlipped);

        for (AggregationStrategy strategy : robust()) {
            assertThat(error(strategy, updates)).as("%s", strategy).isLessThan(CLOSE);
        }
        // FedAvg lands at (4 − 1) / 5 = 0.6 of the honest delta: 0.4 of it away
        assertThat(error(new FedAvg(), updates)).isGreaterThan(0.35);
    }

    @Test
    void nanUpdate() {
        List<WeightedUpdate> updates = round(AttackTest::nan);

        for (AggregationStrategy strategy : robust()) {
            assertThat(error(strategy, updates)).as("%s", strategy).isLessThan(CLOSE);
        }
        float[] poisoned = new FedAvg().aggregate(global, updates).model();
        assertThat(poisoned[7]).isNaN();
        assertThat(error(new FedAvg(), updates)).isNaN();
    }

    @Test
    void validationRefusesTheNanUpdateNamingTheAttacker() {
        assertThatThrownBy(() -> new Validated(new CoordinateMedian()).aggregate(global, round(AttackTest::nan)))
                .isInstanceOfSatisfying(AggregationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AggregationException.Reason.NON_FINITE_VALUE);
                    assertThat(e.participantId()).contains("p2");
                    assertThat(e.index()).isEqualTo(7);
                });
    }

    @Test
    void inflatedExampleCountCapturesFedAvgButNotTheMedian() {
        List<WeightedUpdate> updates = new ArrayList<>(round(AttackTest::signFlipped));
        WeightedUpdate attacker = updates.get(2);
        updates.set(2, WeightedUpdate.of("p2", UpdateKind.FULL, 1_000_000, BigDecimal.ONE, attacker.source()));

        assertThat(error(new FedAvg(), updates)).isGreaterThan(1.9);
        assertThat(error(new CoordinateMedian(), updates)).isLessThan(CLOSE);
        assertThat(error(new TrimmedMean(new BigDecimal("0.2")), updates)).isLessThan(CLOSE);
        assertThat(error(new MultiKrum(1, 3), updates)).isLessThan(CLOSE);
    }

    @Test
    void clippingBoundsTheScaledAttackersInfluence() {
        List<WeightedUpdate> updates = round(AttackTest::scaledBy100);
        double maxNorm = 1.1 * directionNorm;

        // The attacker now counts as a delta of norm ≤ 1.1·‖d‖ in the direction of d: at most 0.1·‖d‖ / 5 extra
        double clippedError = error(new NormClipped(new FedAvg(), maxNorm), updates);

        assertThat(clippedError).isLessThan(0.03);
        assertThat(error(new FedAvg(), updates)).isGreaterThan(100 * clippedError);
    }
}
