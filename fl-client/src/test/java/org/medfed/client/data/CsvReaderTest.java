package org.medfed.client.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsQuotedFieldsHoldingCommasDoubledQuotesAndLineBreaks() throws Exception {
        CsvTable table = CsvReader.parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n", "t.csv");

        assertThat(table.header()).containsExactly("a", "b", "c");
        assertThat(table.rows())
                .singleElement()
                .satisfies(row -> assertThat(row.fields()).containsExactly("x, y", "say \"hi\"", "two\nlines"));
    }

    @Test
    void numbersEachRowByTheLineItStartsOn() throws Exception {
        CsvTable table = CsvReader.parse("a,b\n1,\"multi\nline\"\n\n2,3\n", "t.csv");

        assertThat(table.rows()).extracting(CsvTable.Row::line).containsExactly(2L, 5L);
    }

    @Test
    void acceptsCrlfLineEndsAByteOrderMarkAndEmptyQuotedFields() throws Exception {
        Path file = dir.resolve("crlf.csv");
        Files.writeString(file, "\uFEFFa,b\r\n1,\"\"\r\n\r\n", StandardCharsets.UTF_8);

        CsvTable table = CsvReader.read(file);

        assertThat(table.header()).containsExactly("a", "b");
        assertThat(table.rows())
                .singleElement()
                .satisfies(row -> assertThat(row.fields()).containsExactly("1", ""));
    }

    @Test
    void keepsATrailingEmptyField() throws Exception {
        assertThat(CsvReader.parse("a,b\n1,\n", "t.csv").rows().get(0).fields()).containsExactly("1", "");
    }

    @Test
    void rejectsARowWithTheWrongNumberOfFieldsNamingFileAndLine() {
        assertThatThrownBy(() -> CsvReader.parse("a,b\n1,2\n1,2,3\n", "site.csv"))
                .isInstanceOf(DataException.class)
                .hasMessage("site.csv, line 3: 3 fields, but the header has 2 columns");
    }

    @Test
    void rejectsAQuoteInsideAnUnquotedFieldNamingLineAndColumn() {
        assertThatThrownBy(() -> CsvReader.parse("a,b\n1,2\n3,4\"5\n", "site.csv"))
                .hasMessageStartingWith("site.csv, line 3, column 2: a quote inside an unquoted field");
    }

    @Test
    void rejectsTextAfterAClosingQuote() {
        assertThatThrownBy(() -> CsvReader.parse("a,b\n\"x\"y,2\n", "site.csv"))
                .hasMessageStartingWith("site.csv, line 2, column 1: text after the closing quote");
    }

    @Test
    void rejectsAQuoteThatIsNeverClosedNamingWhereItOpened() {
        assertThatThrownBy(() -> CsvReader.parse("a,b\n1,\"open\n2,3\n", "site.csv"))
                .hasMessage("site.csv, line 2, column 2: the quoted field is never closed; add the closing quote");
    }

    @Test
    void rejectsDuplicateAndEmptyHeaderNames() {
        assertThatThrownBy(() -> CsvReader.parse("a, a\n1,2\n", "h.csv"))
                .hasMessage("h.csv, line 1, column 2: column \"a\" appears twice in the header");
        assertThatThrownBy(() -> CsvReader.parse("a,,c\n", "h.csv"))
                .hasMessage("h.csv, line 1, column 2: empty column name in the header");
    }

    @Test
    void rejectsAnEmptyFileAndANonUtf8File() throws Exception {
        assertThatThrownBy(() -> CsvReader.parse("\n\n", "e.csv"))
                .hasMessage("e.csv: empty file, expected a header row");
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "a\nZ\u00fcrich\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> CsvReader.read(latin1)).hasMessageContaining("not UTF-8");
    }

    @Test
    void readsTheShippedTablesAsTheNaiveSplitDoes() throws Exception {
        for (String name : List.of(ShippedData.WDBC, ShippedData.HEART, ShippedData.MATERNAL)) {
            CsvTable table = ShippedData.table(name);

            assertThat(table.header()).isEqualTo(ShippedData.naiveHeader(name));
            assertThat(table.rows()).extracting(CsvTable.Row::fields).isEqualTo(ShippedData.naiveRows(name));
        }
    }
}
