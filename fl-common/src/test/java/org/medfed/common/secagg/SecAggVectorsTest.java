package org.medfed.common.secagg;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;

/**
 * Reproduces every value of the committed docs/secagg-vectors.json from the inputs stored in it, through the public
 * protocol code, so a change to any byte of the protocol fails here before a client or a chaincode built from another
 * version disagrees with it on a live round.
 */
class SecAggVectorsTest {
    private static final Path FILE = Path.of("..", "docs", "secagg-vectors.json");
    private static final HexFormat HEX = HexFormat.of();

    private static Map<String, Object> vectors;

    @BeforeAll
    static void read() throws IOException {
        vectors = map(CanonicalJson.parse(Files.readString(FILE)));
    }

    /** Key by key: other generators own other top-level keys of the same file. */
    @Test
    void holdsWhatTheGeneratorWritesToday() {
        SecAggVectorsGenerator.vectors()
                .forEach((key, value) -> assertThat(CanonicalJson.encode(vectors.get(key)))
                        .as(key)
                        .isEqualTo(CanonicalJson.encode(value)));
    }

    @Test
    void reproducesHkdf() {
        for (Object o : list(vectors.get("hkdf"))) {
            Map<String, Object> c = map(o);
            assertThat(hex(Hkdf.derive(bytes(c, "ikm"), str(c, "info")))).isEqualTo(c.get("okm"));
        }
    }

    @Test
    void reproducesX25519AndRefusesSmallOrderKeys() {
        Map<String, Object> x = map(vectors.get("x25519"));
        for (Object o : list(x.get("keys"))) {
            Map<String, Object> key = map(o);
            assertThat(hex(X25519.publicKey(bytes(key, "privateScalar")))).isEqualTo(key.get("publicKey"));
        }
        Map<String, Object> agreement = map(x.get("agreement"));
        assertThat(hex(X25519.agree(bytes(agreement, "privateScalar"), bytes(agreement, "publicKey"))))
                .isEqualTo(agreement.get("shared"));
        byte[] probe = bytes(x, "probeScalar");
        for (Object o : list(x.get("refusedPublicKeys"))) {
            byte[] key = HEX.parseHex((String) o);
            assertThat(X25519.acceptablePublicKey(key)).as((String) o).isFalse();
            assertThatThrownBy(() -> X25519.agree(probe, key)).isInstanceOf(SecAggException.class);
        }
    }

    @Test
    void reproducesMasks() {
        for (Object o : list(vectors.get("mask"))) {
            Map<String, Object> c = map(o);
            RoundContext context = context(c);
            assertThat(context.ctx()).isEqualTo(c.get("ctx"));
            int[] words = MaskGenerator.expand(bytes(c, "seed"), context, str(c, "label"), 8);
            assertThat(SecAggVectorsGenerator.unsigned(words)).isEqualTo(c.get("words"));
        }
    }

    @Test
    void reproducesShamir() {
        for (Object o : list(vectors.get("shamir"))) {
            Map<String, Object> c = map(o);
            int t = integer(c, "threshold");
            List<BigInteger> coefficients = new ArrayList<>();
            list(c.get("coefficients")).forEach(h -> coefficients.add(new BigInteger((String) h, 16)));
            List<Shamir.Share> expected = new ArrayList<>();
            List<Integer> xs = new ArrayList<>();
            for (Object s : list(c.get("shares"))) {
                Shamir.Share share = new Shamir.Share(integer(map(s), "x"), bytes(map(s), "value"));
                expected.add(share);
                xs.add(share.x());
            }
            assertThat(coefficients).hasSize(t);
            assertThat(Shamir.evaluate(coefficients, xs)).isEqualTo(expected);
            List<Shamir.Share> subset = new ArrayList<>();
            expected.stream()
                    .filter(s -> list(c.get("reconstructFrom")).contains((long) s.x()))
                    .forEach(subset::add);
            assertThat(hex(Shamir.reconstruct(subset, t))).isEqualTo(c.get("secret"));
        }
    }

    @Test
    void reproducesTheNeighbourGraph() {
        Map<String, Object> g = map(vectors.get("graph"));
        assertGraph(g, NeighbourGraph.of(context(g), str(g, "baseModelSha256"), strings(g.get("keyHolders")), 4));
        assertThat(hex(Hashing.sha256(
                        ("medfed-secagg-graph|" + g.get("ctx") + "|" + g.get("baseModelSha256")).getBytes(UTF_8))))
                .isEqualTo(g.get("graphSeed"));
    }

    @Test
    void reproducesTheWholeRound() {
        VectorRound round = new VectorRound(map(vectors.get("round")));

        round.checkKeysAndGraph();
        round.checkShares();
        round.checkMaskedInputs();
        round.checkRevealsAndSum();
    }

