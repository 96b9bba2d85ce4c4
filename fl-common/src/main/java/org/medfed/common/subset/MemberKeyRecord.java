package org.medfed.common.subset;

import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * An organisation's subset member key on the ledger: the X25519 public key that shared-subset rows are encrypted to
 * for it ({@link SubsetCipher}). Its private half stays with the organisation: its chaincode server (for the warm-up)
 * and its client nodes (for stage 2). Set by an admin of that organisation; a new key applies to later contributions.
 */
public record MemberKeyRecord(String mspId, String publicKey, String setBy, Instant setAt) implements JsonRecord {

    public MemberKeyRecord {
        Checks.id("mspId", mspId);
        Checks.required("publicKey", publicKey);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(publicKey);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("publicKey must be base64: " + e.getMessage(), e);
        }
        if (key.length != 32 || !org.medfed.common.secagg.X25519.acceptablePublicKey(key)) {
            throw new IllegalArgumentException("publicKey must be an acceptable 32-byte X25519 public key");
        }
        Checks.sha256("setBy", setBy);
        Checks.required("setAt", setAt);
    }

    public byte[] publicKeyBytes() {
        return Base64.getDecoder().decode(publicKey);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("mspId", mspId);
        json.put("publicKey", publicKey);
        json.put("setBy", setBy);
        json.put("setAt", setAt.toString());
        return json;
    }

    public static MemberKeyRecord fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "mspId", "publicKey", "setBy", "setAt");
        return new MemberKeyRecord(
                JsonFields.string(json, "mspId"),
                JsonFields.string(json, "publicKey"),
                JsonFields.string(json, "setBy"),
                JsonFields.instant(json, "setAt"));
    }
}
