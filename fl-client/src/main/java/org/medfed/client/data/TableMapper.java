package org.medfed.client.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.medfed.client.data.SchemaMapping.Categorical;

/** Applies a {@link SchemaMapping} to a {@link CsvTable}: partition, missing values, label, encoding, scaling. */
final class TableMapper {

    /** A kept row before encoding: raw numeric values (unscaled) and categorical levels, in feature order. */
    record Prepared(long line, String[] values, int label) {}

    private TableMapper() {}

    static TabularDataset map(SchemaMapping mapping, CsvTable table, Optional<String> partition) throws DataException {
        List<Prepared> rows = prepare(mapping, table, partition);
        List<String> names = mapping.featureNames();
        float[][] features = new float[rows.size()][];
        int[] labels = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            features[r] = encode(mapping, names.size(), rows.get(r).values());
            labels[r] = rows.get(r).label();
        }
        return new TabularDataset(features, labels, names, mapping.label().classes());
    }

    /** The rows of the partition that survive the missing-value policy, with their label class. */
    static List<Prepared> prepare(SchemaMapping mapping, CsvTable table, Optional<String> partition)
            throws DataException {
        int[] columns = columns(mapping, table);
        int labelColumn = table.column(mapping.label().column()).orElseThrow();
        int partitionColumn = partitionColumn(mapping, table, partition);
        List<Prepared> kept = new ArrayList<>();
        rows:
        for (CsvTable.Row row : table.rows()) {
            if (partition.isPresent() && !row.get(partitionColumn).strip().equals(partition.get())) {
                continue;
            }
            String rawLabel = row.get(labelColumn);
            if (mapping.missing().isMissing(rawLabel)) {
                if (mapping.missing().policy() == SchemaMapping.Policy.FAIL) {
                    throw error(table, row, labelColumn, "the label is missing (missing.policy is \"fail\")");
                }
                continue;
            }
            String[] values = new String[columns.length];
            for (int f = 0; f < columns.length; f++) {
                String feature = mapping.features().get(f);
                String raw = row.get(columns[f]).strip();
                if (mapping.missing().isMissing(raw)) {
                    String imputed = mapping.missing().impute().get(feature);
                    if (imputed != null) {
                        raw = imputed;
                    } else if (mapping.missing().policy() == SchemaMapping.Policy.DROP_ROW) {
                        continue rows;
                    } else {
                        throw error(
                                table,
                                row,
                                columns[f],
                                "missing value (missing.policy is \"fail\"; declare " + "'missing.impute." + feature
                                        + "' or use \"drop-row\")");
                    }
                }
                check(mapping, feature, raw, table, row, columns[f]);
                values[f] = raw;
            }
            int label = mapping.label()
                    .classOf(rawLabel.strip())
                    .orElseThrow(() -> error(
                            table,
                            row,
                            labelColumn,
                            "label value \"" + rawLabel.strip() + "\" is not in the mapping ("
                                    + (mapping.label().atLeast().isPresent()
                                            ? "'label.atLeast' needs a number"
                                            : "'label.values' knows "
                                                    + new TreeSet<>(mapping.label()
                                                            .values()
                                                            .keySet()))
                                    + ")"));
            kept.add(new Prepared(row.line(), values, label));
        }
        return kept;
    }

    private static float[] encode(SchemaMapping mapping, int width, String[] values) {
        float[] encoded = new float[width];
        int at = 0;
        for (int f = 0; f < values.length; f++) {
            String feature = mapping.features().get(f);
            Categorical levels = mapping.categorical().get(feature);
            if (levels == null) {
                double x = Numbers.parse(values[f]).orElseThrow();
                encoded[at++] = (float) mapping.scaling().apply(feature, x);
            } else {
                int level = levels.encodedLevels().indexOf(values[f]);
                if (level >= 0) {
                    encoded[at + level] = 1f;
                }
                at += levels.encodedLevels().size();
            }
        }
        return encoded;
    }

    private static void check(
            SchemaMapping mapping, String feature, String raw, CsvTable table, CsvTable.Row row, int column)
            throws DataException {
        Categorical levels = mapping.categorical().get(feature);
        if (levels != null && !levels.levels().contains(raw)) {
            throw error(
                    table,
                    row,
                    column,
                    "\"" + raw + "\" is not a declared level of " + feature + " " + levels.levels()
                            + " (add it to 'categorical." + feature + ".levels' or fix the value)");
        }
        if (levels == null && Numbers.parse(raw).isEmpty()) {
            throw error(
                    table,
                    row,
                    column,
                    "\"" + raw + "\" is not a number (declare \"" + raw
                            + "\" in 'missing.markers' if it means missing, or make " + feature + " categorical)");
        }
    }

    private static int[] columns(SchemaMapping mapping, CsvTable table) throws DataException {
        Set<String> required = new LinkedHashSet<>(mapping.features());
        required.add(mapping.label().column());
        mapping.partitionColumn().ifPresent(required::add);
        List<String> absent =
                required.stream().filter(c -> table.column(c).isEmpty()).toList();
        Set<String> accounted = new LinkedHashSet<>(required);
        accounted.addAll(mapping.drop());
        List<String> unknown =
                table.header().stream().filter(c -> !accounted.contains(c)).toList();
        List<String> problems = new ArrayList<>();
        if (!absent.isEmpty()) {
            problems.add("the mapping needs columns the header lacks: " + String.join(", ", absent));
        }
        if (!unknown.isEmpty()) {
            problems.add("the header has columns the mapping does not account for: " + String.join(", ", unknown)
                    + " (add each to 'drop' or 'features')");
        }
        if (!problems.isEmpty()) {
            throw new DataException(table.source() + " does not fit schema mapping " + mapping.name() + ": "
                    + String.join("; ", problems) + " (header: " + String.join(",", table.header()) + ")");
        }
        return mapping.features().stream()
                .mapToInt(f -> table.column(f).orElseThrow())
                .toArray();
    }

    private static int partitionColumn(SchemaMapping mapping, CsvTable table, Optional<String> partition)
            throws DataException {
        if (partition.isEmpty()) {
            return -1;
        }
        if (mapping.partitionColumn().isEmpty()) {
            throw new DataException("schema mapping " + mapping.name() + " has no 'partition' column, so partition \""
                    + partition.get() + "\" cannot be selected: remove the partition or add {\"column\": ..}");
        }
        int column = table.column(mapping.partitionColumn().get()).orElseThrow();
        Set<String> present = new TreeSet<>();
        table.rows().forEach(r -> present.add(r.get(column).strip()));
        if (!present.contains(partition.get())) {
            throw new DataException(table.source() + " has no row with "
                    + mapping.partitionColumn().get() + " = \"" + partition.get() + "\" (present: "
                    + String.join(", ", present) + ")");
        }
        return column;
    }

    private static DataException error(CsvTable table, CsvTable.Row row, int column, String what) {
        return new DataException(table.source() + ", line " + row.line() + ", column " + (column + 1) + " ("
                + table.header().get(column) + "): " + what);
    }
}
