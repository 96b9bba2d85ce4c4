package org.medfed.client.participation;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.common.secagg.Commitments;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.Masking;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundContext;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.Shamir;
import org.medfed.common.secagg.ShareBundle;
import org.medfed.common.secagg.ShareCipher;
import org.medfed.common.secagg.ShareKind;
import org.medfed.common.secagg.X25519;

/**
 * What a node sends in each phase of a secure round, computed from its journalled secrets and the ledger's view of
 * the attempt (docs/secure-aggregation.md, "Definitions"). No I/O: {@link SecureRoundParticipant} decides when, this
 * decides what.
 */
final class SecureMessages {
    private static final int SHARE_BYTES = RevealedShare.SHARE_BYTES;

    private SecureMessages() {}

    /** Fresh secrets for one attempt: the mask and share key pairs and the self-mask seed. */
    static SecureState secrets(String taskId, long round, long attempt, String baseModelSha256, SecureRandom random) {
        X25519.KeyMaterial mask = X25519.generate(random);
        X25519.KeyMaterial share = X25519.generate(random);
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return new SecureState(
                taskId,
                round,
                attempt,
                baseModelSha256,
                mask.privateScalar32(),
                mask.publicKey32(),
                share.privateScalar32(),
                share.publicKey32(),
                seed,
                null,
                null,
                null);
    }

    /**
     * One {@link EncryptedShare} per neighbour: Shamir shares (threshold {@code threshold}, abscissa = the holder's
     * position in U1) of the seed and of the mask private scalar, each committed, the pair encrypted to the holder's
     * share key.
     */
    static List<EncryptedShare> shares(
            SecureState self, String me, SecureRoundView view, int neighbours, int threshold, SecureRandom random) {
        RoundContext context = self.context();
        NeighbourGraph graph =
                NeighbourGraph.of(context, self.baseModelSha256(), view.keys().keySet(), neighbours);
        List<String> holders = view.neighboursOf(me);
        List<Integer> abscissas = holders.stream().map(graph::abscissa).toList();
        List<Shamir.Share> seedShares = Shamir.split(self.seed(), threshold, abscissas, random);
        List<Shamir.Share> keyShares = Shamir.split(self.maskPrivate(), threshold, abscissas, random);
        List<EncryptedShare> shares = new ArrayList<>();
        for (int h = 0; h < holders.size(); h++) {
            String holder = holders.get(h);
            byte[] seedShare = seedShares.get(h).value();
            byte[] keyShare = keyShares.get(h).value();
            byte[] plaintext = new byte[2 * SHARE_BYTES];
            System.arraycopy(seedShare, 0, plaintext, 0, SHARE_BYTES);
            System.arraycopy(keyShare, 0, plaintext, SHARE_BYTES, SHARE_BYTES);
            String ciphertext = ShareCipher.encrypt(
                    self.sharePrivate(),
                    view.keys().get(holder).shareKeyBytes(),
                    context,
                    me,
                    holder,
                    plaintext,
                    random);
            Arrays.fill(plaintext, (byte) 0);
            shares.add(new EncryptedShare(
                    holder,
                    ciphertext,
                    Commitments.commit(context, me, holder, ShareKind.SEED, seedShare),
                    Commitments.commit(context, me, holder, ShareKind.KEY, keyShare)));
        }
        return shares;
    }

    /** The neighbours whose pairwise masks go into this node's input: N(i) ∩ U2, with their mask keys. */
    static Map<String, byte[]> peerMaskKeys(String me, SecureRoundView view) {
        Map<String, byte[]> peers = new TreeMap<>();
        for (String neighbour : view.neighboursOf(me)) {
            RoundKeys keys = view.keys().get(neighbour);
            if (view.shares().containsKey(neighbour) && keys != null) {
                peers.put(neighbour, keys.maskKeyBytes());
            }
        }
        return peers;
    }

    /** y_i = x_i + m(b_i) + Σ sgn(i, j)·m(s_ij) mod 2^32 over {@link #peerMaskKeys}. */
    static int[] mask(int[] input, SecureState self, String me, SecureRoundView view) {
        return Masking.mask(input, self.context(), me, self.seed(), self.maskPrivate(), peerMaskKeys(me, view));
    }

    /** What a survivor reveals, and the neighbours' shares it could not use (undecryptable, not as committed). */
    record Reveals(List<RevealedShare> shares, List<String> problems) {}

    /**
     * For each neighbour that sent this node shares: its seed share if it survived, its mask-key share if it dropped
     * out, never both. A share that does not decrypt or does not match its commitment is left out (the ledger would
     * refuse the whole reveal for it) and named in {@link Reveals#problems()}.
     */
    static Reveals reveals(SecureState self, String me, SecureRoundView view) {
        Set<String> survivors = new HashSet<>(view.survivors());
        Set<String> dropouts = new HashSet<>(view.dropouts());
        List<RevealedShare> shares = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String owner : view.neighboursOf(me)) {
            ShareKind kind =
                    survivors.contains(owner) ? ShareKind.SEED : dropouts.contains(owner) ? ShareKind.KEY : null;
            ShareBundle bundle = view.shares().get(owner);
            RoundKeys keys = view.keys().get(owner);
            EncryptedShare sent = bundle == null ? null : bundle.to(me).orElse(null);
            if (kind == null || sent == null || keys == null) {
                continue;
            }
            byte[] plaintext;
            try {
                plaintext = ShareCipher.decrypt(
                        self.sharePrivate(), keys.shareKeyBytes(), self.context(), owner, me, sent.ciphertext());
            } catch (RuntimeException e) {
                problems.add(owner + ": its shares do not decrypt (" + e.getMessage() + ")");
                continue;
            }
            if (plaintext.length != 2 * SHARE_BYTES) {
                problems.add(owner + ": its shares are " + plaintext.length + " bytes, not " + 2 * SHARE_BYTES);
                continue;
            }
            int from = kind == ShareKind.SEED ? 0 : SHARE_BYTES;
            byte[] share = Arrays.copyOfRange(plaintext, from, from + SHARE_BYTES);
            Arrays.fill(plaintext, (byte) 0);
            if (!Commitments.commit(self.context(), owner, me, kind, share).equals(sent.commitment(kind))) {
                problems.add(owner + ": its " + kind.wire() + " share does not match its commitment");
                continue;
            }
            shares.add(new RevealedShare(owner, kind, HexFormat.of().formatHex(share)));
        }
        return new Reveals(shares, problems);
    }
}
