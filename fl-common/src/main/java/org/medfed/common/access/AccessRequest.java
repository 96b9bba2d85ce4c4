package org.medfed.common.access;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.PurposeOfUse;

/**
 * A request for a patient's records: the patient's reference and the purpose of use; optionally the scopes wanted
 * (absent: whatever the deciding rule allows) and a reason, which break-glass needs. A blank reason is no reason.
 */
public record AccessRequest(String patientRef, PurposeOfUse purpose, List<RecordScope> scopes, String reason)
        implements JsonRecord {
    public static final int MAX_REASON = 1024;

    public AccessRequest {
        AccessChecks.patientRef("patientRef", patientRef);
        Checks.required("purpose", purpose);
        scopes = scopes == null ? null : EnumLists.sortedUnique("scopes", scopes, 1);
        reason = reason == null || reason.isBlank() ? null : Checks.text("reason", reason, MAX_REASON);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("patientRef", patientRef);
        json.put("purpose", purpose.wire());
        if (scopes != null) {
            json.put("scopes", EnumLists.wires(scopes));
        }
        if (reason != null) {
            json.put("reason", reason);
        }
        return json;
    }

    public static AccessRequest fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "patientRef", "purpose", "scopes", "reason");
        return new AccessRequest(
                JsonFields.string(json, "patientRef"),
                PurposeOfUse.fromWire(JsonFields.string(json, "purpose")),
                EnumLists.readOptional(json, "scopes", RecordScope::fromWire),
                JsonFields.optionalString(json, "reason"));
    }
}
