package org.medfed.client.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.medfed.client.data.SchemaMapping.Categorical;
import org.medfed.client.data.SchemaMapping.Label;
import org.medfed.client.data.SchemaMapping.Missing;
import org.medfed.client.data.SchemaMapping.Policy;
import org.medfed.common.codec.CanonicalJson;

/**
 * Reads the JSON form of a {@link SchemaMapping}, collecting every problem before it fails. It parses with
 * {@link CanonicalJson} rather than Gson: that parser refuses duplicate keys (Gson keeps the last one silently, so two
 * sites could read one file differently) and its tree is what the fingerprint hashes.
 */
final class MappingParser {

    private final JsonChecks json = new JsonChecks();
    private final List<String> problems = json.problems;

    private MappingParser() {}

    static SchemaMapping parse(String json, String source) throws DataException {
        Object document;
        try {
            document = CanonicalJson.parse(json);
        } catch (IllegalArgumentException e) {
            throw new DataException("schema mapping " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        MappingParser parser = new MappingParser();
        SchemaMapping mapping = parser.mapping(document, fingerprint(document));
        if (!parser.problems.isEmpty()) {
            throw new DataException("schema mapping " + source + " is invalid: " + String.join("; ", parser.problems));
        }
        return mapping;
    }

    private static String fingerprint(Object document) {
        try {
            byte[] canonical = CanonicalJson.encode(document).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    private SchemaMapping mapping(Object document, String fingerprint) {
        Map<String, Object> root = json.object(document, "the top level");
        json.keys(root, "", "name", "features", "label", "drop", "partition", "missing", "categorical", "scaling");
        String name = json.string(root, "", "name", "\"heart-disease-4sites\"");
        List<String> features = json.strings(root, "", "features", true);
        if (features.isEmpty() && root.containsKey("features")) {
            problems.add("key 'features' is empty: list the feature columns");
        }
        Label label = label(root);
        List<String> drop = json.strings(root, "", "drop", false);
        Optional<String> partition = Optional.ofNullable(root.get("partition"))
                .map(p -> json.object(p, "partition"))
                .map(p -> {
                    json.keys(p, "partition.", "column");
                    return json.string(p, "partition.", "column", "\"site\"");
                });
        Map<String, Categorical> categorical = categorical(root, features);
        Missing missing = missing(root, features, categorical, label);
        Scaling scaling = scaling(root, features, categorical);
        overlaps(features, label, drop, partition);
        return new SchemaMapping(name, features, label, drop, partition, missing, categorical, scaling, fingerprint);
    }

    private void overlaps(List<String> features, Label label, List<String> drop, Optional<String> partition) {
        Set<String> seen = new LinkedHashSet<>();
        for (String f : features) {
            if (!seen.add(f)) {
                problems.add("key 'features' lists \"" + f + "\" twice");
            }
        }
        if (features.contains(label.column())) {
            problems.add(
                    "the label column \"" + label.column() + "\" is also in 'features': remove it from 'features'");
        }
        for (String d : drop) {
            if (features.contains(d) || d.equals(label.column())) {
                problems.add("key 'drop' lists \"" + d + "\", which is also a feature or the label: keep it in one");
            }
        }
        partition
                .filter(p -> features.contains(p) || p.equals(label.column()) || drop.contains(p))
                .ifPresent(p -> problems.add("the partition column \"" + p
                        + "\" must not be a feature, the label or dropped: remove it from those keys"));
    }

    private Label label(Map<String, Object> root) {
        Map<String, Object> label = json.object(root.getOrDefault("label", Map.of()), "label");
        if (!root.containsKey("label")) {
            problems.add("missing key 'label' (for example \"label\": {\"column\": \"diagnosis\", \"classes\": "
                    + "[\"benign\", \"malignant\"], \"values\": {\"B\": 0, \"M\": 1}})");
        }
        json.keys(label, "label.", "column", "classes", "values", "atLeast");
        String column = root.containsKey("label") ? json.string(label, "label.", "column", "\"diagnosis\"") : "";
        List<String> classes = root.containsKey("label") ? json.strings(label, "label.", "classes", true) : List.of();
        if (classes.size() < 2 && label.containsKey("classes")) {
            problems.add("key 'label.classes' needs at least two class names");
        }
        if (new LinkedHashSet<>(classes).size() != classes.size()) {
            problems.add("key 'label.classes' has duplicate names");
        }
        Map<String, Integer> values = new LinkedHashMap<>();
        Optional<Double> atLeast = Optional.empty();
        if (label.containsKey("values") == label.containsKey("atLeast")) {
            if (root.containsKey("label")) {
                problems.add("key 'label' needs exactly one of 'values' (raw value to class index, e.g. "
                        + "{\"B\": 0, \"M\": 1}) or 'atLeast' (a threshold: class 1 when value >= it, e.g. 1)");
            }
        } else if (label.containsKey("atLeast")) {
            atLeast = json.number(label.get("atLeast"), "label.atLeast");
            if (classes.size() != 2) {
                problems.add("key 'label.atLeast' gives two classes, so 'label.classes' must list exactly two");
            }
        } else {
            Map<String, Object> raw = json.object(label.get("values"), "label.values");
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                if (e.getValue() instanceof Long index && index >= 0 && index < classes.size()) {
                    values.put(e.getKey().strip(), index.intValue());
                } else {
                    problems.add("key 'label.values.\"" + e.getKey() + "\"' must be a class index from 0 to "
                            + (classes.size() - 1) + " (a position in 'label.classes'), got " + e.getValue());
                }
            }
            if (raw.isEmpty()) {
                problems.add("key 'label.values' is empty: map each raw label value to a class index");
            }
        }
        return new Label(column, classes, values, atLeast);
    }

    private Map<String, Categorical> categorical(Map<String, Object> root, List<String> features) {
        Map<String, Categorical> result = new LinkedHashMap<>();
        Map<String, Object> all = json.object(root.getOrDefault("categorical", Map.of()), "categorical");
        for (Map.Entry<String, Object> e : all.entrySet()) {
            String path = "categorical." + e.getKey() + ".";
            Map<String, Object> spec = json.object(e.getValue(), "categorical." + e.getKey());
            json.keys(spec, path, "levels", "dropFirst");
            List<String> levels = json.strings(spec, path, "levels", true);
            boolean dropFirst = Boolean.TRUE.equals(spec.get("dropFirst"));
            if (spec.containsKey("dropFirst") && !(spec.get("dropFirst") instanceof Boolean)) {
                problems.add("key '" + path + "dropFirst' must be true or false");
            }
            if (levels.size() < (dropFirst ? 2 : 1) || new LinkedHashSet<>(levels).size() != levels.size()) {
                problems.add("key '" + path + "levels' must list " + (dropFirst ? "at least two" : "the")
                        + " distinct values the column may take");
            }
            if (!features.contains(e.getKey())) {
                problems.add("key 'categorical' names \"" + e.getKey() + "\", which is not in 'features': add it "
                        + "there or remove its encoding");
            }
            result.put(e.getKey(), new Categorical(levels, dropFirst));
        }
        return result;
    }

    private Missing missing(
            Map<String, Object> root, List<String> features, Map<String, Categorical> categorical, Label label) {
        Map<String, Object> spec = json.object(root.getOrDefault("missing", Map.of()), "missing");
        json.keys(spec, "missing.", "markers", "policy", "impute");
        Set<String> markers = spec.containsKey("markers")
                ? new LinkedHashSet<>(json.strings(spec, "missing.", "markers", false))
                : Set.of("", "?", "NA");
        Policy policy = Policy.DROP_ROW;
        Object rawPolicy = spec.getOrDefault("policy", "drop-row");
        if ("fail".equals(rawPolicy)) {
            policy = Policy.FAIL;
        } else if (!"drop-row".equals(rawPolicy)) {
            problems.add("key 'missing.policy' must be \"drop-row\" or \"fail\", got " + rawPolicy);
        }
        Map<String, String> impute = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : json.object(spec.getOrDefault("impute", Map.of()), "missing.impute")
                .entrySet()) {
            String column = e.getKey();
            String value = e.getValue() instanceof String s
                    ? s
                    : e.getValue() instanceof Long || e.getValue() instanceof BigDecimal
                            ? e.getValue().toString()
                            : null;
            String path = "key 'missing.impute." + column + "'";
            if (!features.contains(column)) {
                problems.add(path + ": only feature columns can be imputed"
                        + (column.equals(label.column()) ? " (a row without a label is dropped or fails)" : ""));
            } else if (value == null) {
                problems.add(path + " must be a number or a string, got " + e.getValue());
            } else if (categorical.containsKey(column)
                    ? !categorical.get(column).levels().contains(value)
                    : Numbers.parse(value).isEmpty()) {
                problems.add(path + " must be "
                        + (categorical.containsKey(column)
                                ? "one of the declared levels "
                                        + categorical.get(column).levels()
                                : "a number")
                        + ", got " + value);
            } else {
                impute.put(column, value);
            }
        }
        return new Missing(markers, policy, impute);
    }

    private Scaling scaling(Map<String, Object> root, List<String> features, Map<String, Categorical> categorical) {
        if (!root.containsKey("scaling")) {
            problems.add("missing key 'scaling': declare {\"method\": \"z-score\", \"stats\": {...}} (or \"min-max\", "
                    + "or \"none\") so every participant scales the same way; DeclaredStatistics computes the stats "
                    + "from a reference sample");
            return Scaling.NONE;
        }
        Map<String, Object> spec = json.object(root.get("scaling"), "scaling");
        json.keys(spec, "scaling.", "method", "stats");
        Object rawMethod = spec.get("method");
        Scaling.Method method = null;
        for (Scaling.Method m : Scaling.Method.values()) {
            if (m.key().equals(rawMethod)) {
                method = m;
            }
        }
        if (method == null) {
            problems.add("key 'scaling.method' must be \"z-score\", \"min-max\" or \"none\", got " + rawMethod);
            return Scaling.NONE;
        }
        Map<String, Object> stats = json.object(spec.getOrDefault("stats", Map.of()), "scaling.stats");
        if (method == Scaling.Method.NONE) {
            if (!stats.isEmpty()) {
                problems.add("key 'scaling.stats' must be absent when 'scaling.method' is \"none\"");
            }
            return Scaling.NONE;
        }
        String first = method == Scaling.Method.Z_SCORE ? "mean" : "min";
        String second = method == Scaling.Method.Z_SCORE ? "std" : "max";
        Map<String, Scaling.Declared> declared = new LinkedHashMap<>();
        for (String feature : features) {
            if (!categorical.containsKey(feature) && !stats.containsKey(feature)) {
                problems.add("key 'scaling.stats." + feature + "' is missing: declare {\"" + first + "\": .., \""
                        + second + "\": ..} for every numeric feature");
            }
        }
        for (Map.Entry<String, Object> e : stats.entrySet()) {
            String path = "scaling.stats." + e.getKey();
            if (!features.contains(e.getKey()) || categorical.containsKey(e.getKey())) {
                problems.add("key '" + path + "' is not a numeric feature: remove it");
                continue;
            }
            Map<String, Object> s = json.object(e.getValue(), path);
            json.keys(s, path + ".", first, second);
            Optional<Double> a = json.number(s.get(first), path + "." + first);
            Optional<Double> b = json.number(s.get(second), path + "." + second);
            if (a.isPresent() && b.isPresent()) {
                if (method == Scaling.Method.Z_SCORE ? b.get() <= 0 : b.get() <= a.get()) {
                    problems.add("key '" + path + "': "
                            + (method == Scaling.Method.Z_SCORE
                                    ? "std must be positive"
                                    : "max must be greater than min"));
                } else {
                    declared.put(e.getKey(), new Scaling.Declared(a.get(), b.get()));
                }
            }
        }
        return new Scaling(method, declared);
    }
}
