package org.medfed.common.secagg;

import java.util.Map;
import java.util.TreeMap;

/** A participant's side of masking: its integer input becomes y_i, which alone says nothing about x_i. */
public final class Masking {
    private Masking() {}

    /**
     * y = x + m(b_i) + Σ sgn(i, j)·m(s_ij) mod 2^32, over the peers j = N(i) ∩ U2 given in {@code peerMaskKeys}
     * (peer id → its mask public key c_j), with sgn(i, j) = +1 when i &lt; j and −1 otherwise. The sum over a pair
     * cancels in the total; the self mask is removed by the ledger once b_i is revealed. {@code input} is unchanged.
     *
     * @throws SecAggException if a peer's key is malformed or of small order
     */
    public static int[] mask(
            int[] input,
            RoundContext c,
            String self,
            byte[] selfSeed,
            byte[] maskPrivate,
            Map<String, byte[]> peerMaskKeys) {
        int[] masked = input.clone();
        MaskGenerator.addTo(masked, selfSeed, c, MaskGenerator.selfLabel(self), 1);
        for (Map.Entry<String, byte[]> peer : new TreeMap<>(peerMaskKeys).entrySet()) {
            String j = peer.getKey();
            byte[] pairSeed = X25519.agree(maskPrivate, peer.getValue());
            MaskGenerator.addTo(masked, pairSeed, c, MaskGenerator.pairLabel(self, j), sign(self, j));
        }
        return masked;
    }

    /** sgn(i, j): +1 when i sorts before j, −1 otherwise. */
    static int sign(String i, String j) {
        return i.compareTo(j) < 0 ? 1 : -1;
    }
}
