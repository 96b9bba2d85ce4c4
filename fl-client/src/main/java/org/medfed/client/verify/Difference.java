package org.medfed.client.verify;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The first thing a recomputed round does not share with the ledger's record: which field, and both values. */
public record Difference(String field, String recorded, String recomputed) {
    public Difference {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(recomputed, "recomputed");
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("field", field);
        json.put("recorded", recorded);
        json.put("recomputed", recomputed);
        return json;
    }
}
