package org.medfed.common.secagg;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import org.medfed.common.codec.Hashing;

/**
 * A whole secure round played from fixed secrets, as the clients and the ledger would play it: the unit tests and the
 * test-vector generator share it so the vectors describe exactly the rounds the tests check.
 */
final class RoundFixture {
    static final RoundContext CONTEXT = new RoundContext("task-1", 3, 2);
    static final String BASE_MODEL = Hashing.sha256Hex(new byte[] {1, 2, 3});

    final int k;
    final int t;
    final NeighbourGraph graph;
    final SortedMap<String, byte[]> maskPrivate = new TreeMap<>();
    final SortedMap<String, byte[]> maskPublic = new TreeMap<>();
    final SortedMap<String, byte[]> sharePrivate = new TreeMap<>();
    final SortedMap<String, byte[]> sharePublic = new TreeMap<>();
    final SortedMap<String, byte[]> seeds = new TreeMap<>();
    final SortedMap<String, int[]> inputs = new TreeMap<>();
    /** Polynomial coefficients, constant first, of each owner's seed and key. */
    final SortedMap<String, List<BigInteger>> seedPolynomials = new TreeMap<>();

    final SortedMap<String, List<BigInteger>> keyPolynomials = new TreeMap<>();
    final SortedSet<String> withShares;
    final SortedMap<String, int[]> masked = new TreeMap<>();
    final SortedSet<String> silent;

    /**
     * Participants {@code p0…p(n−1)}; all post keys, those in {@code noShares} post no shares, those in
     * {@code dropouts} mask nothing, those in {@code silent} survive but reveal nothing.
     */
    RoundFixture(
            int n,
            int k,
            int t,
            int length,
            long seed,
            Collection<Integer> noShares,
            Collection<Integer> dropouts,
            Collection<Integer> silent) {
        this.k = k;
        this.t = t;
        RandomGenerator random = new java.util.SplittableRandom(seed);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = id(i);
            ids.add(id);
            maskPrivate.put(id, bytes(random, 32));
            sharePrivate.put(id, bytes(random, 32));
            seeds.put(id, bytes(random, 32));
            int[] input = new int[length];
            for (int p = 0; p < length; p++) {
                input[p] = random.nextInt(-1000, 1001);
            }
            inputs.put(id, input);
            seedPolynomials.put(id, polynomial(seeds.get(id), t, random));
            keyPolynomials.put(id, polynomial(maskPrivate.get(id), t, random));
        }
        for (String id : ids) {
            maskPublic.put(id, X25519.publicKey(maskPrivate.get(id)));
            sharePublic.put(id, X25519.publicKey(sharePrivate.get(id)));
        }
        graph = NeighbourGraph.of(CONTEXT, BASE_MODEL, ids, k);
        withShares = new TreeSet<>(ids);
        noShares.forEach(i -> withShares.remove(id(i)));
        this.silent = new TreeSet<>();
        silent.forEach(i -> this.silent.add(id(i)));
        Set<String> dropped = new TreeSet<>();
        dropouts.forEach(i -> dropped.add(id(i)));
        for (String i : withShares) {
            if (!dropped.contains(i)) {
                masked.put(i, Masking.mask(inputs.get(i), CONTEXT, i, seeds.get(i), maskPrivate.get(i), peerKeys(i)));
            }
        }
    }

    /** A participant id: the SHA-256 of {@code "participant-<i>"}. */
    static String id(int i) {
        return Hashing.sha256Hex(("participant-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** c_j of every j ∈ N(i) ∩ U2: the peers i masks with. */
    Map<String, byte[]> peerKeys(String i) {
        SortedMap<String, byte[]> peers = new TreeMap<>();
        for (String j : graph.neighbours(i)) {
            if (withShares.contains(j)) {
                peers.put(j, maskPublic.get(j));
            }
        }
        return peers;
    }

    /** The share of {@code owner}'s secret of this kind held by {@code holder}. */
    Shamir.Share share(String owner, String holder, ShareKind kind) {
        List<BigInteger> polynomial = (kind == ShareKind.SEED ? seedPolynomials : keyPolynomials).get(owner);
        return Shamir.evaluate(polynomial, List.of(graph.abscissa(holder))).get(0);
    }

    /** Survivor j reveals, for each i ∈ N(j) ∩ U2, i's seed share if i survived and its key share if it dropped. */
    SortedMap<String, List<Shamir.Share>> revealed(ShareKind kind) {
        SortedMap<String, List<Shamir.Share>> byOwner = new TreeMap<>();
        for (String holder : masked.keySet()) {
            if (silent.contains(holder)) {
                continue;
            }
            for (String owner : graph.neighbours(holder)) {
                boolean survived = masked.containsKey(owner);
                if (withShares.contains(owner) && survived == (kind == ShareKind.SEED)) {
                    byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(share(owner, holder, kind));
                }
            }
        }
        return byOwner;
    }

    int[] unmask() {
        return Unmasking.unmask(
                CONTEXT, graph, withShares, masked, maskPublic, revealed(ShareKind.SEED), revealed(ShareKind.KEY), t);
    }

    int[] plainSum() {
        int[] sum = new int[inputs.get(inputs.firstKey()).length];
        for (String i : masked.keySet()) {
            int[] x = inputs.get(i);
            for (int p = 0; p < sum.length; p++) {
                sum[p] += x[p];
            }
        }
        return sum;
    }

    static byte[] bytes(RandomGenerator random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The secret then t − 1 field elements below 2^520, which is uniform enough for a fixture. */
    private static List<BigInteger> polynomial(byte[] secret, int t, RandomGenerator random) {
        List<BigInteger> coefficients = new ArrayList<>();
        coefficients.add(new BigInteger(1, secret));
        for (int i = 1; i < t; i++) {
            coefficients.add(new BigInteger(1, bytes(random, 65)));
        }
        return coefficients;
    }
}