    static void assertGraph(Map<String, Object> g, NeighbourGraph graph) {
        assertThat(graph.ring()).isEqualTo(g.get("ring"));
        Map<String, Object> adjacency = map(g.get("adjacency"));
        assertThat(adjacency.keySet()).containsExactlyElementsOf(graph.members());
        adjacency.forEach(
                (id, peers) -> assertThat(List.copyOf(graph.neighbours(id))).isEqualTo(peers));
    }

    static RoundContext context(Map<String, Object> c) {
        return new RoundContext(str(c, "taskId"), (Long) c.get("round"), (Long) c.get("attempt"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    static List<String> strings(Object o) {
        return list(o).stream().map(String.class::cast).toList();
    }

    static String str(Map<String, Object> m, String key) {
        return (String) m.get(key);
    }

    static int integer(Map<String, Object> m, String key) {
        return Math.toIntExact((Long) m.get(key));
    }

    static byte[] bytes(Map<String, Object> m, String key) {
        return HEX.parseHex(str(m, key));
    }

    static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    static int[] ints(Object o) {
        return list(o).stream().mapToInt(v -> (int) (long) (Long) v).toArray();
    }

    /** The round section, checked phase by phase as the clients and the chaincode would compute it. */
    private static final class VectorRound {
        private final Map<String, Object> r;
        private final RoundContext context;
        private final int t;
        private final Map<String, Map<String, Object>> participants = new TreeMap<>();
        private final TreeSet<String> withShares;
        private final TreeSet<String> survivors;
        private final NeighbourGraph graph;

        VectorRound(Map<String, Object> r) {
            this.r = r;
            this.context = context(r);
            this.t = integer(r, "threshold");
            list(r.get("participants")).forEach(p -> participants.put(str(map(p), "id"), map(p)));
            this.withShares = new TreeSet<>(strings(r.get("withShares")));
            this.survivors = new TreeSet<>(strings(r.get("survivors")));
            TreeSet<String> dropouts = new TreeSet<>(withShares);
            dropouts.removeAll(survivors);
            assertThat(r.get("dropouts")).isEqualTo(List.copyOf(dropouts));
            this.graph = NeighbourGraph.of(
                    context, str(r, "baseModelSha256"), participants.keySet(), integer(r, "neighbours"));
        }

        void checkKeysAndGraph() {
            assertThat(context.ctx()).isEqualTo(r.get("ctx"));
            participants.forEach((id, p) -> {
                assertThat(hex(X25519.publicKey(bytes(p, "maskPrivate")))).isEqualTo(p.get("maskPublic"));
                assertThat(hex(X25519.publicKey(bytes(p, "sharePrivate")))).isEqualTo(p.get("sharePublic"));
                assertThat(X25519.acceptablePublicKey(bytes(p, "maskPublic"))).isTrue();
                assertThat(graph.abscissa(id)).isEqualTo(integer(p, "abscissa"));
                assertThat(coefficients(p, "seedCoefficients").get(0))
                        .isEqualTo(new BigInteger(1, bytes(p, "selfSeed")));
                assertThat(coefficients(p, "keyCoefficients").get(0))
                        .isEqualTo(new BigInteger(1, bytes(p, "maskPrivate")));
            });
            assertGraph(r, graph);
        }

        void checkShares() {
            List<String> pairs = new ArrayList<>();
            for (Object o : list(r.get("shares"))) {
                Map<String, Object> s = map(o);
                String owner = str(s, "owner");
                String holder = str(s, "holder");
                pairs.add(owner + holder);
                int x = graph.abscissa(holder);
                assertThat(integer(s, "x")).isEqualTo(x);
                byte[] seed = share(owner, "seedCoefficients", x).value();
                byte[] key = share(owner, "keyCoefficients", x).value();
                assertThat(hex(seed)).isEqualTo(s.get("seedShare"));
                assertThat(hex(key)).isEqualTo(s.get("keyShare"));
                assertThat(Commitments.commit(context, owner, holder, ShareKind.SEED, seed))
                        .isEqualTo(s.get("seedCommitment"));
                assertThat(Commitments.commit(context, owner, holder, ShareKind.KEY, key))
                        .isEqualTo(s.get("keyCommitment"));
                byte[] plaintext = new byte[2 * Shamir.SHARE_BYTES];
                System.arraycopy(seed, 0, plaintext, 0, Shamir.SHARE_BYTES);
                System.arraycopy(key, 0, plaintext, Shamir.SHARE_BYTES, Shamir.SHARE_BYTES);
                Map<String, Object> from = participants.get(owner);
                Map<String, Object> to = participants.get(holder);
                assertThat(ShareCipher.encrypt(
                                bytes(from, "sharePrivate"),
                                bytes(to, "sharePublic"),
                                context,
                                owner,
                                holder,
                                plaintext,
                                bytes(s, "nonce")))
                        .isEqualTo(s.get("ciphertext"));
                assertThat(ShareCipher.decrypt(
                                bytes(to, "sharePrivate"),
                                bytes(from, "sharePublic"),
                                context,
                                owner,
                                holder,
                                str(s, "ciphertext")))
                        .isEqualTo(plaintext);
            }
            List<String> expected = new ArrayList<>();
            withShares.forEach(owner -> graph.neighbours(owner).forEach(holder -> expected.add(owner + holder)));
            assertThat(pairs).isEqualTo(expected);
        }

        void checkMaskedInputs() {
            List<String> ids = new ArrayList<>();
            for (Object o : list(r.get("masked"))) {
                Map<String, Object> m = map(o);
                String id = str(m, "id");
                ids.add(id);
                Map<String, Object> p = participants.get(id);
                SortedMap<String, byte[]> peers = new TreeMap<>();
                graph.neighbours(id).stream()
                        .filter(withShares::contains)
                        .forEach(j -> peers.put(j, bytes(participants.get(j), "maskPublic")));
                int[] masked = Masking.mask(
                        ints(p.get("input")), context, id, bytes(p, "selfSeed"), bytes(p, "maskPrivate"), peers);
                assertThat(SecAggVectorsGenerator.unsigned(masked)).isEqualTo(m.get("words"));
                assertThat(hex(MaskedVectorCodec.encode(masked))).isEqualTo(m.get("blob"));
                assertThat(MaskedVectorCodec.decode(bytes(m, "blob"), integer(r, "length")))
                        .isEqualTo(masked);
            }
            assertThat(ids).isEqualTo(List.copyOf(survivors));
        }

        void checkRevealsAndSum() {
            TreeSet<String> silent = new TreeSet<>(strings(r.get("silentSurvivors")));
            List<Object> expected = new ArrayList<>();
            Map<String, List<Shamir.Share>> seeds = new TreeMap<>();
            Map<String, List<Shamir.Share>> keys = new TreeMap<>();
            for (String revealer : survivors) {
                if (silent.contains(revealer)) {
                    continue;
                }
                for (String owner : graph.neighbours(revealer)) {
                    if (withShares.contains(owner)) {
                        boolean survived = survivors.contains(owner);
                        Shamir.Share share = share(
                                owner, survived ? "seedCoefficients" : "keyCoefficients", graph.abscissa(revealer));
                        (survived ? seeds : keys)
                                .computeIfAbsent(owner, o -> new ArrayList<>())
                                .add(share);
                        expected.add(Map.of(
                                "revealer",
                                revealer,
                                "owner",
                                owner,
                                "kind",
                                (survived ? ShareKind.SEED : ShareKind.KEY).wire(),
                                "share",
                                hex(share.value())));
                    }
                }
            }
            assertThat(r.get("reveals")).isEqualTo(expected);
            Map<String, Object> reconstructed = map(r.get("reconstructed"));
            seeds.forEach((owner, shares) -> assertThat(hex(Shamir.reconstruct(shares, t)))
                    .isEqualTo(str(participants.get(owner), "selfSeed"))
                    .isEqualTo(map(reconstructed.get("seeds")).get(owner)));
            keys.forEach((owner, shares) -> assertThat(hex(Shamir.reconstruct(shares, t)))
                    .isEqualTo(str(participants.get(owner), "maskPrivate"))
                    .isEqualTo(map(reconstructed.get("keys")).get(owner)));

            SortedMap<String, int[]> masked = new TreeMap<>();
            list(r.get("masked")).forEach(m -> masked.put(str(map(m), "id"), ints(map(m).get("words"))));
            Map<String, byte[]> maskKeys = new TreeMap<>();
            participants.forEach((id, p) -> maskKeys.put(id, bytes(p, "maskPublic")));
            int[] sum = Unmasking.unmask(context, graph, withShares, masked, maskKeys, seeds, keys, t);
            int[] plain = new int[integer(r, "length")];
            survivors.forEach(id -> {
                int[] x = ints(participants.get(id).get("input"));
                for (int i = 0; i < plain.length; i++) {
                    plain[i] += x[i];
                }
            });
            assertThat(sum).isEqualTo(plain).isEqualTo(ints(r.get("sum")));
        }

        private List<BigInteger> coefficients(Map<String, Object> p, String key) {
            return strings(p.get(key)).stream().map(h -> new BigInteger(h, 16)).toList();
        }

        private Shamir.Share share(String owner, String polynomial, int x) {
            return Shamir.evaluate(coefficients(participants.get(owner), polynomial), List.of(x))
                    .get(0);
        }
    }
}
