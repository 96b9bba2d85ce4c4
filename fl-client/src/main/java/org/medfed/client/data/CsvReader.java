package org.medfed.client.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a UTF-8 CSV table: RFC 4180 (comma separator; a field in double quotes may hold commas, line breaks and
 * doubled quotes), the first record is the header, line breaks may be CRLF, LF or CR, a leading byte order mark is
 * ignored and empty lines are skipped. Header names are stripped of surrounding spaces and must be unique; every
 * record must have as many fields as the header. Field values are kept as written, except that a line break inside
 * a quoted field is read as {@code \n}.
 */
public final class CsvReader {

    private CsvReader() {}

    public static CsvTable read(Path file) throws DataException {
        String source = file.toString();
        try (Reader in = new BufferedReader(new InputStreamReader(
                Files.newInputStream(file),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            return read(in, source);
        } catch (MalformedInputException e) {
            throw new DataException(source + ": not UTF-8 text; save the file as UTF-8", e);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read: " + e, e);
        }
    }

    public static CsvTable parse(String text, String source) throws DataException {
        try {
            return read(new StringReader(text), source);
        } catch (IOException e) {
            throw new IllegalStateException("a StringReader does not fail", e);
        }
    }

    private static CsvTable read(Reader in, String source) throws IOException, DataException {
        Records records = new Records(in, source);
        List<String> header = null;
        List<CsvTable.Row> rows = new ArrayList<>();
        for (CsvTable.Row record = records.next(); record != null; record = records.next()) {
            if (header == null) {
                header = header(record, source);
            } else if (record.fields().size() != header.size()) {
                throw new DataException(source + ", line " + record.line() + ": "
                        + record.fields().size() + " fields, but the header has " + header.size() + " columns");
            } else {
                rows.add(record);
            }
        }
        if (header == null) {
            throw new DataException(source + ": empty file, expected a header row");
        }
        return new CsvTable(source, header, rows);
    }

    private static List<String> header(CsvTable.Row record, String source) throws DataException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < record.fields().size(); i++) {
            String name = record.get(i).strip();
            String where = source + ", line " + record.line() + ", column " + (i + 1);
            if (name.isEmpty()) {
                throw new DataException(where + ": empty column name in the header");
            }
            if (names.contains(name)) {
                throw new DataException(where + ": column \"" + name + "\" appears twice in the header");
            }
            names.add(name);
        }
        return names;
    }

    /** The RFC 4180 tokenizer: one record per call, null at the end. */
    private static final class Records {
        private final Reader in;
        private final String source;
        private long line = 1;
        private int pushedBack = -2;
        private boolean started;

        Records(Reader in, String source) {
            this.in = in;
            this.source = source;
        }

        CsvTable.Row next() throws IOException, DataException {
            int c = read();
            if (!started) {
                started = true;
                if (c == '\uFEFF') {
                    c = read();
                }
            }
            while (c == '\n' || c == '\r') {
                endOfLine(c);
                c = read();
            }
            if (c == -1) {
                return null;
            }
            long start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            while (true) {
                if (c == '"' && field.isEmpty()) {
                    c = quoted(field, fields.size() + 1);
                } else {
                    while (c != ',' && c != '\n' && c != '\r' && c != -1) {
                        if (c == '"') {
                            throw error(
                                    fields.size() + 1,
                                    "a quote inside an unquoted field; quote the whole "
                                            + "field and double the quote (\"a \"\"b\"\"\")");
                        }
                        field.append((char) c);
                        c = read();
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                if (c == ',') {
                    c = read();
                    continue;
                }
                if (c != -1) {
                    endOfLine(c);
                }
                return new CsvTable.Row(start, fields);
            }
        }

        /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
        private int quoted(StringBuilder field, int column) throws IOException, DataException {
            long opened = line;
            while (true) {
                int c = read();
                if (c == -1) {
                    throw new DataException(source + ", line " + opened + ", column " + column
                            + ": the quoted field is never closed; add the closing quote");
                }
                if (c == '"') {
                    int after = read();
                    if (after != '"') {
                        if (after != ',' && after != '\n' && after != '\r' && after != -1) {
                            throw error(
                                    column,
                                    "text after the closing quote; double a quote inside a quoted "
                                            + "field (\"\") or quote the whole field");
                        }
                        return after;
                    }
                } else if (c == '\n' || c == '\r') {
                    endOfLine(c);
                    c = '\n';
                }
                field.append((char) c);
            }
        }

        private void endOfLine(int c) throws IOException {
            if (c == '\r') {
                int after = read();
                if (after != '\n') {
                    pushedBack = after;
                }
            }
            line++;
        }

        private int read() throws IOException {
            if (pushedBack != -2) {
                int c = pushedBack;
                pushedBack = -2;
                return c;
            }
            return in.read();
        }

        private DataException error(int column, String what) {
            return new DataException(source + ", line " + line + ", column " + column + ": " + what);
        }
    }
}
