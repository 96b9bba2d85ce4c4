package org.medfed.common.secagg;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 (RFC 5869) with the protocol's fixed salt: every symmetric key of secure aggregation (share encryption,
 * mask expansion) comes from here, separated by its {@code info} string, so one Diffie-Hellman secret or seed never
 * keys two different uses.
 */
public final class Hkdf {
    /** The protocol's salt; a new protocol version changes it, so no key of one version is valid in another. */
    public static final String SALT = "medfed-secagg-v1";

    public static final int KEY_BYTES = 32;

    private static final int HASH_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {}

    /** 32 bytes of HKDF-SHA256(salt {@value #SALT}, ikm, UTF-8 info). */
    public static byte[] derive(byte[] ikm, String info) {
        Objects.requireNonNull(info, "info");
        return hkdf(SALT.getBytes(UTF_8), ikm, info.getBytes(UTF_8), KEY_BYTES);
    }

    /** General HKDF-SHA256 extract then expand; package-private so the RFC's own test cases can check it. */
    static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        Objects.requireNonNull(ikm, "ikm");
        if (length < 1 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException(
                    "HKDF output length must be 1 to " + 255 * HASH_BYTES + ", got " + length);
        }
        byte[] prk = hmac(salt.length == 0 ? new byte[HASH_BYTES] : salt, ikm);
        Mac mac = mac(prk);
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        for (int i = 1, done = 0; done < length; i++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) i);
            block = mac.doFinal();
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, okm, done, n);
            done += n;
        }
        Arrays.fill(prk, (byte) 0);
        return okm;
    }

    static byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    private static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide " + HMAC, e);
        }
    }
}
