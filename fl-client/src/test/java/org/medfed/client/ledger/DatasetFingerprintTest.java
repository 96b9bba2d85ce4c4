package org.medfed.client.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.DatasetSchema.Column;

class DatasetFingerprintTest {

    @TempDir
    Path dir;

    @Test
    void infersIntFloatTextAndEmptyColumnsAndCountsRows() throws IOException {
        Path csv = write("id,age,lactate,ward,unused\n1,63,2.1,ICU,\n2,54,,ICU,\n3,-7,1e-3,step-down, \n");

        DatasetFingerprint fp = DatasetFingerprint.of(csv, List.of());

        assertThat(fp.columns())
                .containsExactly(
                        new Column("id", "int"),
                        new Column("age", "int"),
                        new Column("lactate", "float"),
                        new Column("ward", "text"),
                        new Column("unused", "empty"));
        assertThat(fp.rowCount()).isEqualTo(3);
        assertThat(fp.schemaSha256()).isEqualTo(new DatasetSchema(fp.columns()).fingerprint());
        assertThat(fp.contentSha256()).isEqualTo(Hashing.sha256Hex(Files.readAllBytes(csv)));
    }

    @Test
    void aSingleNonNumberMakesAColumnText() throws IOException {
        DatasetFingerprint fp = DatasetFingerprint.of(write("a,b\n1,1.5\n2,NaN\nx,.5\n"), List.of());

        assertThat(fp.columns()).extracting(Column::type).containsExactly("text", "text");
    }

    @Test
    void labelColumnsAreTypedLabelWhateverTheirValues() throws IOException {
        DatasetFingerprint letters = DatasetFingerprint.of(write("x,diagnosis\n1,M\n2,B\n"), List.of("diagnosis"));
        DatasetFingerprint digits = DatasetFingerprint.of(write("x,diagnosis\n1,1\n2,0\n"), List.of("diagnosis"));

        assertThat(letters.columns()).containsExactly(new Column("x", "int"), new Column("diagnosis", "label"));
        assertThat(letters.schemaSha256()).isEqualTo(digits.schemaSha256());
        assertThat(letters.contentSha256()).isNotEqualTo(digits.contentSha256());
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        Path csv = write("\uFEFFname,note\r\n\"Smith, J\",\"said \"\"hi\"\"\r\nthen left\"\r\n\"Doe\",\r\n\r\n");

        DatasetFingerprint fp = DatasetFingerprint.of(csv, List.of());

        assertThat(fp.columns()).containsExactly(new Column("name", "text"), new Column("note", "text"));
        assertThat(fp.rowCount()).isEqualTo(2);
        assertThat(fp.contentSha256()).isEqualTo(Hashing.sha256Hex(Files.readAllBytes(csv)));
    }

    @Test
    void theLastRowNeedsNoLineBreakAndHeaderNamesAreTrimmed() throws IOException {
        DatasetFingerprint fp = DatasetFingerprint.of(write(" a , b\n1,2"), List.of());

        assertThat(fp.columns()).containsExactly(new Column("a", "int"), new Column("b", "int"));
        assertThat(fp.rowCount()).isEqualTo(1);
    }

    @Test
    void theSameColumnsGiveTheSameSchemaWhateverTheRows() throws IOException {
        DatasetFingerprint one = DatasetFingerprint.of(write("a,b\n1,x\n"), List.of());
        DatasetFingerprint other = DatasetFingerprint.of(write("a,b\n5,y\n6,z\n"), List.of());

        assertThat(one.schemaSha256()).isEqualTo(other.schemaSha256());
        assertThat(one.rowCount()).isNotEqualTo(other.rowCount());
    }

    @Test
    void errorsNameTheLine() throws IOException {
        assertThatThrownBy(() -> DatasetFingerprint.of(write("a,b\n1,2\n3\n"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 3 has 1 fields, the header has 2");
        assertThatThrownBy(() -> DatasetFingerprint.of(write("a,b\n1,\"2\n"), List.of()))
                .hasMessage("line 2: a quoted field is never closed");
        assertThatThrownBy(() -> DatasetFingerprint.of(write("a,b\n1,2\"3\n"), List.of()))
                .hasMessageStartingWith("line 2: a quote inside an unquoted field");
        assertThatThrownBy(() -> DatasetFingerprint.of(write("a,b\n1,\"2\"x\n"), List.of()))
                .hasMessage("line 2: text after a closing quote");
        assertThatThrownBy(() -> DatasetFingerprint.of(write("a,a\n1,2\n"), List.of()))
                .hasMessage("line 1: column \"a\" appears twice in the header");
        assertThatThrownBy(() -> DatasetFingerprint.of(write("a,,c\n1,2,3\n"), List.of()))
                .hasMessage("line 1: the header has an empty column name");
    }

    @Test
    void needsAHeaderAndAtLeastOneRow() throws IOException {
        assertThatThrownBy(() -> DatasetFingerprint.of(write(""), List.of()))
                .hasMessage("no header row (the file is empty)");
        assertThatThrownBy(() -> DatasetFingerprint.of(write("a,b\n\n"), List.of()))
                .hasMessage("no data rows after the header");
    }

    @Test
    void anUnknownLabelColumnIsNamed() throws IOException {
        assertThatThrownBy(() -> DatasetFingerprint.of(write("a,b\n1,2\n"), List.of("target")))
                .hasMessage("label column \"target\" is not in the header (columns: a, b)");
    }

    @Test
    void refusesBytesThatAreNotUtf8() throws IOException {
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, new byte[] {'a', '\n', (byte) 0xe9, '\n'});

        assertThatThrownBy(() -> DatasetFingerprint.of(csv, List.of()))
                .isInstanceOf(IOException.class)
                .hasMessage("not UTF-8 text");
    }

    private int files;

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("data" + files++ + ".csv"), text, StandardCharsets.UTF_8);
    }
}
