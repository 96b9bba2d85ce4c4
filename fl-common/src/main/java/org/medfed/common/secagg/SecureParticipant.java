package org.medfed.common.secagg;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One participant's side of one attempt of a secure round (docs/secure-aggregation.md), as pure functions of its
 * three secrets and what the ledger shows: the keys it posts, the shares it sends its neighbours, its masked input
 * and its reveal. The client node, the simulation and the chaincode's tests all play a round with this class, so
 * there is one copy of the participant's rules. The secrets must be kept (the node journals them) until the round
 * is aggregated: a participant that comes back after a crash must mask with the same ones.
 */
public final class SecureParticipant {
    private final RoundContext context;
    private final String self;
    private final X25519.KeyMaterial maskKeys;
    private final X25519.KeyMaterial shareKeys;
    private final byte[] seed;

    public SecureParticipant(
            RoundContext context, String self, X25519.KeyMaterial maskKeys, X25519.KeyMaterial shareKeys, byte[] seed) {
        if (seed.length != Shamir.SECRET_BYTES) {
            throw new IllegalArgumentException("the self-mask seed must be " + Shamir.SECRET_BYTES + " bytes");
        }
        this.context = context;
        this.self = self;
        this.maskKeys = maskKeys;
        this.shareKeys = shareKeys;
        this.seed = seed.clone();
    }

    /** Fresh secrets for one attempt, all from {@code random}. */
    public static SecureParticipant create(RoundContext context, String self, SecureRandom random) {
        byte[] seed = new byte[Shamir.SECRET_BYTES];
        random.nextBytes(seed);
        return new SecureParticipant(context, self, X25519.generate(random), X25519.generate(random), seed);
    }

    public RoundContext context() {
        return context;
    }

    public String self() {
        return self;
    }

    /** The secrets, for a journal that must survive a restart: mask scalar, share scalar, seed, each 32 bytes. */
    public byte[] secrets() {
        byte[] out = new byte[96];
        System.arraycopy(maskKeys.privateScalar32(), 0, out, 0, 32);
        System.arraycopy(shareKeys.privateScalar32(), 0, out, 32, 32);
        System.arraycopy(seed, 0, out, 64, 32);
        return out;
    }

    /** The participant {@link #secrets()} came from. */
    public static SecureParticipant restore(RoundContext context, String self, byte[] secrets) {
        if (secrets.length != 96) {
            throw new IllegalArgumentException("secrets are 96 bytes, got " + secrets.length);
        }
        byte[] mask = java.util.Arrays.copyOfRange(secrets, 0, 32);
        byte[] share = java.util.Arrays.copyOfRange(secrets, 32, 64);
        return new SecureParticipant(
                context,
                self,
                new X25519.KeyMaterial(mask, X25519.publicKey(mask)),
                new X25519.KeyMaterial(share, X25519.publicKey(share)),
                java.util.Arrays.copyOfRange(secrets, 64, 96));
    }

    /** {@code maskKey} of {@code secagg:postKeys}, base64. */
    public String maskKey() {
        return Base64.getEncoder().encodeToString(maskKeys.publicKey32());
    }

    /** {@code shareKey} of {@code secagg:postKeys}, base64. */
    public String shareKey() {
        return Base64.getEncoder().encodeToString(shareKeys.publicKey32());
    }

    /**
     * The shares phase: Shamir shares of the seed and the mask key for each holder in {@code graph} (over U1): each
     * neighbour and this participant itself, encrypted to the holder's share key, with commitments.
     *
     * @param keys every participant's posted keys, by id
     */
    public List<EncryptedShare> shares(
            NeighbourGraph graph, Map<String, RoundKeys> keys, int threshold, SecureRandom random) {
        List<String> neighbours = List.copyOf(graph.holders(self));
        List<Integer> abscissas = neighbours.stream().map(graph::abscissa).toList();
        List<Shamir.Share> seedShares = Shamir.split(seed, threshold, abscissas, random);
        List<Shamir.Share> keyShares = Shamir.split(maskKeys.privateScalar32(), threshold, abscissas, random);
        List<EncryptedShare> out = new ArrayList<>();
        for (int i = 0; i < neighbours.size(); i++) {
            String to = neighbours.get(i);
            byte[] seedShare = seedShares.get(i).value();
            byte[] keyShare = keyShares.get(i).value();
            byte[] plaintext = new byte[2 * Shamir.SHARE_BYTES];
            System.arraycopy(seedShare, 0, plaintext, 0, Shamir.SHARE_BYTES);
            System.arraycopy(keyShare, 0, plaintext, Shamir.SHARE_BYTES, Shamir.SHARE_BYTES);
            String ciphertext = ShareCipher.encrypt(
                    shareKeys.privateScalar32(),
                    required(keys, to).shareKeyBytes(),
                    context,
                    self,
                    to,
                    plaintext,
                    random);
            out.add(new EncryptedShare(
                    to,
                    ciphertext,
                    Commitments.commit(context, self, to, ShareKind.SEED, seedShare),
                    Commitments.commit(context, self, to, ShareKind.KEY, keyShare)));
        }
        return out;
    }

