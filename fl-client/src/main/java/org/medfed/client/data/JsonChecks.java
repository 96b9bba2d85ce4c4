package org.medfed.client.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Typed lookups in a parsed JSON tree that record a problem naming the key instead of failing. */
final class JsonChecks {

    final List<String> problems = new ArrayList<>();

    Optional<Double> number(Object value, String path) {
        if (value instanceof Long || value instanceof BigDecimal) {
            double x = ((Number) value).doubleValue();
            if (Double.isFinite(x)) {
                return Optional.of(x);
            }
        }
        problems.add("key '" + path + "' must be a finite number, got " + (value == null ? "nothing" : value));
        return Optional.empty();
    }

    String string(Map<String, Object> map, String prefix, String key, String example) {
        Object value = map.get(key);
        if (value instanceof String s && !s.isBlank()) {
            return s.strip();
        }
        problems.add((value == null ? "missing key '" : "key '") + prefix + key + "'"
                + (value == null ? "" : " must be a non-empty string") + " (for example \"" + key + "\": "
                + example + ")");
        return "";
    }

    List<String> strings(Map<String, Object> map, String prefix, String key, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                problems.add("missing key '" + prefix + key + "' (a list of strings)");
            }
            return List.of();
        }
        List<String> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String s) {
                    result.add(s.strip());
                } else if (item instanceof Long || item instanceof BigDecimal) {
                    result.add(item.toString());
                } else {
                    problems.add("key '" + prefix + key + "' must hold strings, found " + item);
                }
            }
        } else {
            problems.add("key '" + prefix + key + "' must be a list, for example [\"a\", \"b\"]");
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> object(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        problems.add("key '" + path + "' must be a JSON object {...}, got " + value);
        return Map.of();
    }

    void keys(Map<String, Object> map, String prefix, String... allowed) {
        List<String> known = List.of(allowed);
        for (String key : map.keySet()) {
            if (!known.contains(key)) {
                problems.add("unknown key '" + prefix + key + "' (allowed here: " + String.join(", ", known) + ")");
            }
        }
    }
}
