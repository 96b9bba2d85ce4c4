package org.medfed.client.ledger;

import java.util.Map;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.codec.JsonFields;

/** {@code access:getAttestation}: a patient's latest attestation and whether it holds at ledger time. */
public record AttestationView(RiskAttestation attestation, boolean live) {

    public static AttestationView fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "attestation", "live");
        return new AttestationView(
                RiskAttestation.fromJson(JsonFields.object(json, "attestation")), JsonFields.bool(json, "live"));
    }
}
