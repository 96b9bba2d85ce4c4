package org.medfed.common.secagg;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;

/**
 * Writes docs/secagg-vectors.json: every input is stored explicitly (keys, seeds, polynomial coefficients, nonces),
 * so the file can be checked without this class or its random generator. Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -o -q -pl fl-common test-compile -Dshellcheck.skip=true
 * java -cp fl-common/target/classes:fl-common/target/test-classes \
 *     org.medfed.common.secagg.SecAggVectorsGenerator docs/secagg-vectors.json
 * </pre>
 *
 * Byte strings are lower-case hex, except share ciphertexts, which are base64 as posted; mask words are unsigned
 * decimals, the unmasked sum signed. Top-level keys this class does not write (such as {@code quantization}, which
 * another generator owns) are kept as they are in the existing file.
 */
final class SecAggVectorsGenerator {
    static final HexFormat HEX = HexFormat.of();

    /** The whole round: 8 participants, k = 6, t = 4, P = 6; p6 drops out after shares, p2 survives silently. */
    static final int PARTICIPANTS = 8;

    static final int K = 6;
    static final int T = 4;
    static final int P = 6;
    static final int DROPOUT = 6;
    static final int SILENT = 2;
    static final long ROUND_SEED = 20_240_601L;

    private SecAggVectorsGenerator() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/secagg-vectors.json");
        Map<String, Object> file = new TreeMap<>();
        if (Files.exists(out)) {
            file.putAll(SecAggVectorsTest.map(CanonicalJson.parse(Files.readString(out))));
        }
        file.putAll(vectors());
        Files.writeString(out, PrettyJson.render(file));
    }

    static Map<String, Object> vectors() {
        SplittableRandom random = new SplittableRandom(7);
        Map<String, Object> vectors = new LinkedHashMap<>();
        vectors.put(
                "about",
                "Test vectors of docs/secure-aggregation.md, written by SecAggVectorsGenerator (fl-common tests). "
                        + "Bytes are lower-case hex except ciphertexts (base64 as posted); mask words are unsigned "
                        + "32-bit decimals, the sum signed; Shamir values and coefficients are 66 bytes big-endian.");
        vectors.put("hkdf", hkdf());
        vectors.put("x25519", x25519(random));
        vectors.put("mask", masks(random));
        vectors.put("shamir", shamir(random));
        vectors.put("graph", graph());
        vectors.put(
                "round",
                round(new RoundFixture(
                        PARTICIPANTS, K, T, P, ROUND_SEED, List.of(), List.of(DROPOUT), List.of(SILENT))));
        return vectors;
    }

    private static List<Object> hkdf() {
        byte[] counting = new byte[32];
        for (int i = 0; i < 32; i++) {
            counting[i] = (byte) i;
        }
        List<Object> cases = new ArrayList<>();
        for (Object[] c : new Object[][] {
            {new byte[0], ""},
            {new byte[32], "mask|task-1|3|2|" + MaskGenerator.selfLabel(RoundFixture.id(0))},
            {counting, "share|task-1|3|2|" + RoundFixture.id(0) + "|" + RoundFixture.id(1)}
        }) {
            byte[] ikm = (byte[]) c[0];
            String info = (String) c[1];
            cases.add(Map.of("ikm", HEX.formatHex(ikm), "info", info, "okm", HEX.formatHex(Hkdf.derive(ikm, info))));
        }
        return cases;
    }

    private static Map<String, Object> x25519(SplittableRandom random) {
        List<Object> keys = new ArrayList<>();
        List<byte[]> publics = new ArrayList<>();
        List<byte[]> privates = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            byte[] scalar = RoundFixture.bytes(random, 32);
            privates.add(scalar);
            publics.add(X25519.publicKey(scalar));
            keys.add(Map.of("privateScalar", HEX.formatHex(scalar), "publicKey", HEX.formatHex(publics.get(i))));
        }
        List<Object> refused = new ArrayList<>();
        for (byte[] key : smallOrderKeys()) {
            if (X25519.acceptablePublicKey(key)) {
                throw new IllegalStateException("a small-order key was accepted: " + HEX.formatHex(key));
            }
            refused.add(HEX.formatHex(key));
        }
        byte[] probe = new byte[32];
        for (int i = 0; i < 32; i++) {
            probe[i] = (byte) (i + 1);
        }
        return Map.of(
                "keys",
                keys,
                "agreement",
                Map.of(
                        "privateScalar", HEX.formatHex(privates.get(0)),
                        "publicKey", HEX.formatHex(publics.get(1)),
                        "shared", HEX.formatHex(X25519.agree(privates.get(0), publics.get(1)))),
                "probeScalar",
                HEX.formatHex(probe),
                "refusedPublicKeys",
                refused);
    }

    /** 0, 1, the two points of order 8, and p − 1, p, p + 1 (p = 2^255 − 19) little-endian. */
    static List<byte[]> smallOrderKeys() {
        List<byte[]> keys = new ArrayList<>();
        keys.add(new byte[32]);
        keys.add(littleEndian(BigInteger.ONE));
        keys.add(HEX.parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800"));
        keys.add(HEX.parseHex("5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157"));
        BigInteger p = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
        keys.add(littleEndian(p.subtract(BigInteger.ONE)));
        keys.add(littleEndian(p));
        keys.add(littleEndian(p.add(BigInteger.ONE)));
        return keys;
    }

    private static List<Object> masks(SplittableRandom random) {
        String a = RoundFixture.id(0);
        String b = RoundFixture.id(1);
        RoundContext other = new RoundContext("task-2", 1, 1);
        List<Object> cases = new ArrayList<>();
        for (Object[] c : new Object[][] {
            {RoundFixture.CONTEXT, MaskGenerator.selfLabel(a)},
            {RoundFixture.CONTEXT, MaskGenerator.pairLabel(b, a)},
            {other, MaskGenerator.selfLabel(a)}
        }) {
            RoundContext context = (RoundContext) c[0];
            String label = (String) c[1];
            byte[] seed = RoundFixture.bytes(random, 32);
            Map<String, Object> mask = context(context);
            mask.put("seed", HEX.formatHex(seed));
            mask.put("label", label);
            mask.put("words", unsigned(MaskGenerator.expand(seed, context, label, 8)));
            cases.add(mask);
        }
        return cases;
    }

    private static List<Object> shamir(SplittableRandom random) {
        List<BigInteger> byHand = List.of(BigInteger.valueOf(5), BigInteger.TWO, BigInteger.ONE);
        List<BigInteger> drawn = List.of(
                new BigInteger(1, RoundFixture.bytes(random, 32)),
                new BigInteger(1, RoundFixture.bytes(random, 65)),
                new BigInteger(1, RoundFixture.bytes(random, 65)).shiftLeft(8).mod(Shamir.PRIME));
        return List.of(shamirCase(byHand, List.of(1, 2, 3)), shamirCase(drawn, List.of(2, 3, 5)));
    }

    private static Map<String, Object> shamirCase(List<BigInteger> coefficients, List<Integer> from) {
        List<Shamir.Share> shares = Shamir.evaluate(coefficients, List.of(1, 2, 3, 4, 5));
        List<Shamir.Share> subset = new ArrayList<>();
        for (Shamir.Share share : shares) {
            if (from.contains(share.x())) {
                subset.add(share);
            }
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("threshold", coefficients.size());
        c.put("coefficients", coefficients.stream().map(v -> hex66(v)).toList());
        c.put("shares", shares.stream().map(SecAggVectorsGenerator::share).toList());
        c.put("reconstructFrom", from);
        c.put("secret", HEX.formatHex(Shamir.reconstruct(subset, coefficients.size())));
        return c;
    }

    private static Map<String, Object> graph() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(RoundFixture.id(i));
        }
        NeighbourGraph graph = NeighbourGraph.of(RoundFixture.CONTEXT, RoundFixture.BASE_MODEL, ids, 4);
        Map<String, Object> g = context(RoundFixture.CONTEXT);
        g.put("baseModelSha256", RoundFixture.BASE_MODEL);
        g.put("neighbours", 4);
        g.put("keyHolders", List.copyOf(graph.members()));
        g.put("graphSeed", HEX.formatHex(graphSeed(RoundFixture.CONTEXT, RoundFixture.BASE_MODEL)));
        g.put("ring", graph.ring());
        g.put("adjacency", adjacency(graph));
        return g;
    }

    private static Map<String, Object> round(RoundFixture f) {
        Map<String, Object> r = context(RoundFixture.CONTEXT);
        r.put(
                "about",
                "Every participant posts keys and shares; the dropout posts no masked input; the silent survivor "
                        + "masks but reveals nothing. Each secret loses at most 2 = k - t holders, so all reconstruct.");
        r.put("baseModelSha256", RoundFixture.BASE_MODEL);
        r.put("neighbours", f.k);
        r.put("threshold", f.t);
        r.put("length", P);
        List<Object> participants = new ArrayList<>();
        for (String id : f.graph.members()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", id);
            p.put("abscissa", f.graph.abscissa(id));
            p.put("maskPrivate", HEX.formatHex(f.maskPrivate.get(id)));
            p.put("maskPublic", HEX.formatHex(f.maskPublic.get(id)));
            p.put("sharePrivate", HEX.formatHex(f.sharePrivate.get(id)));
            p.put("sharePublic", HEX.formatHex(f.sharePublic.get(id)));
            p.put("selfSeed", HEX.formatHex(f.seeds.get(id)));
            p.put(
                    "seedCoefficients",
                    f.seedPolynomials.get(id).stream().map(v -> hex66(v)).toList());
            p.put(
                    "keyCoefficients",
                    f.keyPolynomials.get(id).stream().map(v -> hex66(v)).toList());
            p.put("input", intList(f.inputs.get(id)));
            participants.add(p);
        }
        r.put("participants", participants);
        r.put("ring", f.graph.ring());
        r.put("adjacency", adjacency(f.graph));
        r.put("withShares", List.copyOf(f.withShares));
        r.put("survivors", List.copyOf(f.masked.keySet()));
        r.put(
                "dropouts",
                f.withShares.stream().filter(id -> !f.masked.containsKey(id)).toList());
        r.put("silentSurvivors", List.copyOf(f.silent));
        r.put("shares", shares(f));
        List<Object> masked = new ArrayList<>();
        for (Map.Entry<String, int[]> entry : f.masked.entrySet()) {
            masked.add(Map.of(
                    "id", entry.getKey(),
                    "words", unsigned(entry.getValue()),
                    "blob", HEX.formatHex(MaskedVectorCodec.encode(entry.getValue()))));
        }
        r.put("masked", masked);
        r.put("reveals", reveals(f));
        Map<String, Object> reconstructed = new TreeMap<>();
        reconstructed.put("seeds", secrets(f.revealed(ShareKind.SEED), f.t));
        reconstructed.put("keys", secrets(f.revealed(ShareKind.KEY), f.t));
        r.put("reconstructed", reconstructed);
        r.put("sum", intList(f.unmask()));
        return r;
    }

    /** Every share i sends j ∈ N(i), in (owner, holder) order, with its commitments and its ciphertext. */
    private static List<Object> shares(RoundFixture f) {
        SplittableRandom nonces = new SplittableRandom(ROUND_SEED + 1);
        List<Object> shares = new ArrayList<>();
        for (String owner : f.withShares) {
            for (String holder : f.graph.neighbours(owner)) {
                Shamir.Share seed = f.share(owner, holder, ShareKind.SEED);
                Shamir.Share key = f.share(owner, holder, ShareKind.KEY);
                byte[] nonce = RoundFixture.bytes(nonces, ShareCipher.NONCE_BYTES);
                byte[] plaintext = new byte[2 * Shamir.SHARE_BYTES];
                System.arraycopy(seed.value(), 0, plaintext, 0, Shamir.SHARE_BYTES);
                System.arraycopy(key.value(), 0, plaintext, Shamir.SHARE_BYTES, Shamir.SHARE_BYTES);
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("owner", owner);
                s.put("holder", holder);
                s.put("x", seed.x());
                s.put("seedShare", HEX.formatHex(seed.value()));
                s.put("keyShare", HEX.formatHex(key.value()));
                s.put(
                        "seedCommitment",
                        Commitments.commit(RoundFixture.CONTEXT, owner, holder, ShareKind.SEED, seed.value()));
                s.put(
                        "keyCommitment",
                        Commitments.commit(RoundFixture.CONTEXT, owner, holder, ShareKind.KEY, key.value()));
                s.put("nonce", HEX.formatHex(nonce));
                s.put(
                        "ciphertext",
                        ShareCipher.encrypt(
                                f.sharePrivate.get(owner),
                                f.sharePublic.get(holder),
                                RoundFixture.CONTEXT,
                                owner,
                                holder,
                                plaintext,
                                nonce));
                shares.add(s);
            }
        }
        return shares;
    }

    /** What each revealing survivor posts, in (revealer, owner) order. */
    private static List<Object> reveals(RoundFixture f) {
        List<Object> reveals = new ArrayList<>();
        for (String revealer : f.masked.keySet()) {
            if (f.silent.contains(revealer)) {
                continue;
            }
            for (String owner : f.graph.neighbours(revealer)) {
                if (f.withShares.contains(owner)) {
                    ShareKind kind = f.masked.containsKey(owner) ? ShareKind.SEED : ShareKind.KEY;
                    reveals.add(Map.of(
                            "revealer",
                            revealer,
                            "owner",
                            owner,
                            "kind",
                            kind.wire(),
                            "share",
                            HEX.formatHex(f.share(owner, revealer, kind).value())));
                }
            }
        }
        return reveals;
    }

    private static Map<String, Object> secrets(SortedMap<String, List<Shamir.Share>> byOwner, int t) {
        Map<String, Object> secrets = new TreeMap<>();
        byOwner.forEach((owner, shares) -> secrets.put(owner, HEX.formatHex(Shamir.reconstruct(shares, t))));
        return secrets;
    }

    static byte[] graphSeed(RoundContext c, String baseModel) {
        return Hashing.sha256(("medfed-secagg-graph|" + c.ctx() + "|" + baseModel).getBytes(UTF_8));
    }

    private static Map<String, Object> adjacency(NeighbourGraph graph) {
        Map<String, Object> adjacency = new TreeMap<>();
        for (String id : graph.members()) {
            adjacency.put(id, List.copyOf(graph.neighbours(id)));
        }
        return adjacency;
    }

    private static Map<String, Object> context(RoundContext c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskId", c.taskId());
        m.put("round", c.round());
        m.put("attempt", c.attempt());
        m.put("ctx", c.ctx());
        return m;
    }

    private static Map<String, Object> share(Shamir.Share share) {
        return Map.of("x", share.x(), "value", HEX.formatHex(share.value()));
    }

    static String hex66(BigInteger value) {
        return HEX.formatHex(Shamir.toBytes(value, Shamir.SHARE_BYTES));
    }

    static List<Long> unsigned(int[] words) {
        List<Long> list = new ArrayList<>(words.length);
        for (int w : words) {
            list.add(Integer.toUnsignedLong(w));
        }
        return list;
    }

    static List<Integer> intList(int[] words) {
        List<Integer> list = new ArrayList<>(words.length);
        for (int w : words) {
            list.add(w);
        }
        return list;
    }

    private static byte[] littleEndian(BigInteger value) {
        byte[] bigEndian = Shamir.toBytes(value, 32);
        byte[] little = new byte[32];
        for (int i = 0; i < 32; i++) {
            little[i] = bigEndian[31 - i];
        }
        return little;
    }
}
