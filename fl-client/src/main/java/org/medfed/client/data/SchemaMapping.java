package org.medfed.client.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How every participant of a task turns its CSV table into features and labels: the same file, pinned by its
 * {@link #fingerprint()}, is used by every site, so every site produces the same columns, in the same order, scaled
 * the same way. The JSON format (every key is checked; unknown keys are errors):
 * <pre>{@code
 * {
 *   "name": "heart-disease-4sites",
 *   "features": ["age", "cp", ...],              // in this order; categorical ones expand in place
 *   "label": {"column": "num", "classes": ["absent", "present"], "atLeast": 1},
 *            // or "values": {"B": 0, "M": 1} mapping raw values to indices into "classes"
 *   "drop": ["slope", "ca", "thal"],             // every header column must be a feature, the label,
 *                                                // the partition column or dropped (drop: if present)
 *   "partition": {"column": "site"},             // optional: the column naming the participant
 *   "missing": {"markers": ["", "?", "NA"], "policy": "drop-row", "impute": {"chol": 240}},
 *                                                // policy: drop-row | fail; impute wins over policy
 *   "categorical": {"cp": {"levels": ["1", "2", "3", "4"], "dropFirst": true}},
 *   "scaling": {"method": "z-score", "stats": {"age": {"mean": 53.5, "std": 9.4}, ...}}
 *              // or "min-max" with {"min": .., "max": ..}, or "none"; one entry per numeric feature
 * }
 * }</pre>
 *
 * <p>Scaling statistics are <em>declared</em> (published by the task creator, see {@link DeclaredStatistics}),
 * never computed from the local rows: FedAvg averages weights coordinate by coordinate, which only makes sense if
 * the same raw value means the same input everywhere. A site that standardised with its own mean and standard
 * deviation would feed the shared model differently shifted inputs (age 60 would be +0.5 at one hospital and
 * -0.3 at another), so the averaged first layer would fit none of them. See {@code docs/data.md}.
 *
 * @param fingerprint SHA-256 (hex) of the mapping's canonical JSON ({@code CanonicalJson}): independent of
 *     whitespace and key order, so it can be pinned in a task
 */
public record SchemaMapping(
        String name,
        List<String> features,
        Label label,
        List<String> drop,
        Optional<String> partitionColumn,
        Missing missing,
        Map<String, Categorical> categorical,
        Scaling scaling,
        String fingerprint) {

    /** The label column and how its raw values become class indices. */
    public record Label(String column, List<String> classes, Map<String, Integer> values, Optional<Double> atLeast) {
        public Label {
            classes = List.copyOf(classes);
            values = Map.copyOf(values);
        }

        /** The class index of a raw (stripped, present) value, or empty when the mapping does not know it. */
        Optional<Integer> classOf(String raw) {
            if (atLeast.isEmpty()) {
                return Optional.ofNullable(values.get(raw));
            }
            Optional<Double> number = Numbers.parse(raw);
            return number.map(x -> x >= atLeast.get() ? 1 : 0);
        }
    }

    public enum Policy {
        DROP_ROW,
        FAIL
    }

    /** Which raw values mean "missing" and what to do about them. */
    public record Missing(Set<String> markers, Policy policy, Map<String, String> impute) {
        public Missing {
            markers = Set.copyOf(markers);
            impute = Map.copyOf(impute);
        }

        boolean isMissing(String raw) {
            return markers.contains(raw.strip());
        }
    }

    /** One-hot encoding over a declared level list; {@code dropFirst} leaves the first level out (all zeros). */
    public record Categorical(List<String> levels, boolean dropFirst) {
        public Categorical {
            levels = List.copyOf(levels);
        }

        List<String> encodedLevels() {
            return dropFirst ? levels.subList(1, levels.size()) : levels;
        }
    }

    public SchemaMapping {
        features = List.copyOf(features);
        drop = List.copyOf(drop);
        categorical = Map.copyOf(categorical);
    }

    /** Reads and validates a mapping file; every problem is reported at once. */
    public static SchemaMapping load(Path file) throws DataException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException("cannot read schema mapping " + file + ": " + e, e);
        }
        return parse(text, file.toString());
    }

    public static SchemaMapping parse(String json, String source) throws DataException {
        return MappingParser.parse(json, source);
    }

    /** The encoded feature names in model input order: {@code age}, or {@code cp=2} for a one-hot column. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (String feature : features) {
            Categorical levels = categorical.get(feature);
            if (levels == null) {
                names.add(feature);
            } else {
                levels.encodedLevels().forEach(level -> names.add(feature + "=" + level));
            }
        }
        return List.copyOf(names);
    }

    /** The features that are read as numbers (and scaled): every feature that is not categorical. */
    public List<String> numericFeatures() {
        return features.stream().filter(f -> !categorical.containsKey(f)).toList();
    }

    /** Applies the mapping to every row of {@code table} (for a partitioned table: every participant's rows). */
    public TabularDataset apply(CsvTable table) throws DataException {
        return TableMapper.map(this, table, Optional.empty());
    }

    /** Applies the mapping to the rows of one participant: those whose partition column equals {@code partition}. */
    public TabularDataset apply(CsvTable table, String partition) throws DataException {
        return TableMapper.map(this, table, Optional.of(partition));
    }
}
