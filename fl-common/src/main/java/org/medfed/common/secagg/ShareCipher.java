package org.medfed.common.secagg;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption of the shares i sends j through the ledger: AES-256-GCM under HKDF(X25519(e_i, e_j)), with the info
 * string {@code share|ctx|i|j} both in the key and as additional data, so a ciphertext cannot be moved to another
 * attempt, sender or receiver. Every organisation stores the ciphertext; only j can read it.
 */
public final class ShareCipher {
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private ShareCipher() {}

    /** base64(nonce ‖ ciphertext ‖ tag), with a fresh 12-byte nonce from {@code random}. */
    public static String encrypt(
            byte[] senderSharePrivate,
            byte[] receiverSharePublic,
            RoundContext c,
            String from,
            String to,
            byte[] plaintext,
            SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return encrypt(senderSharePrivate, receiverSharePublic, c, from, to, plaintext, nonce);
    }

    /** With a given nonce, for test vectors only: a nonce used twice under one key breaks GCM. */
    static String encrypt(
            byte[] senderSharePrivate,
            byte[] receiverSharePublic,
            RoundContext c,
            String from,
            String to,
            byte[] plaintext,
            byte[] nonce) {
        Objects.requireNonNull(plaintext, "plaintext");
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("a nonce has " + NONCE_BYTES + " bytes, got " + nonce.length);
        }
        byte[] info = info(c, from, to);
        Cipher cipher = cipher(Cipher.ENCRYPT_MODE, senderSharePrivate, receiverSharePublic, info, nonce);
        try {
            byte[] sealed = cipher.doFinal(plaintext);
            return Base64.getEncoder()
                    .encodeToString(ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                            .put(nonce)
                            .put(sealed)
                            .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /**
     * The plaintext j recovers from what i posted.
     *
     * @throws SecAggException if the text is not base64, too short, or does not authenticate for this attempt, sender
     *     and receiver
     */
    public static byte[] decrypt(
            byte[] receiverSharePrivate,
            byte[] senderSharePublic,
            RoundContext c,
            String from,
            String to,
            String base64) {
        byte[] posted;
        try {
            posted = Base64.getDecoder().decode(Objects.requireNonNull(base64, "base64"));
        } catch (IllegalArgumentException e) {
            throw new SecAggException("an encrypted share is not base64", e);
        }
        if (posted.length < NONCE_BYTES + TAG_BYTES) {
            throw new SecAggException(
                    "an encrypted share has at least " + (NONCE_BYTES + TAG_BYTES) + " bytes, got " + posted.length);
        }
        byte[] nonce = Arrays.copyOf(posted, NONCE_BYTES);
        byte[] info = info(c, from, to);
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, receiverSharePrivate, senderSharePublic, info, nonce);
        try {
            return cipher.doFinal(posted, NONCE_BYTES, posted.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecAggException("an encrypted share from " + from + " to " + to + " does not authenticate", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static byte[] info(RoundContext c, String from, String to) {
        return ("share|" + c.ctx() + "|" + Ids.require(from) + "|" + Ids.require(to)).getBytes(UTF_8);
    }

    private static Cipher cipher(int mode, byte[] ownPrivate, byte[] peerPublic, byte[] info, byte[] nonce) {
        byte[] shared = X25519.agree(ownPrivate, peerPublic);
        byte[] key = Hkdf.hkdf(Hkdf.SALT.getBytes(UTF_8), shared, info, Hkdf.KEY_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(8 * TAG_BYTES, nonce));
            cipher.updateAAD(info);
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide " + TRANSFORMATION, e);
        } finally {
            Arrays.fill(shared, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }
}
