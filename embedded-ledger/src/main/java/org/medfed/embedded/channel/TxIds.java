package org.medfed.embedded.channel;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Fabric's transaction id, checked at endorsement and again at commit: lowercase hex of SHA-256(nonce ‖ creator). */
public final class TxIds {

    private TxIds() {}

    public static String compute(ByteString nonce, ByteString creator) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(nonce.toByteArray());
            sha.update(creator.toByteArray());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
