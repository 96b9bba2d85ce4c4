package org.medfed.client.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.DatasetSchema.Column;

/**
 * What a participant tells the ledger about a local CSV file, computed locally; no value of the file leaves it.
 * <ul>
 *   <li>{@code contentSha256}: SHA-256 of the file's bytes exactly as stored (byte order mark, line endings and
 *       quoting included), so anyone holding the same file recomputes the same digest with {@code sha256sum};</li>
 *   <li>{@code rowCount}: data records after the header row (RFC 4180: quoted fields may hold commas, quotes and
 *       line breaks); empty lines are skipped;</li>
 *   <li>{@code schemaSha256}: {@link DatasetSchema#fingerprint()} of the header's column names (surrounding spaces
 *       removed) with a type inferred from the values: {@value #INT} when every present value is an integer,
 *       {@value #FLOAT} when every one is a decimal number, {@value #TEXT} otherwise, {@value #EMPTY} when the
 *       column has no value at all, and {@value #LABEL} for the label columns named by the caller (whatever their
 *       values, so sites coding a diagnosis as M/B and as 1/0 agree). An empty field (or only spaces) is a missing
 *       value.</li>
 * </ul>
 */
public record DatasetFingerprint(List<Column> columns, long rowCount, String schemaSha256, String contentSha256) {

    public static final String INT = "int";
    public static final String FLOAT = "float";
    public static final String TEXT = "text";
    public static final String EMPTY = "empty";
    public static final String LABEL = "label";

    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    public DatasetFingerprint {
        columns = List.copyOf(columns);
    }

    /**
     * Reads {@code csv} once.
     *
     * @throws IllegalArgumentException when the file is not a CSV table with a header and at least one data row;
     *     the message names the line
     * @throws IOException when it cannot be read or is not UTF-8 text
     */
    public static DatasetFingerprint of(Path csv, Collection<String> labelColumns) throws IOException {
        MessageDigest sha256 = sha256();
        Scan scan = new Scan();
        try (InputStream bytes = new DigestInputStream(Files.newInputStream(csv), sha256);
                Reader text = new BufferedReader(new InputStreamReader(
                        bytes,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            new CsvReader(text, scan).read();
        } catch (MalformedInputException e) {
            throw new IOException("not UTF-8 text", e);
        }
        if (scan.header == null) {
            throw new IllegalArgumentException("no header row (the file is empty)");
        }
        if (scan.rows == 0) {
            throw new IllegalArgumentException("no data rows after the header");
        }
        Set<String> labels = new LinkedHashSet<>(labelColumns);
        for (String label : labels) {
            if (!scan.header.contains(label)) {
                throw new IllegalArgumentException("label column \"" + label + "\" is not in the header (columns: "
                        + String.join(", ", scan.header) + ")");
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < scan.header.size(); i++) {
            String name = scan.header.get(i);
            columns.add(new Column(
                    name, labels.contains(name) ? LABEL : scan.types.get(i).type()));
        }
        return new DatasetFingerprint(
                columns,
                scan.rows,
                new DatasetSchema(columns).fingerprint(),
                HexFormat.of().formatHex(sha256.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    /** The narrowest type that fits every present value of a column seen so far. */
    private static final class TypeGuess {
        private boolean seen;
        private boolean integers = true;
        private boolean numbers = true;

        void add(String raw) {
            String value = raw.strip();
            if (value.isEmpty()) {
                return;
            }
            seen = true;
            integers = integers && INTEGER.matcher(value).matches();
            numbers = numbers && DECIMAL.matcher(value).matches();
        }

        String type() {
            return !seen ? EMPTY : integers ? INT : numbers ? FLOAT : TEXT;
        }
    }

    /** Receives the records: the first is the header, the others are rows of the same width. */
    private static final class Scan {
        private List<String> header;
        private final List<TypeGuess> types = new ArrayList<>();
        private long rows;

        void record(List<String> fields, long line) {
            if (header == null) {
                header = new ArrayList<>();
                for (String field : fields) {
                    String name = field.strip();
                    if (name.isEmpty()) {
                        throw new IllegalArgumentException("line " + line + ": the header has an empty column name");
                    }
                    if (header.contains(name)) {
                        throw new IllegalArgumentException(
                                "line " + line + ": column \"" + name + "\" appears twice in the header");
                    }
                    header.add(name);
                    types.add(new TypeGuess());
                }
                return;
            }
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException(
                        "line " + line + " has " + fields.size() + " fields, the header has " + header.size());
            }
            for (int i = 0; i < fields.size(); i++) {
                types.get(i).add(fields.get(i));
            }
            rows++;
        }
    }

    /** RFC 4180 records from a character stream; line breaks may be CRLF, LF or CR. */
    private static final class CsvReader {
        private final Reader in;
        private final Scan scan;
        private int lookahead = -2;
        private long line = 1;

        CsvReader(Reader in, Scan scan) {
            this.in = in;
            this.scan = scan;
        }

        void read() throws IOException {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            long recordLine = line;
            int c = next();
            if (c == '\uFEFF') {
                c = next();
            }
            for (; c != -1; c = next()) {
                if (c == '"' && field.isEmpty() && !quoted) {
                    quoted = true;
                    readQuoted(field);
                } else if (c == '"') {
                    throw new IllegalArgumentException("line " + line + ": a quote inside an unquoted field "
                            + "(quote the whole field and double the quote)");
                } else if (quoted && c != ',' && c != '\n' && c != '\r') {
                    throw new IllegalArgumentException("line " + line + ": text after a closing quote");
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                    quoted = false;
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && peek() == '\n') {
                        next();
                    }
                    endRecord(fields, field, quoted, recordLine);
                    line++;
                    recordLine = line;
                    fields = new ArrayList<>();
                    field.setLength(0);
                    quoted = false;
                } else {
                    field.append((char) c);
                }
            }
            endRecord(fields, field, quoted, recordLine);
        }

        private void readQuoted(StringBuilder field) throws IOException {
            long start = line;
            for (int c = next(); ; c = next()) {
                if (c == -1) {
                    throw new IllegalArgumentException("line " + start + ": a quoted field is never closed");
                } else if (c == '"') {
                    if (peek() != '"') {
                        return;
                    }
                    next();
                    field.append('"');
                } else {
                    if (c == '\n' || c == '\r' && peek() != '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            }
        }

        private void endRecord(List<String> fields, StringBuilder field, boolean quoted, long recordLine) {
            if (fields.isEmpty() && field.isEmpty() && !quoted) {
                return;
            }
            fields.add(field.toString());
            scan.record(fields, recordLine);
        }

        private int next() throws IOException {
            int c = lookahead == -2 ? in.read() : lookahead;
            lookahead = -2;
            return c;
        }

        private int peek() throws IOException {
            if (lookahead == -2) {
                lookahead = in.read();
            }
            return lookahead;
        }
    }
}
