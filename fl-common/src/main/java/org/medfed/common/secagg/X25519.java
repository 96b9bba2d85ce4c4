package org.medfed.common.secagg;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) on raw 32-byte strings, over the JDK's {@code XDH} provider. Private keys are the 32 bytes of the
 * scalar as drawn (the function clamps them, so they need not be clamped; Shamir shares them as they are); public
 * keys and shared secrets are u-coordinates, 32 bytes little-endian. An agreement that gives all zeros (a
 * small-order peer key) is refused, so no mask or share key can be forced to a known value.
 */
public final class X25519 {
    public static final int KEY_BYTES = 32;

    /** The probe scalar 0x01, 0x02, …, 0x20 that a posted public key is tried with before the ledger accepts it. */
    private static final byte[] PROBE_SCALAR = probeScalar();

    private static final byte[] BASE_POINT = basePoint();

    private X25519() {}

    /** A private scalar and its public key. The arrays are copies: changing them changes nothing else. */
    public record KeyMaterial(byte[] privateScalar32, byte[] publicKey32) {
        public KeyMaterial {
            privateScalar32 = requireKey("privateScalar32", privateScalar32).clone();
            publicKey32 = requireKey("publicKey32", publicKey32).clone();
        }

        @Override
        public byte[] privateScalar32() {
            return privateScalar32.clone();
        }

        @Override
        public byte[] publicKey32() {
            return publicKey32.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof KeyMaterial that
                    && Arrays.equals(privateScalar32, that.privateScalar32)
                    && Arrays.equals(publicKey32, that.publicKey32);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(privateScalar32) + Arrays.hashCode(publicKey32);
        }

        /** Names the public key only: a private key must not reach a log. */
        @Override
        public String toString() {
            return "KeyMaterial[publicKey32=" + HexFormat.of().formatHex(publicKey32) + "]";
        }
    }

    /** 32 bytes from {@code random} as the private scalar, and its public key. */
    public static KeyMaterial generate(SecureRandom random) {
        byte[] scalar = new byte[KEY_BYTES];
        random.nextBytes(scalar);
        return new KeyMaterial(scalar, publicKey(scalar));
    }

    /** X25519(scalar, 9). */
    public static byte[] publicKey(byte[] privateScalar32) {
        return agree(privateScalar32, BASE_POINT);
    }

    /**
     * X25519(scalar, u). The top bit of u's last byte is ignored and u ≥ 2^255 − 19 is reduced, as RFC 7748 says.
     *
     * @throws SecAggException if a key is not 32 bytes or the result is all zeros (u is of small order)
     */
    public static byte[] agree(byte[] privateScalar32, byte[] publicKey32) {
        requireKey("private scalar", privateScalar32);
        requireKey("public key", publicKey32);
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey privateKey =
                    factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateScalar32.clone()));
            PublicKey publicKey =
                    factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u(publicKey32)));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(privateKey);
            agreement.doPhase(publicKey, true);
            byte[] secret = agreement.generateSecret();
            if (isAllZero(secret)) {
                throw new SecAggException("X25519 gave all zeros: the public key is of small order");
            }
            return secret;
        } catch (InvalidKeyException e) {
            throw new SecAggException("X25519 refused the key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform since 11 must provide X25519", e);
        }
    }

    /** The ledger's check on a posted key: 32 bytes, and its agreement with the probe scalar is not all zeros. */
    public static boolean acceptablePublicKey(byte[] publicKey32) {
        if (publicKey32 == null || publicKey32.length != KEY_BYTES) {
            return false;
        }
        try {
            agree(PROBE_SCALAR, publicKey32);
            return true;
        } catch (SecAggException smallOrder) {
            return false;
        }
    }

    /** Little-endian bytes to the u-coordinate, with the top bit masked (RFC 7748, section 5). */
    private static BigInteger u(byte[] publicKey32) {
        byte[] bigEndian = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            bigEndian[i] = publicKey32[KEY_BYTES - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        return new BigInteger(1, bigEndian);
    }

    private static byte[] requireKey(String what, byte[] key) {
        Objects.requireNonNull(key, what);
        if (key.length != KEY_BYTES) {
            throw new SecAggException("an X25519 " + what + " has " + KEY_BYTES + " bytes, got " + key.length);
        }
        return key;
    }

    private static boolean isAllZero(byte[] bytes) {
        int or = 0;
        for (byte b : bytes) {
            or |= b;
        }
        return or == 0;
    }

    private static byte[] probeScalar() {
        byte[] scalar = new byte[KEY_BYTES];
        for (int i = 0; i < KEY_BYTES; i++) {
            scalar[i] = (byte) (i + 1);
        }
        return scalar;
    }

    private static byte[] basePoint() {
        byte[] u = new byte[KEY_BYTES];
        u[0] = 9;
        return u;
    }
}
