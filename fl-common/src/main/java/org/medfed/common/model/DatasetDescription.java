package org.medfed.common.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * A dataset a participant trains on, described but never stored: {@code schemaSha256} fingerprints its columns (see
 * {@link DatasetSchema}), {@code contentSha256} is the SHA-256 of the canonical local file, and the purpose, consent
 * basis and licence say under which terms it may be used. Dataset ids are unique on the ledger.
 */
public record DatasetDescription(String id, String ownerId, String schemaSha256, long rowCount, String contentSha256,
        String purpose, String consentBasis, String licence, Instant registeredAt) implements JsonRecord {
    public static final int MAX_TEXT = 512;
    public static final long MAX_ROWS = 1_000_000_000_000L;

    private static final String[] REQUEST_FIELDS =
            {"id", "schemaSha256", "rowCount", "contentSha256", "purpose", "consentBasis", "licence"};

    public DatasetDescription {
        Checks.id("id", id);
        Checks.sha256("ownerId", ownerId);
        Checks.sha256("schemaSha256", schemaSha256);
        Checks.range("rowCount", rowCount, 1, MAX_ROWS);
        Checks.sha256("contentSha256", contentSha256);
        Checks.text("purpose", purpose, MAX_TEXT);
        Checks.text("consentBasis", consentBasis, MAX_TEXT);
        Checks.text("licence", licence, MAX_TEXT);
        Checks.required("registeredAt", registeredAt);
    }

    /** Decodes what a participant submits; the ledger adds the owner and the registration time. */
    public static DatasetDescription fromRequest(Map<String, Object> json, String ownerId, Instant registeredAt) {
        JsonFields.requireOnly(json, REQUEST_FIELDS);
        return read(json, ownerId, registeredAt);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("id", id);
        json.put("ownerId", ownerId);
        json.put("schemaSha256", schemaSha256);
        json.put("rowCount", rowCount);
        json.put("contentSha256", contentSha256);
        json.put("purpose", purpose);
        json.put("consentBasis", consentBasis);
        json.put("licence", licence);
        json.put("registeredAt", registeredAt.toString());
        return json;
    }

    public static DatasetDescription fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "id", "ownerId", "schemaSha256", "rowCount", "contentSha256", "purpose",
                "consentBasis", "licence", "registeredAt");
        return read(json, JsonFields.string(json, "ownerId"), JsonFields.instant(json, "registeredAt"));
    }

    private static DatasetDescription read(Map<String, Object> json, String ownerId, Instant registeredAt) {
        return new DatasetDescription(JsonFields.string(json, "id"), ownerId, JsonFields.string(json, "schemaSha256"),
                JsonFields.integer(json, "rowCount"), JsonFields.string(json, "contentSha256"),
                JsonFields.string(json, "purpose"), JsonFields.string(json, "consentBasis"),
                JsonFields.string(json, "licence"), registeredAt);
    }
}
