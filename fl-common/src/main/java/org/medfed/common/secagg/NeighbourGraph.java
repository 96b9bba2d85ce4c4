package org.medfed.common.secagg;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.medfed.common.codec.Hashing;

/**
 * The SecAgg+ neighbour graph of a round attempt: U1 (the participants with keys) on a ring ordered by a hash of
 * ledger data, each joined to the k/2 ring members on either side, or to everyone when |U1| − 1 ≤ k. Every
 * endorser and client computes the same graph from the same record, and no participant chooses its neighbours.
 */
public final class NeighbourGraph {
    private final List<String> ring;
    private final SortedSet<String> members;
    private final Map<String, SortedSet<String>> neighbours;
    private final Map<String, Integer> abscissas;

    private NeighbourGraph(List<String> ring, int k) {
        this.ring = List.copyOf(ring);
        this.members = Collections.unmodifiableSortedSet(new TreeSet<>(ring));
        Map<String, SortedSet<String>> byId = new HashMap<>();
        int n = ring.size();
        for (int i = 0; i < n; i++) {
            SortedSet<String> set = new TreeSet<>();
            if (n - 1 <= k) {
                set.addAll(ring);
                set.remove(ring.get(i));
            } else {
                for (int d = 1; d <= k / 2; d++) {
                    set.add(ring.get(Math.floorMod(i - d, n)));
                    set.add(ring.get(Math.floorMod(i + d, n)));
                }
            }
            byId.put(ring.get(i), Collections.unmodifiableSortedSet(set));
        }
        this.neighbours = byId;
        Map<String, Integer> positions = new HashMap<>();
        int x = 1;
        for (String id : members) {
            positions.put(id, x++);
        }
        this.abscissas = positions;
    }

    /**
     * The graph of {@code keyHolders} (U1, in any order) for the attempt {@code c} whose base model has the given
     * SHA-256.
     *
     * @throws IllegalArgumentException if k is not even and at least 2, an id is not 64 hex digits or repeats
     */
    public static NeighbourGraph of(RoundContext c, String baseModelSha256, Collection<String> keyHolders, int k) {
        if (k < 2 || k % 2 != 0) {
            throw new IllegalArgumentException("the neighbour count k is even and at least 2, got " + k);
        }
        if (!Hashing.isSha256Hex(baseModelSha256)) {
            throw new IllegalArgumentException("baseModelSha256 must be 64 lower-case hex digits");
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String id : keyHolders) {
            if (!sorted.add(Ids.require(id))) {
                throw new IllegalArgumentException("participant " + id + " is twice among the key holders");
            }
        }
        byte[] graphSeed = Hashing.sha256(("medfed-secagg-graph|" + c.ctx() + "|" + baseModelSha256).getBytes(UTF_8));
        Map<String, byte[]> position = new HashMap<>();
        for (String id : sorted) {
            byte[] idBytes = id.getBytes(UTF_8);
            byte[] data = Arrays.copyOf(graphSeed, graphSeed.length + idBytes.length);
            System.arraycopy(idBytes, 0, data, graphSeed.length, idBytes.length);
            position.put(id, Hashing.sha256(data));
        }
        List<String> ring = new ArrayList<>(sorted);
        ring.sort((a, b) -> {
            int byHash = Arrays.compareUnsigned(position.get(a), position.get(b));
            return byHash != 0 ? byHash : a.compareTo(b);
        });
        return new NeighbourGraph(ring, k);
    }

    /** U1 in ring order. */
    public List<String> ring() {
        return ring;
    }

    /** U1 sorted by id. */
    public SortedSet<String> members() {
        return members;
    }

    /** N(id), sorted by id; never contains {@code id} itself. */
    public SortedSet<String> neighbours(String id) {
        SortedSet<String> set = neighbours.get(id);
        if (set == null) {
            throw new IllegalArgumentException(id + " has no keys in this attempt");
        }
        return set;
    }

    /** x_id = 1 + the index of {@code id} in U1 sorted by id: its Shamir abscissa. */
    public int abscissa(String id) {
        Integer x = abscissas.get(id);
        if (x == null) {
            throw new IllegalArgumentException(id + " has no keys in this attempt");
        }
        return x;
    }

    /** Whether {@code a} and {@code b} are neighbours (the graph is symmetric). */
    public boolean adjacent(String a, String b) {
        return neighbours(a).contains(b);
    }
}
