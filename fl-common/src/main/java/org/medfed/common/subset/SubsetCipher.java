package org.medfed.common.subset;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.medfed.common.model.Checks;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.secagg.Hkdf;
import org.medfed.common.secagg.SecAggException;
import org.medfed.common.secagg.X25519;

/**
 * Encryption of a contributor's subset rows for the consortium: the rows go to IPFS once, under AES-256-GCM with a
 * random content key K, and K goes on the ledger wrapped for each member, under a key agreed between one ephemeral
 * X25519 key of this sealing and the member's published X25519 key (ECIES-style, so a seal needs no secret of the
 * contributor's). Task and dataset are in every additional-data string and the member also in its key-wrapping
 * key, so neither the blob nor a wrapped key can be moved to another task, dataset or member.
 */
public final class SubsetCipher {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private SubsetCipher() {}

    /**
     * A sealed contribution: the blob for IPFS (nonce ‖ ciphertext ‖ tag), this sealing's ephemeral public key and K
     * wrapped for each member, all base64.
     */
    public record Sealed(byte[] blob, String ephemeralPublicKey, SortedMap<String, String> wrappedKeys) {
        public Sealed {
            blob = Objects.requireNonNull(blob, "blob").clone();
            Objects.requireNonNull(ephemeralPublicKey, "ephemeralPublicKey");
            wrappedKeys = Collections.unmodifiableSortedMap(new TreeMap<>(wrappedKeys));
        }

        @Override
        public byte[] blob() {
            return blob.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Sealed that
                    && Arrays.equals(blob, that.blob)
                    && ephemeralPublicKey.equals(that.ephemeralPublicKey)
                    && wrappedKeys.equals(that.wrappedKeys);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(blob), ephemeralPublicKey, wrappedKeys);
        }
    }

    /**
     * Seals {@code rows} for the members of {@code memberPublicKeys} (MSP id to 32-byte X25519 public key).
     *
     * @throws IllegalArgumentException if there is no member, an id is not a valid id, or a public key is not an
     *     acceptable X25519 key (wrong length or small order)
     */
    public static Sealed seal(
            byte[] rows, String taskId, String datasetId, Map<String, byte[]> memberPublicKeys, SecureRandom random) {
        Objects.requireNonNull(rows, "rows");
        Checks.id("taskId", taskId);
        Checks.id("datasetId", datasetId);
        if (memberPublicKeys.isEmpty()) {
            throw new IllegalArgumentException("a shared subset is sealed for at least one member");
        }
        SortedMap<String, byte[]> members = new TreeMap<>(memberPublicKeys);
        members.forEach((mspId, publicKey) -> {
            ParticipantIds.mspId(mspId);
            if (!X25519.acceptablePublicKey(publicKey)) {
                throw new IllegalArgumentException("the subset key of member " + mspId
                        + " is not an acceptable X25519 public key (32 bytes, not of small order)");
            }
        });
        byte[] contentKey = new byte[KEY_BYTES];
        random.nextBytes(contentKey);
        X25519.KeyMaterial ephemeral = X25519.generate(random);
        byte[] ephemeralPrivate = ephemeral.privateScalar32();
        try {
            byte[] blob = encrypt(contentKey, rows, contentInfo(taskId, datasetId), random);
            SortedMap<String, String> wrapped = new TreeMap<>();
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                String info = wrapInfo(taskId, datasetId, member.getKey());
                byte[] kek = Hkdf.derive(X25519.agree(ephemeralPrivate, member.getValue()), info);
                try {
                    wrapped.put(
                            member.getKey(),
                            Base64.getEncoder().encodeToString(encrypt(kek, contentKey, info, random)));
                } finally {
                    Arrays.fill(kek, (byte) 0);
                }
            }
            return new Sealed(blob, Base64.getEncoder().encodeToString(ephemeral.publicKey32()), wrapped);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
            Arrays.fill(ephemeralPrivate, (byte) 0);
        }
    }

    /**
     * The rows of a sealed blob, opened by member {@code mspId} with its private key.
     *
     * @throws SubsetException if a key is malformed, the wrapped key is not this member's for this task and dataset,
     *     or the blob does not authenticate (tampered, or sealed for another task or dataset)
     */
    public static byte[] open(
            byte[] blob,
            String taskId,
            String datasetId,
            String mspId,
            byte[] memberPrivateKey,
            String ephemeralPublicKey,
            String wrappedKey) {
        Objects.requireNonNull(blob, "blob");
        Checks.id("taskId", taskId);
        Checks.id("datasetId", datasetId);
        ParticipantIds.mspId(mspId);
        String info = wrapInfo(taskId, datasetId, mspId);
        byte[] secret;
        try {
            secret = X25519.agree(memberPrivateKey, base64("ephemeral public key", ephemeralPublicKey));
        } catch (SecAggException e) {
            throw new SubsetException(
                    "the subset's ephemeral key or member " + mspId + "'s private key is unusable: " + e.getMessage(),
                    e);
        }
        byte[] kek = Hkdf.derive(secret, info);
        Arrays.fill(secret, (byte) 0);
        byte[] contentKey;
        try {
            contentKey = decrypt(kek, base64("wrapped key", wrappedKey), info, "the content key wrapped for " + mspId);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
        try {
            if (contentKey.length != KEY_BYTES) {
                throw new SubsetException("the content key wrapped for " + mspId + " has " + contentKey.length
                        + " bytes, not " + KEY_BYTES);
            }
            return decrypt(contentKey, blob, contentInfo(taskId, datasetId), "the subset blob of " + datasetId);
        } finally {
            Arrays.fill(contentKey, (byte) 0);
        }
    }

    static String contentInfo(String taskId, String datasetId) {
        return "medfed-subset-v1|" + taskId + "|" + datasetId;
    }

    static String wrapInfo(String taskId, String datasetId, String mspId) {
        return "medfed-subset-wrap|" + taskId + "|" + datasetId + "|" + mspId;
    }

    /** nonce ‖ AES-256-GCM(key, plaintext, aad = info), with a fresh nonce. */
    private static byte[] encrypt(byte[] key, byte[] plaintext, String info, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, key, nonce, info).doFinal(plaintext);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length)
                    .put(nonce)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    private static byte[] decrypt(byte[] key, byte[] sealed, String info, String what) {
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new SubsetException(
                    what + " has at least " + (NONCE_BYTES + TAG_BYTES) + " bytes, got " + sealed.length);
        }
        try {
            return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES), info)
                    .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SubsetException(
                    what + " does not authenticate: a wrong key, another task or dataset, or " + "altered bytes", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private static Cipher cipher(int mode, byte[] key, byte[] nonce, String info) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(8 * TAG_BYTES, nonce));
            cipher.updateAAD(info.getBytes(UTF_8));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide " + TRANSFORMATION, e);
        }
    }

    private static byte[] base64(String what, String value) {
        try {
            return Base64.getDecoder().decode(Objects.requireNonNull(value, what));
        } catch (IllegalArgumentException e) {
            throw new SubsetException("the " + what + " is not base64", e);
        }
    }
}
