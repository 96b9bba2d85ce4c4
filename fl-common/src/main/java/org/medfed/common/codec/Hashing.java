package org.medfed.common.codec;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests; hex is always lower case, the one form the ledger stores. */
public final class Hashing {
    private static final HexFormat HEX = HexFormat.of();
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Hashing() {}

    public static byte[] sha256(byte[] data) {
        return newSha256().digest(data);
    }

    public static String sha256Hex(byte[] data) {
        return HEX.formatHex(sha256(data));
    }

    /** Reads the stream to its end; the caller closes it. */
    public static String sha256Hex(InputStream in) throws IOException {
        MessageDigest digest = newSha256();
        byte[] buffer = new byte[64 * 1024];
        for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HEX.formatHex(digest.digest());
    }

    /** True only for exactly 64 lower-case hex digits. */
    public static boolean isSha256Hex(String value) {
        return value != null && SHA256_HEX.matcher(value).matches();
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
