package org.medfed.common.secagg;

import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/** One share revealed in clear in the unmask phase: of {@code owner}'s secret of {@code kind}, 66 bytes in hex. */
public record RevealedShare(String owner, ShareKind kind, String share) implements JsonRecord {
    public static final int SHARE_BYTES = 66;

    public RevealedShare {
        Checks.sha256("owner", owner);
        Checks.required("kind", kind);
        SecAggWire.hex("share", share, SHARE_BYTES);
    }

    public byte[] shareBytes() {
        return SecAggWire.hexBytes(share);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("owner", owner, "kind", kind.wire(), "share", share);
    }

    public static RevealedShare fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "owner", "kind", "share");
        return new RevealedShare(
                JsonFields.string(json, "owner"),
                ShareKind.fromWire(JsonFields.string(json, "kind")),
                JsonFields.string(json, "share"));
    }
}
