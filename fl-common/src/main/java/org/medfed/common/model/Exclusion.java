package org.medfed.common.model;

import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/** A participant (or its update) left out of a round, why, and optionally a short detail for people. */
public record Exclusion(String participantId, ExclusionReason reason, String detail) implements JsonRecord {

    public Exclusion {
        Checks.sha256("participantId", participantId);
        Checks.required("reason", reason);
        Checks.optionalText("detail", detail, 512);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("participantId", participantId);
        json.put("reason", reason.wire());
        json.put("detail", detail);
        return json;
    }

    public static Exclusion fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "participantId", "reason", "detail");
        return new Exclusion(
                JsonFields.string(json, "participantId"),
                ExclusionReason.fromWire(JsonFields.string(json, "reason")),
                JsonFields.optionalString(json, "detail"));
    }
}
