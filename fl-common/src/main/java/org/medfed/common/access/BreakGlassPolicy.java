package org.medfed.common.access;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.Role;

/**
 * What emergency treatment with a written reason gets where the rules deny, and only for requesters whose role is in
 * {@code roles} (those who treat patients: a payer or a researcher never breaks the glass unless the policy says
 * so): {@code scopes} for {@code grantSeconds}, and a review. A requester's break-glass grant is flagged when it is
 * its {@code repeatThreshold}-th (or later) within {@code repeatWindowSeconds}.
 */
public record BreakGlassPolicy(
        List<Role> roles, List<RecordScope> scopes, long grantSeconds, long repeatWindowSeconds, long repeatThreshold)
        implements JsonRecord {
    public static final long MAX_WINDOW_SECONDS = 366L * 24 * 3600;
    public static final long MAX_THRESHOLD = 1000;

    public BreakGlassPolicy {
        roles = EnumLists.sortedUnique("breakGlass.roles", roles, 1);
        scopes = EnumLists.sortedUnique("breakGlass.scopes", scopes, 1);
        Checks.range("breakGlass.grantSeconds", grantSeconds, 1, PolicyRule.MAX_GRANT_SECONDS);
        Checks.range("breakGlass.repeatWindowSeconds", repeatWindowSeconds, 1, MAX_WINDOW_SECONDS);
        Checks.range("breakGlass.repeatThreshold", repeatThreshold, 1, MAX_THRESHOLD);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("roles", EnumLists.wires(roles));
        json.put("scopes", EnumLists.wires(scopes));
        json.put("grantSeconds", grantSeconds);
        json.put("repeatWindowSeconds", repeatWindowSeconds);
        json.put("repeatThreshold", repeatThreshold);
        return json;
    }

    public static BreakGlassPolicy fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "roles", "scopes", "grantSeconds", "repeatWindowSeconds", "repeatThreshold");
        return new BreakGlassPolicy(
                EnumLists.read(json, "roles", Role::fromWire),
                EnumLists.read(json, "scopes", RecordScope::fromWire),
                JsonFields.integer(json, "grantSeconds"),
                JsonFields.integer(json, "repeatWindowSeconds"),
                JsonFields.integer(json, "repeatThreshold"));
    }
}
