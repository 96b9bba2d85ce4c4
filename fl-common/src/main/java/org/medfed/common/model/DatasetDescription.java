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
public record DatasetDescription(
        String id,
        String ownerId,
        String schemaSha256,
        long rowCount,
        String contentSha256,
        String purpose,
        String consentBasis,
        String licence,
        Instant registeredAt)
        implements JsonRecord {
    public static final int MAX_TEXT = 512;
    public static final long MAX_ROWS = 1_000_000_000_000L;

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
        return DatasetRegistration.fromJson(json).describe(ownerId, registeredAt);
    }

    /** What was asked for: the description without its owner and registration time. */
    public DatasetRegistration registration() {
        return new DatasetRegistration(id, schemaSha256, rowCount, contentSha256, purpose, consentBasis, licence);
    }

    /** The request's fields and the two the ledger added (canonical JSON sorts the keys either way). */
    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>(registration().toJson());
        json.put("ownerId", ownerId);
        json.put("registeredAt", registeredAt.toString());
        return json;
    }

    public static DatasetDescription fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "id",
                "ownerId",
                "schemaSha256",
                "rowCount",
                "contentSha256",
                "purpose",
                "consentBasis",
                "licence",
                "registeredAt");
        String ownerId = JsonFields.string(json, "ownerId");
        Instant registeredAt = JsonFields.instant(json, "registeredAt");
        return DatasetRegistration.read(json).describe(ownerId, registeredAt);
    }
}
