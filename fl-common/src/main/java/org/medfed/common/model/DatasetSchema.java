package org.medfed.common.model;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;

/**
 * The columns of a dataset, fingerprinted without the data: SHA-256 of the canonical JSON array
 * {@code [{"name":…,"type":…},…]} in column order. Every client computes it this way, so equal schemas compare equal.
 */
public record DatasetSchema(List<Column> columns) {

    public record Column(String name, String type) {
        public Column {
            Checks.text("column name", name, 256);
            Checks.text("column type", type, 64);
        }
    }

    public DatasetSchema {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one column");
        }
        columns = List.copyOf(columns);
    }

    public String fingerprint() {
        List<Map<String, Object>> json = columns.stream()
                .map(column -> Map.<String, Object>of("name", column.name(), "type", column.type()))
                .toList();
        return Hashing.sha256Hex(CanonicalJson.encode(json).getBytes(UTF_8));
    }
}
