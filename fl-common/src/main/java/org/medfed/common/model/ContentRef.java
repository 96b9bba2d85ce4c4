package org.medfed.common.model;

import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/** Where a blob lives in IPFS and the SHA-256 of its bytes; the ledger never holds the blob itself. */
public record ContentRef(String cid, String sha256) implements JsonRecord {

    public ContentRef {
        Checks.cid("cid", cid);
        Checks.sha256("sha256", sha256);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("cid", cid, "sha256", sha256);
    }

    public static ContentRef fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "cid", "sha256");
        return new ContentRef(JsonFields.string(json, "cid"), JsonFields.string(json, "sha256"));
    }
}