    /**
     * The masked-input phase: {@code input} masked with the self mask and the pairwise masks of the neighbours that
     * posted shares (N(i) ∩ U2).
     */
    public int[] mask(int[] input, NeighbourGraph graph, Map<String, RoundKeys> keys, Set<String> withShares) {
        SortedMap<String, byte[]> peers = new TreeMap<>();
        for (String j : graph.neighbours(self)) {
            if (withShares.contains(j)) {
                peers.put(j, required(keys, j).maskKeyBytes());
            }
        }
        return Masking.mask(input, context, self, seed, maskKeys.privateScalar32(), peers);
    }

    /** What a survivor reveals, and the owners whose shares it had to leave out, with why. */
    public record RevealOutcome(List<RevealedShare> shares, List<String> problems) {
        public RevealOutcome {
            shares = List.copyOf(shares);
            problems = List.copyOf(problems);
        }
    }

    /**
     * The unmask phase: for each holder-mate (a neighbour, or itself) whose shares reached this participant, its
     * seed share if it survived, its mask-key share if it dropped (never both). A share that does not decrypt or
     * does not match its owner's commitment is left out and named in {@link RevealOutcome#problems()}: the ledger
     * would refuse the reveal for it, t shares from others suffice, and the owner is the one that cheated.
     */
    public RevealOutcome reveal(
            NeighbourGraph graph,
            Map<String, RoundKeys> keys,
            Map<String, ShareBundle> bundles,
            Set<String> survivors,
            Set<String> dropouts) {
        List<RevealedShare> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String owner : graph.holders(self)) {
            ShareBundle bundle = bundles.get(owner);
            boolean survived = survivors.contains(owner);
            if (bundle == null || !(survived || dropouts.contains(owner))) {
                continue;
            }
            EncryptedShare sent = bundle.to(self).orElse(null);
            if (sent == null) {
                continue;
            }
            byte[] plaintext;
            try {
                plaintext = ShareCipher.decrypt(
                        shareKeys.privateScalar32(),
                        required(keys, owner).shareKeyBytes(),
                        context,
                        owner,
                        self,
                        sent.ciphertext());
            } catch (SecAggException e) {
                problems.add(owner + ": its shares do not decrypt (" + e.getMessage() + ")");
                continue;
            }
            if (plaintext.length != 2 * Shamir.SHARE_BYTES) {
                problems.add(owner + ": its shares are " + plaintext.length + " bytes, not " + 2 * Shamir.SHARE_BYTES);
                continue;
            }
            ShareKind kind = survived ? ShareKind.SEED : ShareKind.KEY;
            int from = survived ? 0 : Shamir.SHARE_BYTES;
            byte[] share = java.util.Arrays.copyOfRange(plaintext, from, from + Shamir.SHARE_BYTES);
            java.util.Arrays.fill(plaintext, (byte) 0);
            if (Commitments.commit(context, owner, self, kind, share).equals(sent.commitment(kind))) {
                out.add(new RevealedShare(owner, kind, HexFormat.of().formatHex(share)));
            } else {
                problems.add(owner + ": its " + kind.wire() + " share does not match its commitment");
            }
        }
        return new RevealOutcome(out, problems);
    }

    private static RoundKeys required(Map<String, RoundKeys> keys, String id) {
        RoundKeys found = keys.get(id);
        if (found == null) {
            throw new IllegalArgumentException("no keys of " + id + " in this attempt");
        }
        return found;
    }
}
