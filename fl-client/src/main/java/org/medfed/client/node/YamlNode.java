package org.medfed.client.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One YAML mapping with its dotted path; every lookup records a problem naming the full key instead of failing. */
final class YamlNode {

    private final String path;
    private final Map<?, ?> map;
    private final List<String> problems;

    private YamlNode(String path, Map<?, ?> map, List<String> problems) {
        this.path = path;
        this.map = map;
        this.problems = problems;
    }

    static YamlNode root(Object document, List<String> problems) {
        if (document instanceof Map<?, ?> map) {
            return new YamlNode("", map, problems);
        }
        problems.add("the file must be a YAML mapping of keys (role: hospital, mspId: ..., ...), got "
                + (document == null
                        ? "an empty file"
                        : "a " + document.getClass().getSimpleName()));
        return new YamlNode("", Map.of(), problems);
    }

    YamlNode child(String key) {
        Object value = map.get(key);
        if (value != null && !(value instanceof Map)) {
            problem(key, "must be a mapping of keys (indented lines below it), got '" + value + "'");
        }
        return new YamlNode(key(key), value instanceof Map<?, ?> m ? m : Map.of(), problems);
    }

    /** This mapping's keys, in the file's order. */
    List<String> keys() {
        return map.keySet().stream().map(String::valueOf).toList();
    }

    boolean has(String key) {
        return map.get(key) != null;
    }

    void allow(String... keys) {
        List<String> known = List.of(keys);
        for (Object key : map.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                String lower = String.valueOf(key).toLowerCase(Locale.ROOT);
                String hint = known.stream()
                        .filter(k -> k.toLowerCase(Locale.ROOT).equals(lower)
                                || distance(k.toLowerCase(Locale.ROOT), lower) <= 2)
                        .findFirst()
                        .map(k -> "did you mean '" + key(k) + "'? ")
                        .orElse("");
                problems.add("unknown key '" + key(String.valueOf(key)) + "' (" + hint + "allowed here: "
                        + String.join(", ", known) + ")");
            }
        }
    }

    void forbid(String key, String why) {
        if (has(key)) {
            problem(key, "does not apply to this role: " + why);
        }
    }

    String string(String key, String example) {
        Object value = map.get(key);
        if (value == null) {
            problems.add("missing key '" + key(key) + "' (for example " + key + ": " + example + ")");
            return "";
        }
        return scalar(key, value).orElse("");
    }

    Optional<String> optionalString(String key) {
        Object value = map.get(key);
        return value == null ? Optional.empty() : scalar(key, value);
    }

    /** Empty when missing or not a number; either is recorded as a problem. */
    Optional<Double> number(String key, String example) {
        if (!has(key)) {
            problems.add("missing key '" + key(key) + "' (for example " + key + ": " + example + ")");
            return Optional.empty();
        }
        return optionalNumber(key);
    }

    Optional<Double> optionalNumber(String key) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        problem(key, "must be a number, got '" + value + "'");
        return Optional.empty();
    }

    /** Empty when missing or not a whole number; either is recorded as a problem. */
    Optional<Long> integer(String key, String example) {
        if (!has(key)) {
            problems.add("missing key '" + key(key) + "' (for example " + key + ": " + example + ")");
            return Optional.empty();
        }
        return optionalInteger(key);
    }

    Optional<Long> optionalInteger(String key) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer || value instanceof Long) {
            return Optional.of(((Number) value).longValue());
        }
        problem(key, "must be a whole number, got '" + value + "'");
        return Optional.empty();
    }

    /** Empty when missing; a value other than true or false is recorded as a problem. */
    Optional<Boolean> optionalBoolean(String key) {
        Object value = map.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        problem(key, "must be true or false, got '" + value + "'");
        return Optional.empty();
    }

    List<String> strings(String key) {
        Object value = map.get(key);
        if (value == null) {
            problems.add("missing key '" + key(key) + "' (a list, for example " + key + ": [heart-fed]; [] for none)");
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problem(key, "must be a list, for example " + key + ": [heart-fed]");
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof String || item instanceof Number) {
                result.add(String.valueOf(item).strip());
            } else {
                problem(key, "must hold task ids, found '" + item + "'");
            }
        }
        return result;
    }

    void problem(String key, String message) {
        problems.add("key '" + key(key) + "' " + message);
    }

    private Optional<String> scalar(String key, Object value) {
        if (value instanceof String s && !s.isBlank()) {
            return Optional.of(s.strip());
        }
        if (value instanceof Number) {
            return Optional.of(value.toString());
        }
        problem(key, "must be a non-empty text value, got '" + value + "'");
        return Optional.empty();
    }

    private String key(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] current = new int[b.length() + 1];
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            previous = current;
        }
        return previous[b.length()];
    }
}
