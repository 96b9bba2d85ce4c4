package org.medfed.client.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TabularDatasetTest {

    @Test
    void splitPutsTheRoundedShareOfEveryClassIntoValidation() throws Exception {
        TabularDataset data = maternal();
        int[] counts = data.classCounts();

        TabularDataset.Split split = data.split(0.2, 42);

        int[] validation = split.validation().classCounts();
        for (int c = 0; c < counts.length; c++) {
            assertThat(validation[c]).as("class %d", c).isEqualTo(Math.round(counts[c] * 0.2f));
            assertThat(split.train().classCounts()[c]).isEqualTo(counts[c] - validation[c]);
        }
    }

    @Test
    void splitIsTheSameForTheSameSeedAndDiffersForAnother() throws Exception {
        TabularDataset data = maternal();

        TabularDataset.Split first = data.split(0.25, 7);
        TabularDataset.Split again = data.split(0.25, 7);
        TabularDataset.Split other = data.split(0.25, 8);

        assertThat(again.validation().features())
                .isDeepEqualTo(first.validation().features());
        assertThat(again.train().labels()).isEqualTo(first.train().labels());
        assertThat(rows(other.validation())).isNotEqualTo(rows(first.validation()));
    }

    @Test
    void splitPartitionsTheRowsWithoutLosingOrDuplicatingAny() {
        float[][] features = new float[10][];
        int[] labels = new int[10];
        for (int r = 0; r < 10; r++) {
            features[r] = new float[] {r};
            labels[r] = r % 2;
        }
        TabularDataset data = new TabularDataset(features, labels, List.of("id"), List.of("even", "odd"));

        TabularDataset.Split split = data.split(0.4, 1);

        List<String> all = new ArrayList<>(rows(split.train()));
        all.addAll(rows(split.validation()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(rows(data));
        assertThat(split.validation().rowCount()).isEqualTo(4);
        assertThat(split.train().featureNames()).containsExactly("id");
    }

    @Test
    void rejectsAValidationShareOutsideZeroToOne() throws Exception {
        TabularDataset data = maternal();

        assertThatThrownBy(() -> data.split(1.0, 1)).hasMessageContaining("validationFraction must be in [0, 1)");
        assertThatThrownBy(() -> data.split(Double.NaN, 1)).hasMessageContaining("validationFraction");
    }

    @Test
    void rejectsLabelsOutsideTheClassListAndRowsOfTheWrongWidth() {
        assertThatThrownBy(
                        () -> new TabularDataset(new float[][] {{1}}, new int[] {2}, List.of("x"), List.of("a", "b")))
                .hasMessage("row 0 has class 2, expected 0 to 1");
        assertThatThrownBy(() -> new TabularDataset(new float[][] {{1, 2}}, new int[] {0}, List.of("x"), List.of("a")))
                .hasMessage("row 0 has 2 features, expected 1");
    }

    @Test
    void accessorsReturnCopies() {
        TabularDataset data = new TabularDataset(new float[][] {{1}}, new int[] {0}, List.of("x"), List.of("a"));

        data.features()[0][0] = 9;
        data.labels()[0] = 5;

        assertThat(data.features()[0][0]).isEqualTo(1f);
        assertThat(data.labels()[0]).isZero();
    }

    private static TabularDataset maternal() throws DataException {
        return ShippedData.mapping("mapping-maternal-health-risk.json").apply(ShippedData.table(ShippedData.MATERNAL));
    }

    private static List<String> rows(TabularDataset data) {
        List<String> rows = new ArrayList<>();
        float[][] f = data.features();
        for (int r = 0; r < f.length; r++) {
            rows.add(Arrays.toString(f[r]) + "->" + data.labels()[r]);
        }
        return rows;
    }
}
