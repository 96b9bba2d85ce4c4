package org.medfed.common.secagg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Expands a 32-byte seed into a mask of P words in Z/2^32: the AES-256-CTR keystream (zero initial counter block)
 * under HKDF(seed, {@code mask|ctx|label}), read as little-endian 32-bit words. The label separates the self mask
 * from each pairwise mask, and the context separates attempts, so no two masks in the protocol share a keystream.
 */
public final class MaskGenerator {
    /** Words per chunk: masks are streamed, so unmasking needs no second vector of length P. */
    static final int CHUNK_WORDS = 16 * 1024;

    private static final String TRANSFORMATION = "AES/CTR/NoPadding";

    private MaskGenerator() {}

    /** {@code self|id}: the label of i's self mask m(b_i). */
    public static String selfLabel(String id) {
        return "self|" + Ids.require(id);
    }

    /** {@code pair|min|max}: the label of the pairwise mask of a and b, the same from either side. */
    public static String pairLabel(String a, String b) {
        Ids.require(a);
        Ids.require(b);
        if (a.equals(b)) {
            throw new IllegalArgumentException("a pairwise mask needs two participants, got " + a + " twice");
        }
        return a.compareTo(b) < 0 ? "pair|" + a + "|" + b : "pair|" + b + "|" + a;
    }

    /** m(seed, label) of {@code length} words; the words are unsigned in the protocol, Java ints here. */
    public static int[] expand(byte[] seed, RoundContext c, String label, int length) {
        int[] words = new int[requireLength(length)];
        addTo(words, seed, c, label, 1);
        return words;
    }

    /** {@code target += sign·m(seed, label)} mod 2^32, with m as long as {@code target}; sign is +1 or −1. */
    public static void addTo(int[] target, byte[] seed, RoundContext c, String label, int sign) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("sign is +1 or -1, got " + sign);
        }
        Cipher cipher = keystream(seed, c, label);
        int chunk = Math.min(Math.max(target.length, 1), CHUNK_WORDS);
        byte[] zeros = new byte[chunk * Integer.BYTES];
        byte[] stream = new byte[zeros.length];
        IntBuffer words = ByteBuffer.wrap(stream).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        try {
            for (int from = 0; from < target.length; from += chunk) {
                int count = Math.min(chunk, target.length - from);
                int produced = cipher.update(zeros, 0, count * Integer.BYTES, stream, 0);
                if (produced != count * Integer.BYTES) {
                    throw new IllegalStateException("AES-CTR gave " + produced + " bytes for " + count + " words");
                }
                for (int i = 0; i < count; i++) {
                    target[from + i] += sign * words.get(i);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR failed", e);
        }
    }

    private static Cipher keystream(byte[] seed, RoundContext c, String label) {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(label, "label");
        if (seed.length != Shamir.SECRET_BYTES) {
            throw new IllegalArgumentException("a mask seed has " + Shamir.SECRET_BYTES + " bytes, got " + seed.length);
        }
        byte[] key = Hkdf.derive(seed, "mask|" + c.ctx() + "|" + label);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform must provide " + TRANSFORMATION, e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static int requireLength(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be at least 0, got " + length);
        }
        return length;
    }
}
