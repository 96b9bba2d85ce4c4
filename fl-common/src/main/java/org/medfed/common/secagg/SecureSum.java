package org.medfed.common.secagg;

import java.util.Objects;

/**
 * The ledger's unmasking as a running sum: add each survivor's y_i, then take off each revealed self mask and each
 * pairwise mask a dropout left behind. One masked input is held at a time, so memory is O(P) however many survivors
 * there are; the order of the steps does not matter (addition mod 2^32 is exact), though callers still go in sorted
 * order so every endorser runs the same code path.
 */
public final class SecureSum {
    private final RoundContext context;
    private final int[] words;

    public SecureSum(RoundContext c, int length) {
        this.context = Objects.requireNonNull(c, "c");
        if (length < 0) {
            throw new IllegalArgumentException("length must be at least 0, got " + length);
        }
        this.words = new int[length];
    }

    public void addMasked(int[] masked) {
        if (masked.length != words.length) {
            throw new IllegalArgumentException(
                    "a masked input has " + masked.length + " words, expected " + words.length);
        }
        for (int i = 0; i < words.length; i++) {
            words[i] += masked[i];
        }
    }

    /** Subtracts m(b_survivor, self|survivor), b reconstructed from its revealed seed shares. */
    public void removeSelfMask(String survivor, byte[] seed) {
        MaskGenerator.addTo(words, seed, context, MaskGenerator.selfLabel(survivor), -1);
    }

    /**
     * Subtracts sgn(survivor, dropout)·m(s), s = X25519(s_dropout^SK, c_survivor): the pairwise mask the survivor added
     * for a neighbour whose own masked input, which would have cancelled it, never came.
     */
    public void removePairMask(String survivor, String dropout, byte[] dropoutMaskPrivate, byte[] survivorMaskPublic) {
        byte[] pairSeed = X25519.agree(dropoutMaskPrivate, survivorMaskPublic);
        MaskGenerator.addTo(
                words, pairSeed, context, MaskGenerator.pairLabel(survivor, dropout), -Masking.sign(survivor, dropout));
    }

    /** The running words as signed 32-bit integers: once every mask is off, Σ x_i exactly. A copy. */
    public int[] sum() {
        return words.clone();
    }
}
