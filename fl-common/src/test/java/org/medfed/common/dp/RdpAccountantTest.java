package org.medfed.common.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RdpAccountantTest {
    private static final double DELTA = 1e-5;
    private static final double[] RATES = {0.001, 0.01, 0.1, 0.5, 1};
    private static final double[] SIGMAS = {4, 1.5, 0.8, 0.5};
    private static final long[] STEPS = {1, 10, 1000};

    private final RdpAccountant accountant = new RdpAccountant();

    @Test
    void anAccountantThatComputedAMechanismBeforeGivesTheSameBitsAsAFreshOne() {
        // the ledger charges one (q, σ) every round: the second and later histories reuse the first one's curve
        List<DpParams> once = List.of(new DpParams(0.5, 3.96, 1));
        List<DpParams> thrice =
                List.of(new DpParams(0.5, 3.96, 1), new DpParams(0.01, 1.1, 40), new DpParams(0.5, 3.96, 2));
        EpsilonResult first = accountant.epsilon(once, DELTA, EpsilonConversion.IMPROVED);
        double[] rdp = accountant.rdp(thrice);
        rdp[0] = -1; // a caller's copy: the cached curve must not change with it
        for (int repeat = 0; repeat < 3; repeat++) {
            assertThat(accountant.epsilon(once, DELTA, EpsilonConversion.IMPROVED))
                    .isEqualTo(first);
            assertThat(accountant.rdp(thrice)).isEqualTo(new RdpAccountant().rdp(thrice));
            assertThat(accountant.rdp(new DpParams(0.5, 3.96, 7)))
                    .isEqualTo(new RdpAccountant().rdp(new DpParams(0.5, 3.96, 7)));
        }
        for (int i = 0; i < 300; i++) { // more mechanisms than it keeps
            accountant.rdp(new DpParams(0.5, 1 + i / 100.0, 1));
        }
        assertThat(accountant.epsilon(once, DELTA, EpsilonConversion.IMPROVED)).isEqualTo(first);
    }

    @Nested
    class Orders {

        @Test
        void defaultGridIsValidAndSpansOneToFiveHundred() {
            double[] orders = new RdpAccountant().orders();
            assertThat(orders).isEqualTo(RdpAccountant.DEFAULT_ORDERS).hasSize(110);
            assertThat(orders[0]).isEqualTo(1.1);
            assertThat(orders[orders.length - 1]).isEqualTo(512);
            assertThat(orders).contains(1.5, 2, 2.25, 2.75, 10.75, 11, 64, 256);
            for (int k = 1; k < orders.length; k++) {
                assertThat(orders[k]).isGreaterThan(orders[k - 1]);
            }
        }

        @Test
        void keepsItsOwnCopy() {
            double[] orders = {2, 3};
            RdpAccountant custom = new RdpAccountant(orders);
            orders[0] = 1.5;
            custom.orders()[1] = 99;
            assertThat(custom.orders()).containsExactly(2, 3);
        }

        @Test
        void rejectsOrdersThatAreNotAboveOneFiniteAndIncreasing() {
            for (double[] orders : List.of(
                    new double[] {},
                    new double[] {1, 2},
                    new double[] {0.5},
                    new double[] {2, Double.POSITIVE_INFINITY},
                    new double[] {2, Double.NaN},
                    new double[] {2, 20_000},
                    new double[] {2, 3, 3},
                    new double[] {3, 2})) {
                assertThatIllegalArgumentException()
                        .isThrownBy(() -> new RdpAccountant(orders))
                        .withMessageContaining("orders");
            }
        }
    }

    @Nested
    class Rdp {

        @Test
        void fullBatchGivesStepsTimesAlphaOverTwoSigmaSquared() {
            double sigma = 1.3;
            long steps = 250;
            double[] orders = accountant.orders();
            double[] rdp = accountant.rdp(new DpParams(1, sigma, steps));
            for (int k = 0; k < orders.length; k++) {
                assertThat(rdp[k]).isEqualTo(steps * (orders[k] / (2 * sigma * sigma)));
            }
        }

        @Test
        void composesByAddingInListOrder() {
            DpParams first = new DpParams(0.01, 1.1, 300);
            DpParams second = new DpParams(0.05, 2.0, 40);
            double[] one = accountant.rdp(first);
            double[] two = accountant.rdp(second);
            double[] both = accountant.rdp(List.of(first, second));
            for (int k = 0; k < both.length; k++) {
                assertThat(both[k]).isEqualTo(one[k] + two[k]);
            }
        }

        @Test
        void aRepeatedRunCountsAsOneRunWithTheStepsAdded() {
            DpParams run = new DpParams(0.02, 1.2, 100);
            double[] twice = accountant.rdp(List.of(run, run));
            double[] once = accountant.rdp(new DpParams(0.02, 1.2, 200));
            for (int k = 0; k < once.length; k++) {
                assertThat(twice[k]).isCloseTo(once[k], within(1e-15 * once[k]));
            }
        }

        @Test
        void zeroStepsCostNothing() {
            assertThat(accountant.rdp(new DpParams(0.5, 0.1, 0))).containsOnly(0.0);
            assertThat(accountant.rdp(List.of())).containsOnly(0.0);
        }
    }

    @Nested
    class Epsilon {

        @ParameterizedTest
        @EnumSource(EpsilonConversion.class)
        void neverDecreasesWithMoreStepsLargerRateOrLessNoise(EpsilonConversion conversion) {
            for (int r = 0; r < RATES.length; r++) {
                for (int s = 0; s < SIGMAS.length; s++) {
                    for (int t = 0; t < STEPS.length; t++) {
                        double here = epsilon(RATES[r], SIGMAS[s], STEPS[t], conversion);
                        if (t + 1 < STEPS.length) {
                            assertThat(epsilon(RATES[r], SIGMAS[s], STEPS[t + 1], conversion))
                                    .isGreaterThanOrEqualTo(here);
                        }
                        if (r + 1 < RATES.length) {
                            assertThat(epsilon(RATES[r + 1], SIGMAS[s], STEPS[t], conversion))
                                    .isGreaterThanOrEqualTo(here);
                        }
                        if (s + 1 < SIGMAS.length) {
                            assertThat(epsilon(RATES[r], SIGMAS[s + 1], STEPS[t], conversion))
                                    .isGreaterThanOrEqualTo(here);
                        }
                    }
                }
            }
        }

        @Test
        void classicIsNeverBelowImproved() {
            for (double q : RATES) {
                for (double sigma : SIGMAS) {
                    for (long steps : STEPS) {
                        assertThat(epsilon(q, sigma, steps, EpsilonConversion.CLASSIC))
                                .as("q=%s σ=%s steps=%d", q, sigma, steps)
                                .isGreaterThanOrEqualTo(epsilon(q, sigma, steps, EpsilonConversion.IMPROVED));
                    }
                }
            }
        }

        @Test
        void fullBatchGaussianMatchesTheClassicBoundByHand() {
            // RDP(α) = α/(2σ²) = α/2 at σ = 1; ε(α) = α/2 + log(1/δ)/(α − 1) is smallest on the grid at α = 5.75.
            RdpAccountant grid = new RdpAccountant(new double[] {2, 5.75, 20});
            EpsilonResult result = grid.epsilon(List.of(new DpParams(1, 1, 1)), DELTA, EpsilonConversion.CLASSIC);
            assertThat(result.bestOrder()).isEqualTo(5.75);
            assertThat(result.epsilon()).isCloseTo(5.75 / 2 + Math.log(1 / DELTA) / 4.75, within(1e-14));
        }

        @Test
        void emptyHistoryIsZeroWithoutAnOrder() {
            EpsilonResult result = accountant.epsilon(List.of(), DELTA, EpsilonConversion.IMPROVED);
            assertThat(result.epsilon()).isZero();
            assertThat(result.bestOrder()).isNaN();
        }

        @ParameterizedTest
        @EnumSource(EpsilonConversion.class)
        void zeroStepsGiveTheConversionsOwnEpsilonAtTheLargestOrder(EpsilonConversion conversion) {
            EpsilonResult result = accountant.epsilon(List.of(new DpParams(0.1, 1, 0)), DELTA, conversion);
            assertThat(result.bestOrder()).isEqualTo(512);
            assertThat(result.epsilon())
                    .isPositive()
                    .isEqualTo(StrictMath.max(0.0, conversion.epsilon(512, 0, DELTA)))
                    .isLessThanOrEqualTo(Math.log(1 / DELTA) / 511);
        }

        @Test
        void isClippedAtZero() {
            RdpAccountant oneOrder = new RdpAccountant(new double[] {1.0001});
            double improved = EpsilonConversion.IMPROVED.epsilon(1.0001, 0, 0.999);
            assertThat(improved).isNegative();
            assertThat(oneOrder.epsilon(List.of(new DpParams(0.1, 1, 0)), 0.999, EpsilonConversion.IMPROVED)
                            .epsilon())
                    .isZero();
        }

        @Test
        void isInfiniteWhenEveryOrderIs() {
            EpsilonResult result =
                    accountant.epsilon(List.of(new DpParams(0.1, 1e-170, 1)), DELTA, EpsilonConversion.IMPROVED);
            assertThat(result.epsilon()).isInfinite();
            assertThat(result.bestOrder()).isNaN();
        }

        @Test
        void rejectsDeltaOutsideZeroToOne() {
            List<DpParams> history = List.of(new DpParams(0.01, 1, 10));
            for (double delta : new double[] {0, 1, -1e-5, Double.NaN}) {
                assertThatIllegalArgumentException()
                        .isThrownBy(() -> accountant.epsilon(history, delta, EpsilonConversion.CLASSIC))
                        .withMessageContaining("delta");
            }
        }
    }

    @Nested
    class Determinism {

        private final List<DpParams> history = List.of(
                new DpParams(0.01, 1.1, 1000),
                new DpParams(0.05, 0.8, 37),
                new DpParams(1, 3, 5),
                new DpParams(0.01, 1.1, 250),
                new DpParams(0.3, 2.5, 10));

        @ParameterizedTest
        @EnumSource(EpsilonConversion.class)
        void sameHistoryGivesTheSameBitsTwiceAndInAFreshAccountant(EpsilonConversion conversion) {
            double[] first = accountant.rdp(history);
            double[] again = accountant.rdp(new ArrayList<>(history));
            double[] fresh = new RdpAccountant().rdp(history);
            assertThat(bits(again)).isEqualTo(bits(first));
            assertThat(bits(fresh)).isEqualTo(bits(first));

            EpsilonResult epsilon = accountant.epsilon(history, DELTA, conversion);
            EpsilonResult freshEpsilon =
                    new RdpAccountant(RdpAccountant.DEFAULT_ORDERS).epsilon(history, DELTA, conversion);
            assertThat(Double.doubleToRawLongBits(freshEpsilon.epsilon()))
                    .isEqualTo(Double.doubleToRawLongBits(epsilon.epsilon()));
            assertThat(freshEpsilon.bestOrder()).isEqualTo(epsilon.bestOrder());
        }

        /**
         * The exact bits on every JDK and CPU: StrictMath is specified bit for bit (fdlibm), and Java has had strict
         * IEEE 754 arithmetic everywhere since 17. Checked on OpenJDK 17.0.15 and Temurin 25. If the algorithm
         * changes on purpose, the ledger's recorded ε changes with it: update these constants in the same commit.
         */
        @Test
        void givesTheRecordedBitsForAKnownHistory() {
            assertThat(Double.doubleToRawLongBits(accountant
                            .epsilon(history, DELTA, EpsilonConversion.IMPROVED)
                            .epsilon()))
                    .isEqualTo(GOLDEN_IMPROVED);
            assertThat(Double.doubleToRawLongBits(accountant
                            .epsilon(history, DELTA, EpsilonConversion.CLASSIC)
                            .epsilon()))
                    .isEqualTo(GOLDEN_CLASSIC);
        }

        @Test
        void givesTheRecordedBitsAcrossASweepOfMechanisms() {
            long hash = 0;
            for (double q : new double[] {1e-4, 0.003, 0.01, 0.05, 0.25, 0.5, 0.9, 0.999}) {
                for (double sigma : new double[] {0.5, 0.8, 1.1, 2, 5, 30}) {
                    for (double rdp : accountant.rdp(new DpParams(q, sigma, 1))) {
                        hash = hash * 31 + Double.doubleToRawLongBits(rdp);
                    }
                }
            }
            assertThat(Long.toHexString(hash)).isEqualTo("ae45b6117745b994");
        }

        private static final long GOLDEN_IMPROVED = 0x4019c74b31b02758L; // 6.444622780205314 at α = 3.5
        private static final long GOLDEN_CLASSIC = 0x401d20f91720472aL; // 7.282200204224674 at α = 3.5

        private static long[] bits(double[] values) {
            long[] bits = new long[values.length];
            for (int k = 0; k < values.length; k++) {
                bits[k] = Double.doubleToRawLongBits(values[k]);
            }
            return bits;
        }
    }

    private double epsilon(double q, double sigma, long steps, EpsilonConversion conversion) {
        return accountant
                .epsilon(List.of(new DpParams(q, sigma, steps)), DELTA, conversion)
                .epsilon();
    }
}
