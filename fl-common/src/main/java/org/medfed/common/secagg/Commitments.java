package org.medfed.common.secagg;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Objects;
import org.medfed.common.codec.Hashing;

/**
 * The hash an owner posts with each encrypted share, so a share revealed later can be checked without anyone having
 * decrypted the ciphertext: a holder cannot reveal a share other than the one it was sent.
 */
public final class Commitments {
    private static final String PREFIX = "medfed-secagg-share|";

    private Commitments() {}

    /** Hex SHA-256 of {@code "medfed-secagg-share|" ctx "|" owner "|" holder "|" kind "|"} then the share's bytes. */
    public static String commit(RoundContext c, String owner, String holder, ShareKind kind, byte[] share) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(share, "share");
        if (share.length != Shamir.SHARE_BYTES) {
            throw new IllegalArgumentException("a share has " + Shamir.SHARE_BYTES + " bytes, got " + share.length);
        }
        String text = PREFIX + c.ctx() + "|" + Ids.require(owner) + "|" + Ids.require(holder) + "|" + kind.wire() + "|";
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(text.getBytes(UTF_8));
        data.writeBytes(share);
        return Hashing.sha256Hex(data.toByteArray());
    }
}
