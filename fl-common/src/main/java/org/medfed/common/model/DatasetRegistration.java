package org.medfed.common.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;

/**
 * What {@code dataset:registerDataset} takes: a {@link DatasetDescription} without what the ledger adds (the owner,
 * the caller, and the registration time). The one request form: the client writes it, the chaincode reads it.
 * Unchecked here: the description checks every field once the ledger has completed it.
 */
public record DatasetRegistration(
        String id,
        String schemaSha256,
        long rowCount,
        String contentSha256,
        String purpose,
        String consentBasis,
        String licence) {

    private static final String[] FIELDS = {
        "id", "schemaSha256", "rowCount", "contentSha256", "purpose", "consentBasis", "licence"
    };

    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("id", id);
        json.put("schemaSha256", schemaSha256);
        json.put("rowCount", rowCount);
        json.put("contentSha256", contentSha256);
        json.put("purpose", purpose);
        json.put("consentBasis", consentBasis);
        json.put("licence", licence);
        return json;
    }

    /** The request as submitted: exactly its seven fields. */
    public static DatasetRegistration fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, FIELDS);
        return read(json);
    }

    /** Its fields out of a request or a stored description (which has two more). */
    static DatasetRegistration read(Map<String, Object> json) {
        return new DatasetRegistration(
                JsonFields.string(json, "id"),
                JsonFields.string(json, "schemaSha256"),
                JsonFields.integer(json, "rowCount"),
                JsonFields.string(json, "contentSha256"),
                JsonFields.string(json, "purpose"),
                JsonFields.string(json, "consentBasis"),
                JsonFields.string(json, "licence"));
    }

    /** The description the ledger stores: this request, its owner and when it was registered. */
    public DatasetDescription describe(String ownerId, Instant registeredAt) {
        return new DatasetDescription(
                id, ownerId, schemaSha256, rowCount, contentSha256, purpose, consentBasis, licence, registeredAt);
    }
}
