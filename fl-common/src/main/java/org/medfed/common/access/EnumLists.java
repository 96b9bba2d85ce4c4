package org.medfed.common.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.WireName;

/** Lists of wire-named constants in the access records: sets in declaration order, so equal sets encode equally. */
final class EnumLists {
    private EnumLists() {}

    /** {@code values} in declaration order; duplicates and fewer than {@code min} entries are refused. */
    static <E extends Enum<E>> List<E> sortedUnique(String field, List<E> values, int min) {
        Objects.requireNonNull(values, field);
        if (values.size() < min || values.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException(
                    field + " must list at least " + min + " entr" + (min == 1 ? "y" : "ies"));
        }
        List<E> sorted = new ArrayList<>(values);
        sorted.sort(null);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i) == sorted.get(i - 1)) {
                throw new IllegalArgumentException(field + " lists " + sorted.get(i) + " twice");
            }
        }
        return List.copyOf(sorted);
    }

    static <E extends Enum<E>> List<E> read(Map<String, ?> json, String field, Function<String, E> parse) {
        return JsonFields.strings(json, field).stream().map(parse).toList();
    }

    /** Like {@link #read} but null when the field is absent or null. */
    static <E extends Enum<E>> List<E> readOptional(Map<String, ?> json, String field, Function<String, E> parse) {
        return json.get(field) == null ? null : read(json, field, parse);
    }

    static List<String> wires(List<? extends WireName> values) {
        return values == null ? null : values.stream().map(WireName::wire).toList();
    }
}
