package org.medfed.common.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SubsetRowsTest {
    private static final float[][] X = {{1.0f, -2.0f}, {0.5f, 3.25f}, {-0.0f, 7f}};
    private static final int[] Y = {1, 0, 2};

    @Test
    void encodesOneRowAsTheHandWrittenBytes() {
        byte[] bytes = SubsetRows.encode(new float[][] {{1.0f, -2.0f}}, new int[] {1}, 2);

        assertThat(HexFormat.of().formatHex(bytes))
                .isEqualTo(
                        "4d465352" // MFSR
                                + "01" // version
                                + "00000002" + "00000002" + "00000001" // F, C, N big-endian
                                + "0000803f" + "000000c0" // 1.0f, -2.0f little-endian
                                + "01000000"); // label 1 little-endian
    }

    @Test
    void decodesWhatItEncodedWithClassCounts() {
        byte[] bytes = SubsetRows.encode(X, Y, 3);
        SubsetRows rows = SubsetRows.decode(bytes, 2, 3);

        assertThat(rows).isEqualTo(new SubsetRows(X, Y, 3));
        assertThat(rows.x()).isDeepEqualTo(X);
        assertThat(rows.y()).containsExactly(Y);
        assertThat(rows.classCounts()).containsExactly(1, 1, 1);
        assertThat(rows.encode()).isEqualTo(bytes);
        assertThat(bytes).hasSize(17 + 3 * (2 * 4 + 4));
        // −0.0 keeps its sign bit: the bytes, and so the ledger's hash, are those of the rows as given
        assertThat(Float.floatToRawIntBits(rows.x()[2][0])).isEqualTo(0x80000000);
    }

    @Test
    void holdsCopiesOfItsArrays() {
        float[][] x = {{1f, 2f}, {3f, 4f}};
        int[] y = {0, 1};
        SubsetRows rows = new SubsetRows(x, y, 2);
        x[0][0] = 99f;
        y[0] = 1;
        rows.x()[1][1] = 99f;

        assertThat(rows.x()).isDeepEqualTo(new float[][] {{1f, 2f}, {3f, 4f}});
        assertThat(rows.classCounts()).containsExactly(1, 1);
    }

    @Test
    void refusesOtherMagicOrVersion() {
        byte[] bytes = SubsetRows.encode(X, Y, 3);
        byte[] magic = bytes.clone();
        magic[3] = 'X';
        byte[] version = bytes.clone();
        version[4] = 2;

        assertThatThrownBy(() -> SubsetRows.decode(magic, 2, 3))
                .isInstanceOf(SubsetException.class)
                .hasMessageContaining("MFSR");
        assertThatThrownBy(() -> SubsetRows.decode(version, 2, 3)).hasMessageContaining("version 2");
        assertThatThrownBy(() -> SubsetRows.decode(new byte[3], 2, 3)).hasMessageContaining("MFSR");
    }

    @Test
    void refusesOtherFeaturesOrClassesThanTheTasksModel() {
        byte[] bytes = SubsetRows.encode(X, Y, 3);

        assertThatThrownBy(() -> SubsetRows.decode(bytes, 3, 3))
                .hasMessage("subset rows have 2 features, the task's model 3");
        assertThatThrownBy(() -> SubsetRows.decode(bytes, 2, 4))
                .hasMessage("subset rows have 3 classes, the task's model 4");
    }

    @Test
    void refusesALabelOutOfRangeOrANonFiniteFeature() {
        byte[] bytes = SubsetRows.encode(X, Y, 3);
        byte[] label = bytes.clone();
        ByteBuffer.wrap(label).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(17 + 8, 3); // row 0's label
        byte[] nan = bytes.clone();
        ByteBuffer.wrap(nan).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(17 + 12 + 4, Float.NaN);

        assertThatThrownBy(() -> SubsetRows.decode(label, 2, 3))
                .isInstanceOf(SubsetException.class)
                .hasMessage("row 0 has label 3, not one of 0 to 2");
        assertThatThrownBy(() -> SubsetRows.decode(nan, 2, 3)).hasMessage("row 1 feature 1 is NaN");
        assertThatThrownBy(() -> SubsetRows.encode(new float[][] {{Float.POSITIVE_INFINITY}}, new int[] {0}, 2))
                .hasMessage("row 0 feature 0 is Infinity");
        assertThatThrownBy(() -> SubsetRows.encode(new float[][] {{1f}}, new int[] {-1}, 2))
                .hasMessageContaining("label -1");
    }

    @Test
    void refusesTrailingOrMissingBytes() {
        byte[] bytes = SubsetRows.encode(X, Y, 3);

        assertThatThrownBy(() -> SubsetRows.decode(Arrays.copyOf(bytes, bytes.length + 1), 2, 3))
                .hasMessage("subset rows of 3 × 2 features take 53 bytes, got 54 (trailing bytes)");
        assertThatThrownBy(() -> SubsetRows.decode(Arrays.copyOf(bytes, bytes.length - 1), 2, 3))
                .hasMessage("subset rows of 3 × 2 features take 53 bytes, got 52");
    }

    @Test
    void refusesMoreThanAMillionRowsBeforeReadingThem() {
        byte[] header = Arrays.copyOf(SubsetRows.encode(X, Y, 3), 17);
        ByteBuffer.wrap(header).putInt(13, 1_000_001);

        assertThatThrownBy(() -> SubsetRows.decode(header, 2, 3))
                .hasMessage("subset rows hold 1 to 1000000 rows, the header says 1000001");
    }

    @Test
    void refusesRaggedRowsAndMismatchedLabels() {
        assertThatThrownBy(() -> new SubsetRows(new float[][] {{1f, 2f}, {3f}}, new int[] {0, 1}, 2))
                .hasMessage("row 1 has 1 features, row 0 has 2");
        assertThatThrownBy(() -> new SubsetRows(new float[][] {{1f}}, new int[] {0, 1}, 2))
                .hasMessage("1 feature rows but 2 labels");
        assertThatThrownBy(() -> new SubsetRows(new float[0][], new int[0], 2)).hasMessageContaining("1 to 1000000");
    }
}
