package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DataException;
import org.medfed.client.data.TabularDataset;

class DerivedMappingTest {

    private static final CsvTable TABLE = table("""
            id,age,sex,ward,note,empty,label
            1,50,M,a,x1,,10
            2,60,F,b,x2,,2
            3,?,F,c,x3,,10
            4,70,M,a,x4,,1
            5,80,F,b,x5,,2
            6,55,M,c,x6,,1
            7,65,F,a,x7,,1
            8,75,M,b,x8,,2
            9,45,F,c,x9,,1
            10,85,M,a,x10,,2
            11,40,F,b,x11,,10
            """);

    @Test
    void numericColumnsAreFeaturesFewLevelsOneHotAndTheRestDroppedWithReasons() throws Exception {
        DerivedMapping.Derived d = DerivedMapping.derive(TABLE, "label", List.of("id"), null, null);

        assertThat(d.numeric()).containsExactly("age");
        assertThat(d.oneHot()).containsExactly("sex (F/M)", "ward (a/b/c)");
        assertThat(d.dropped()).containsExactly("note (non-numeric, 11 levels)", "empty (100% missing)");
        assertThat(d.mapping().featureNames()).containsExactly("age", "sex=M", "ward=b", "ward=c");
    }

    @Test
    void numericLabelValuesBecomeClassesInNumericOrderAndRowsMissingAFeatureAreDropped() throws Exception {
        DerivedMapping.Derived d = DerivedMapping.derive(TABLE, "label", List.of("id"), null, null);
        TabularDataset data = d.mapping().apply(TABLE);

        assertThat(d.mapping().label().classes()).containsExactly("1", "2", "10");
        assertThat(data.rowCount()).isEqualTo(10);
        assertThat(data.labels()[0]).isEqualTo(2);
    }

    @Test
    void positiveAtLeastBinarisesANumericLabel() throws Exception {
        DerivedMapping.Derived d = DerivedMapping.derive(TABLE, "label", List.of("id"), null, 2.0);

        assertThat(d.mapping().label().classes()).containsExactly("label < 2", "label >= 2");
        assertThat(d.mapping().apply(TABLE).classCounts()).containsExactly(4, 6);
    }

    @Test
    void aPartitionColumnIsNeitherFeatureNorDropped() throws Exception {
        DerivedMapping.Derived d = DerivedMapping.derive(TABLE, "label", List.of("id"), "ward", null);

        assertThat(d.mapping().featureNames()).containsExactly("age", "sex=M");
        assertThat(d.mapping().partitionColumn()).contains("ward");
    }

    @Test
    void aLabelWithOneValueIsRefused() {
        CsvTable one = table("x,y\n1,a\n2,a\n");

        assertThatThrownBy(() -> DerivedMapping.derive(one, "y", List.of(), null, null))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("label 'y' has 1 distinct value(s)");
    }

    private static CsvTable table(String text) {
        try {
            return CsvReader.parse(text, "t.csv");
        } catch (DataException e) {
            throw new IllegalStateException(e);
        }
    }
}
