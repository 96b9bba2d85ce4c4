package org.medfed.client.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Nested
    class Binary {
        private final int[] labels = {1, 0, 1, 1, 0, 0};
        private final double[] p1 = {0.9, 0.4, 0.6, 0.3, 0.2, 0.6};
        private final double[][] probabilities = rows(p1);

        @Test
        void predictsTheLargerProbability() {
            assertThat(Metrics.predictions(probabilities)).containsExactly(1, 0, 1, 0, 0, 1);
        }

        @Test
        void accuracyAndF1OfClassOne() {
            // TP = 2 (rows 0, 2), FP = 1 (row 5), FN = 1 (row 3), TN = 2: accuracy 4/6, F1 = 2·2/(2·2 + 1 + 1).
            Metrics.Validation v = Metrics.evaluate(probabilities, labels);
            assertThat(v.accuracy()).isEqualTo(4.0 / 6);
            assertThat(v.f1()).isEqualTo(4.0 / 6);
            assertThat(v.examples()).isEqualTo(6);
        }

        @Test
        void macroF1AveragesBothClassesWhereF1ScoresClassOneAlone() {
            // predicted 1, 0, 1, 0, 0, 1: class 1 F1 = 2·2/(4 + 1 + 1) = 2/3; class 0: TP 2 (rows 1, 4), FP 1 (row 3),
            // FN 1 (row 5) → 2/3 as well. Labels all 0 and predictions all 0: class 1 never occurs → F1 of class 0.
            assertThat(Metrics.macroF1(Metrics.predictions(probabilities), labels, 2))
                    .isEqualTo(2.0 / 3);
            assertThat(Metrics.macroF1(new int[] {0, 0, 1}, new int[] {0, 0, 0}, 2))
                    .isEqualTo((2.0 * 2 / (2 * 2 + 1) + 0) / 2);
            assertThat(Metrics.macroF1(new int[] {0, 0}, new int[] {0, 0}, 2)).isEqualTo(1.0);
        }

        @Test
        void recallIsTheShareOfEachClassPredictedAsItself() {
            // class 0: rows 1, 4, 5 predicted 0, 0, 1 → 2/3; class 1: rows 0, 2, 3 predicted 1, 1, 0 → 2/3.
            assertThat(Metrics.evaluate(probabilities, labels).recall()).containsExactly(2.0 / 3, 2.0 / 3);
            // A class without examples has no recall.
            assertThat(Metrics.recall(new int[] {0, 0}, new int[] {0, 0}, 3).get(2))
                    .isNaN();
            assertThat(Metrics.recall(new int[] {2, 0, 1}, new int[] {2, 2, 1}, 3))
                    .containsExactly(Double.NaN, 1.0, 0.5);
        }

        @Test
        void aucCountsTiesAsHalf() {
            // positives 0.9, 0.6, 0.3 against negatives 0.4, 0.2, 0.6: 0.9 beats 3; 0.6 beats 2 and ties 1;
            // 0.3 beats 1: (3 + 2.5 + 1) / 9.
            assertThat(Metrics.rocAuc(probabilities, labels)).isCloseTo(6.5 / 9, within(1e-15));
        }

        @Test
        void lossIsTheMeanNegativeLogProbabilityOfTheLabel() {
            double expected =
                    -(Math.log(0.9) + Math.log(0.6) + Math.log(0.6) + Math.log(0.3) + Math.log(0.8) + Math.log(0.4))
                            / 6;
            assertThat(Metrics.logLoss(probabilities, labels)).isCloseTo(expected, within(1e-15));
        }

        @Test
        void lossOfACertainMistakeIsCappedAtMinusLogOfTheClip() {
            assertThat(Metrics.logLoss(new double[][] {{1, 0}}, new int[] {1})).isEqualTo(-Math.log(1e-15));
        }

        @Test
        void perfectAndReversedRankingsGiveOneAndZero() {
            int[] y = {0, 0, 1, 1};
            assertThat(Metrics.rocAuc(rows(new double[] {0.1, 0.2, 0.8, 0.9}), y))
                    .isEqualTo(1.0);
            assertThat(Metrics.rocAuc(rows(new double[] {0.9, 0.8, 0.2, 0.1}), y))
                    .isEqualTo(0.0);
            assertThat(Metrics.rocAuc(rows(new double[] {0.5, 0.5, 0.5, 0.5}), y))
                    .isEqualTo(0.5);
        }

        @Test
        void aucWithASingleClassIsUndefined() {
            assertThat(Metrics.rocAuc(rows(new double[] {0.1, 0.7}), new int[] {1, 1}))
                    .isNaN();
        }

        @Test
        void f1WithoutAnyPositiveIsZero() {
            assertThat(Metrics.f1(new int[] {0, 0}, new int[] {0, 0}, 2)).isZero();
        }
    }

    @Nested
    class MultiClass {
        private final int[] labels = {0, 1, 2, 2, 1, 0};
        private final double[][] probabilities = {
            {0.7, 0.2, 0.1}, // predicted 0, label 0
            {0.3, 0.4, 0.3}, // predicted 1, label 1
            {0.2, 0.5, 0.3}, // predicted 1, label 2
            {0.1, 0.1, 0.8}, // predicted 2, label 2
            {0.5, 0.3, 0.2}, // predicted 0, label 1
            {0.6, 0.3, 0.1}, // predicted 0, label 0
        };

        @Test
        void macroF1AveragesThePerClassF1() {
            // class 0: TP 2, FP 1, FN 0 → 4/5; class 1: TP 1, FP 1, FN 1 → 2/4; class 2: TP 1, FP 0, FN 1 → 2/3.
            Metrics.Validation v = Metrics.evaluate(probabilities, labels);
            assertThat(v.f1()).isCloseTo((4.0 / 5 + 2.0 / 4 + 2.0 / 3) / 3, within(1e-15));
            assertThat(v.accuracy()).isEqualTo(4.0 / 6);
        }

        @Test
        void macroAucAveragesOneVsRest() {
            // class 0: positives 0.7, 0.6 vs 0.3, 0.2, 0.1, 0.5: all 8 pairs won → 1.
            // class 1: positives 0.4, 0.3 vs 0.2, 0.5, 0.1, 0.3: 0.4 beats 3; 0.3 beats 2 and ties 1 → 5.5/8.
            // class 2: positives 0.3, 0.8 vs 0.1, 0.3, 0.2, 0.1: 0.3 beats 3 and ties 1; 0.8 beats 4 → 7.5/8.
            assertThat(Metrics.rocAuc(probabilities, labels)).isCloseTo((1 + 5.5 / 8 + 7.5 / 8) / 3, within(1e-15));
        }

        @Test
        void classesThatNeverOccurAreLeftOutOfTheMacroAverages() {
            double[][] p = {{0.8, 0.1, 0.1}, {0.2, 0.1, 0.7}};
            // only classes 0 and 2 occur and both are predicted right
            assertThat(Metrics.f1(Metrics.predictions(p), new int[] {0, 2}, 3)).isEqualTo(1.0);
            assertThat(Metrics.rocAuc(p, new int[] {0, 2})).isEqualTo(1.0);
        }
    }

    @Test
    void rejectsMismatchedOrEmptyInputs() {
        assertThatThrownBy(() -> Metrics.accuracy(new int[] {1}, new int[] {1, 0}))
                .hasMessageContaining("2 labels");
        assertThatThrownBy(() -> Metrics.accuracy(new int[0], new int[0])).hasMessageContaining("no examples");
    }

    private static double[][] rows(double[] p1) {
        double[][] rows = new double[p1.length][];
        for (int i = 0; i < p1.length; i++) {
            rows[i] = new double[] {1 - p1[i], p1[i]};
        }
        return rows;
    }
}
