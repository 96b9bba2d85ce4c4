package org.medfed.common.secagg;

import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * The shares a participant sends one neighbour {@code to}: the seed share and the mask-key share encrypted together
 * ({@code ciphertext}, base64 of nonce, AES-GCM ciphertext and tag) and a public hash commitment to each, so a later
 * reveal can be checked without the ciphertext's key.
 */
public record EncryptedShare(String to, String ciphertext, String seedCommitment, String keyCommitment)
        implements JsonRecord {

    public EncryptedShare {
        Checks.sha256("to", to);
        SecAggWire.base64("ciphertext", ciphertext);
        SecAggWire.hex("seedCommitment", seedCommitment, 32);
        SecAggWire.hex("keyCommitment", keyCommitment, 32);
    }

    /** The commitment to the share of {@code kind}. */
    public String commitment(ShareKind kind) {
        return kind == ShareKind.SEED ? seedCommitment : keyCommitment;
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of(
                "to", to, "ciphertext", ciphertext, "seedCommitment", seedCommitment, "keyCommitment", keyCommitment);
    }

    public static EncryptedShare fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "to", "ciphertext", "seedCommitment", "keyCommitment");
        return new EncryptedShare(
                JsonFields.string(json, "to"),
                JsonFields.string(json, "ciphertext"),
                JsonFields.string(json, "seedCommitment"),
                JsonFields.string(json, "keyCommitment"));
    }
}
