package org.medfed.common.access;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;
import org.medfed.common.model.WireName;

/**
 * One row of an access policy: it matches a request when the requester's role, the purpose and the patient's risk
 * are each listed, and then allows the listed scopes for {@code grantSeconds} or denies. A deny rule has neither
 * scopes nor a duration.
 */
public record PolicyRule(
        List<Role> roles,
        List<PurposeOfUse> purposes,
        List<RiskClass> risks,
        Effect effect,
        List<RecordScope> scopes,
        Long grantSeconds)
        implements JsonRecord {
    public static final long MAX_GRANT_SECONDS = 30L * 24 * 3600;

    public enum Effect implements WireName {
        ALLOW("allow"),
        DENY("deny");

        private final String wire;

        Effect(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }

        public static Effect fromWire(String wire) {
            return WireName.parse(Effect.class, "effect", wire);
        }
    }

    public PolicyRule {
        roles = EnumLists.sortedUnique("roles", roles, 1);
        purposes = EnumLists.sortedUnique("purposes", purposes, 1);
        risks = EnumLists.sortedUnique("risks", risks, 1);
        Checks.required("effect", effect);
        if (effect == Effect.ALLOW) {
            scopes = EnumLists.sortedUnique("scopes", Checks.required("scopes", scopes), 1);
            Checks.range("grantSeconds", Checks.required("grantSeconds", grantSeconds), 1, MAX_GRANT_SECONDS);
        } else if (scopes != null || grantSeconds != null) {
            throw new IllegalArgumentException("a deny rule has no scopes and no grantSeconds");
        }
    }

    public static PolicyRule allow(
            List<Role> roles,
            List<PurposeOfUse> purposes,
            List<RiskClass> risks,
            List<RecordScope> scopes,
            long grantSeconds) {
        return new PolicyRule(roles, purposes, risks, Effect.ALLOW, scopes, grantSeconds);
    }

    public static PolicyRule deny(List<Role> roles, List<PurposeOfUse> purposes, List<RiskClass> risks) {
        return new PolicyRule(roles, purposes, risks, Effect.DENY, null, null);
    }

    public boolean matches(Role role, PurposeOfUse purpose, RiskClass risk) {
        return roles.contains(role) && purposes.contains(purpose) && risks.contains(risk);
    }

    public boolean allows() {
        return effect == Effect.ALLOW;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("roles", EnumLists.wires(roles));
        json.put("purposes", EnumLists.wires(purposes));
        json.put("risks", EnumLists.wires(risks));
        json.put("effect", effect.wire());
        if (allows()) {
            json.put("scopes", EnumLists.wires(scopes));
            json.put("grantSeconds", grantSeconds);
        }
        return json;
    }

    public static PolicyRule fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "roles", "purposes", "risks", "effect", "scopes", "grantSeconds");
        return new PolicyRule(
                EnumLists.read(json, "roles", Role::fromWire),
                EnumLists.read(json, "purposes", PurposeOfUse::fromWire),
                EnumLists.read(json, "risks", RiskClass::fromWire),
                Effect.fromWire(JsonFields.string(json, "effect")),
                EnumLists.readOptional(json, "scopes", RecordScope::fromWire),
                json.get("grantSeconds") == null ? null : JsonFields.integer(json, "grantSeconds"));
    }
}
