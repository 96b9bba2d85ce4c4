package org.medfed.client.ledger;

import java.util.Map;
import java.util.Optional;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Participant;

/**
 * {@code participant:getCaller}: who this identity is to the ledger; {@code participant} is empty when the identity
 * is not registered.
 */
public record Caller(
        String participantId, String mspId, String subject, boolean mspAdmin, Optional<Participant> participant) {

    static Caller fromJson(Map<String, Object> json) {
        Map<String, Object> registration = JsonFields.optionalObject(json, "participant");
        return new Caller(
                JsonFields.string(json, "participantId"),
                JsonFields.string(json, "mspId"),
                JsonFields.string(json, "subject"),
                JsonFields.bool(json, "mspAdmin"),
                Optional.ofNullable(registration).map(Participant::fromJson));
    }
}
