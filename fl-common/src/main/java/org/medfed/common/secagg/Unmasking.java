package org.medfed.common.secagg;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The whole unmasking of a round from its public record: what every endorser computes for
 * {@code aggregator:aggregateRound}, and what {@code medfed verify} recomputes. Survivors and dropouts are taken in
 * id order.
 */
public final class Unmasking {
    private Unmasking() {}

    /**
     * S = Σ_{U3} y_i − Σ_{U3} m(b_i) − Σ_{d ∈ D} Σ_{i ∈ N(d) ∩ U3} sgn(i, d)·m(s_id), D = U2 \ U3, each b_i and
     * s_d^SK reconstructed from {@code threshold} revealed shares.
     *
     * @param withShares U2, the participants whose shares were posted
     * @param maskedBySurvivor U3: each survivor's masked input y_i
     * @param maskPublicKeys c_i of every participant of U1
     * @param seedSharesBySurvivor the revealed shares of each survivor's b_i
     * @param keySharesByDropout the revealed shares of each dropout's s_d^SK
     * @throws SecAggException if a secret has fewer than {@code threshold} shares or its shares are inconsistent, or
     *     a dropout's reconstructed key does not match its posted public key
     * @throws IllegalArgumentException if U3 is empty or not within U2, U2 not within U1, or the inputs differ in
     *     length
     */
    public static int[] unmask(
            RoundContext c,
            NeighbourGraph graph,
            SortedSet<String> withShares,
            SortedMap<String, int[]> maskedBySurvivor,
            Map<String, byte[]> maskPublicKeys,
            Map<String, List<Shamir.Share>> seedSharesBySurvivor,
            Map<String, List<Shamir.Share>> keySharesByDropout,
            int threshold) {
        SortedSet<String> survivors = new TreeSet<>(maskedBySurvivor.keySet());
        if (survivors.isEmpty()) {
            throw new IllegalArgumentException("there is nothing to unmask without a masked input");
        }
        if (!graph.members().containsAll(withShares)) {
            throw new IllegalArgumentException("every participant with shares must have keys");
        }
        if (!withShares.containsAll(survivors)) {
            throw new IllegalArgumentException("every participant with a masked input must have posted shares");
        }
        SortedSet<String> dropouts = new TreeSet<>(withShares);
        dropouts.removeAll(survivors);

        SecureSum sum = new SecureSum(c, maskedBySurvivor.get(survivors.first()).length);
        for (String survivor : survivors) {
            sum.addMasked(maskedBySurvivor.get(survivor));
            sum.removeSelfMask(survivor, reconstruct(seedSharesBySurvivor, survivor, "self-mask seed", threshold));
        }
        for (String dropout : dropouts) {
            byte[] dropoutKey = reconstruct(keySharesByDropout, dropout, "mask key", threshold);
            if (!Arrays.equals(X25519.publicKey(dropoutKey), key(maskPublicKeys, dropout))) {
                throw new SecAggException("the mask key reconstructed for " + dropout + " is not the one it posted");
            }
            for (String survivor : graph.neighbours(dropout)) {
                if (survivors.contains(survivor)) {
                    sum.removePairMask(survivor, dropout, dropoutKey, key(maskPublicKeys, survivor));
                }
            }
        }
        return sum.sum();
    }

    private static byte[] reconstruct(
            Map<String, List<Shamir.Share>> sharesByOwner, String owner, String what, int threshold) {
        List<Shamir.Share> shares = sharesByOwner.get(owner);
        if (shares == null || shares.size() < threshold) {
            throw new SecAggException("the " + what + " of " + owner + " has " + (shares == null ? 0 : shares.size())
                    + " revealed shares, " + threshold + " needed");
        }
        try {
            return Shamir.reconstruct(shares, threshold);
        } catch (SecAggException e) {
            throw new SecAggException("the " + what + " of " + owner + ": " + e.getMessage(), e);
        }
    }

    private static byte[] key(Map<String, byte[]> maskPublicKeys, String id) {
        byte[] key = maskPublicKeys.get(id);
        if (key == null) {
            throw new IllegalArgumentException("no mask public key for " + id);
        }
        return key;
    }
}
