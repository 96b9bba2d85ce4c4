package org.medfed.common.secagg;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.medfed.common.codec.CanonicalJson;

/**
 * CanonicalJson's encoding with line breaks and two-space indents, for a vectors file people read in review: keys
 * sorted and scalars written exactly as CanonicalJson writes them, so removing the whitespace gives the canonical
 * text. Arrays of scalars stay on one line.
 */
final class PrettyJson {
    private PrettyJson() {}

    static String render(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                out.append("{}");
                return;
            }
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put((String) k, v));
            out.append("{\n");
            String inner = indent + "  ";
            int i = 0;
            for (Map.Entry<String, Object> entry : sorted.entrySet()) {
                out.append(inner).append(CanonicalJson.encode(entry.getKey())).append(": ");
                write(entry.getValue(), out, inner);
                out.append(++i < sorted.size() ? ",\n" : "\n");
            }
            out.append(indent).append('}');
        } else if (value instanceof List<?> list
                && list.stream().anyMatch(e -> e instanceof Map || e instanceof List)) {
            out.append("[\n");
            String inner = indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                out.append(inner);
                write(list.get(i), out, inner);
                out.append(i + 1 < list.size() ? ",\n" : "\n");
            }
            out.append(indent).append(']');
        } else if (value instanceof List<?> list) {
            out.append(list.stream().map(CanonicalJson::encode).collect(Collectors.joining(", ", "[", "]")));
        } else {
            out.append(CanonicalJson.encode(value));
        }
    }
}
