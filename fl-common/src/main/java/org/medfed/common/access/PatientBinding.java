package org.medfed.common.access;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * Which data holder a patient reference belongs to, fixed by the holder's first attestation: only that holder may
 * attest the patient again and release the patient's records.
 */
public record PatientBinding(String patientRef, String holderId, String datasetId, Instant boundAt)
        implements JsonRecord {

    public PatientBinding {
        AccessChecks.patientRef("patientRef", patientRef);
        Checks.sha256("holderId", holderId);
        Checks.id("datasetId", datasetId);
        Checks.required("boundAt", boundAt);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("patientRef", patientRef);
        json.put("holderId", holderId);
        json.put("datasetId", datasetId);
        json.put("boundAt", boundAt.toString());
        return json;
    }

    public static PatientBinding fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "patientRef", "holderId", "datasetId", "boundAt");
        return new PatientBinding(
                JsonFields.string(json, "patientRef"),
                JsonFields.string(json, "holderId"),
                JsonFields.string(json, "datasetId"),
                JsonFields.instant(json, "boundAt"));
    }
}
