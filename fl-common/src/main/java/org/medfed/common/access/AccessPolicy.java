package org.medfed.common.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * The consortium's access policy, as data: rules tried in order (the first that matches decides, none denies) and
 * the break-glass terms. Versions count up from 1; the ledger keeps every version and adds who set it when.
 */
public record AccessPolicy(
        long version, List<PolicyRule> rules, BreakGlassPolicy breakGlass, String setBy, Instant setAt)
        implements JsonRecord {
    public static final int MAX_RULES = 256;

    public AccessPolicy {
        Checks.range("version", version, 1, Long.MAX_VALUE);
        Checks.required("rules", rules);
        if (rules.size() > MAX_RULES || rules.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("rules must hold at most " + MAX_RULES + " rules");
        }
        rules = List.copyOf(rules);
        Checks.required("breakGlass", breakGlass);
        Checks.sha256("setBy", setBy);
        Checks.required("setAt", setAt);
    }

    /** Decodes what an admin submits; the ledger adds who set it and when. */
    public static AccessPolicy fromRequest(Map<String, Object> json, String setBy, Instant setAt) {
        JsonFields.requireOnly(json, "version", "rules", "breakGlass");
        return read(json, setBy, setAt);
    }

    /** What an admin submits: the policy without {@code setBy} and {@code setAt}. */
    public Map<String, Object> requestJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("version", version);
        json.put("rules", rules.stream().map(PolicyRule::toJson).toList());
        json.put("breakGlass", breakGlass.toJson());
        return json;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = requestJson();
        json.put("setBy", setBy);
        json.put("setAt", setAt.toString());
        return json;
    }

    public static AccessPolicy fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "version", "rules", "breakGlass", "setBy", "setAt");
        return read(json, JsonFields.string(json, "setBy"), JsonFields.instant(json, "setAt"));
    }

    private static AccessPolicy read(Map<String, Object> json, String setBy, Instant setAt) {
        return new AccessPolicy(
                JsonFields.integer(json, "version"),
                JsonFields.objects(json, "rules").stream()
                        .map(PolicyRule::fromJson)
                        .toList(),
                BreakGlassPolicy.fromJson(JsonFields.object(json, "breakGlass")),
                setBy,
                setAt);
    }
}
