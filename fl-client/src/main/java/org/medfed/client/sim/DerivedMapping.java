package org.medfed.client.sim;

import com.google.gson.Gson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;

/**
 * For simulation only: a schema mapping guessed from a CSV table, so any table can be simulated without writing
 * one. Numeric columns become features; the label's values become classes in sorted order (numerically when they
 * are all numbers), or two classes with {@code positiveAtLeast}; other non-numeric columns are one-hot encoded (at
 * most {@value #MAX_LEVELS} levels, first level dropped) or dropped; a column missing in more than a quarter of the
 * rows is dropped (the rows missing a kept column are dropped). Scaling is {@code none}: {@link SimData}
 * z-scores with the training rows' statistics, which the network never does (its mappings declare them).
 */
public final class DerivedMapping {
    static final int MAX_LEVELS = 10;
    static final int MAX_CLASSES = 50;
    /** A feature missing in more rows than this share is dropped rather than dropping all those rows. */
    static final double MAX_MISSING_SHARE = 0.25;

    static final Set<String> MISSING = Set.of("", "?", "NA");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    /** The mapping and what was decided about each column, for the output. */
    public record Derived(SchemaMapping mapping, List<String> numeric, List<String> oneHot, List<String> dropped) {}

    private DerivedMapping() {}

    /**
     * @param partitionColumn the column naming participants, or null
     * @param positiveAtLeast binarise a numeric label at this threshold, or null
     */
    public static Derived derive(
            CsvTable table, String label, List<String> drop, String partitionColumn, Double positiveAtLeast)
            throws DataException {
        int labelIndex = column(table, label, "label");
        for (String d : drop) {
            column(table, d, "--drop");
        }
        if (partitionColumn != null) {
            column(table, partitionColumn, "--partition-by");
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", "derived-" + label);
        json.put("label", label(table, labelIndex, positiveAtLeast));
        List<String> features = new ArrayList<>();
        List<String> numeric = new ArrayList<>();
        List<String> oneHot = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        List<String> dropKeys = new ArrayList<>(drop);
        Map<String, Object> categorical = new LinkedHashMap<>();
        for (int c = 0; c < table.header().size(); c++) {
            String name = table.header().get(c);
            if (c == labelIndex || drop.contains(name) || name.equals(partitionColumn)) {
                continue;
            }
            Values values = values(table, c);
            if (values.missing > MAX_MISSING_SHARE * table.size()) {
                dropped.add(name + " (" + Math.round(100.0 * values.missing / table.size()) + "% missing)");
                dropKeys.add(name);
            } else if (values.distinct.size() <= 1) {
                dropped.add(name + " (" + (values.distinct.isEmpty() ? "always missing" : "constant") + ")");
                dropKeys.add(name);
            } else if (values.numeric) {
                features.add(name);
                numeric.add(name);
            } else if (values.distinct.size() <= MAX_LEVELS) {
                features.add(name);
                oneHot.add(name + " (" + String.join("/", values.distinct) + ")");
                categorical.put(name, Map.of("levels", List.copyOf(values.distinct), "dropFirst", true));
            } else {
                dropped.add(name + " (non-numeric, " + values.distinct.size() + " levels)");
                dropKeys.add(name);
            }
        }
        if (features.isEmpty()) {
            throw new DataException(table.source() + ": no usable feature column besides the label '" + label + "'");
        }
        json.put("features", features);
        json.put("drop", dropKeys);
        if (partitionColumn != null) {
            json.put("partition", Map.of("column", partitionColumn));
        }
        json.put("missing", Map.of("markers", List.copyOf(MISSING), "policy", "drop-row"));
        json.put("categorical", categorical);
        json.put("scaling", Map.of("method", "none"));
        SchemaMapping mapping = SchemaMapping.parse(new Gson().toJson(json), "mapping derived from " + table.source());
        return new Derived(mapping, numeric, oneHot, dropped);
    }

    private static Map<String, Object> label(CsvTable table, int c, Double atLeast) throws DataException {
        String name = table.header().get(c);
        Values values = values(table, c);
        if (atLeast != null) {
            if (!values.numeric) {
                throw new DataException("label '" + name + "' has non-numeric values (" + sample(values)
                        + "), so --positive-at-least cannot binarise it");
            }
            String threshold = atLeast == Math.rint(atLeast) ? Long.toString(atLeast.longValue()) : atLeast.toString();
            return Map.of(
                    "column",
                    name,
                    "classes",
                    List.of(name + " < " + threshold, name + " >= " + threshold),
                    "atLeast",
                    atLeast);
        }
        if (values.distinct.size() < 2) {
            throw new DataException("label '" + name + "' has " + values.distinct.size() + " distinct value(s); a "
                    + "classification needs at least two");
        }
        if (values.distinct.size() > MAX_CLASSES) {
            throw new DataException("label '" + name + "' has " + values.distinct.size() + " distinct values, too many"
                    + " for classes (at most " + MAX_CLASSES
                    + "); binarise a numeric label with --positive-at-least T");
        }
        List<String> classes = new ArrayList<>(values.distinct);
        if (values.numeric) {
            classes.sort((a, b) -> Double.compare(Double.parseDouble(a.strip()), Double.parseDouble(b.strip())));
        }
        Map<String, Integer> mapped = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            mapped.put(classes.get(i), i);
        }
        return Map.of("column", name, "classes", classes, "values", mapped);
    }

    private static String sample(Values values) {
        return String.join(
                ", ", values.distinct.stream().limit(3).map(v -> "'" + v + "'").toList());
    }

    private record Values(TreeSet<String> distinct, boolean numeric, int missing) {}

    private static Values values(CsvTable table, int c) {
        TreeSet<String> distinct = new TreeSet<>();
        boolean numeric = true;
        int missing = 0;
        for (CsvTable.Row row : table.rows()) {
            String raw = row.get(c).strip();
            if (MISSING.contains(raw)) {
                missing++;
                continue;
            }
            distinct.add(raw);
            numeric &= isNumber(raw);
        }
        return new Values(distinct, numeric, missing);
    }

    static boolean isNumber(String raw) {
        return DECIMAL.matcher(raw).matches();
    }

    static int column(CsvTable table, String name, String what) throws DataException {
        return table.column(name)
                .orElseThrow(() -> new DataException(what + ": " + table.source() + " has no column '" + name
                        + "'; its columns are " + String.join(", ", table.header())));
    }
}
