package org.medfed.client.data;

import java.util.List;
import java.util.Optional;

/**
 * A CSV file as read: its header and its records as text, each with the line it starts on (for error messages).
 *
 * @param source what the rows came from, as error messages should name it (usually the file's path)
 */
public record CsvTable(String source, List<String> header, List<Row> rows) {

    /** One record; {@code line} is the 1-based line of the file where it starts. */
    public record Row(long line, List<String> fields) {
        public Row {
            fields = List.copyOf(fields);
        }

        public String get(int column) {
            return fields.get(column);
        }
    }

    public CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** The index of a header column. */
    public Optional<Integer> column(String name) {
        int index = header.indexOf(name);
        return index < 0 ? Optional.empty() : Optional.of(index);
    }

    public int size() {
        return rows.size();
    }
}
