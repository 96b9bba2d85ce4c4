package org.medfed.chaincode.testing;

import static org.medfed.chaincode.testing.Consortium.ADMIN;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.round.LedgerAggregationPort;
import org.medfed.chaincode.secagg.SecureAggregationContract;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.MaskedVectorCodec;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundContext;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecureParticipant;
import org.medfed.common.secagg.ShareBundle;
import org.medfed.contract.testing.TestIdentity;

/**
 * Task {@value #TASK} aggregating securely over the three holders of {@link Consortium} (k 2, t 2, two survivors,
 * q 0.5, grid 2^12, keys and shares 60 s each, reveals 120 s) on a fake stub, with an in-memory IPFS node holding a
 * real initial model of 23 zeros; each holder plays its side with {@link SecureParticipant}, the one copy of the
 * participant's rules. Steps are explicit so a test can stop, skip or tamper with any of them.
 */
public final class SecureConsortium {
    public static final String TASK = "secure-sepsis";
    public static final int P = (int) Fixtures.PARAMETERS;
    public static final byte[] INITIAL = FloatVectorCodec.encode(new float[P]);
    /** Fixture datasets have 1200 rows each. */
    public static final long ROWS = 1200;

    public final LedgerHarness ledger;
    public final MemoryIpfs ipfs = new MemoryIpfs();
    public final SecureAggregationContract secagg = new SecureAggregationContract();
    public final AggregatorContract aggregator = new AggregatorContract(new LedgerAggregationPort(), ipfs);
    private final Map<TestIdentity, SecureParticipant> players = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** Registers the holders of {@link Consortium} and creates the task. */
    public SecureConsortium(LedgerHarness ledger) {
        this(Consortium.registered(ledger), null);
    }

    /** Like {@link #SecureConsortium(LedgerHarness)} with the task declaring {@link Consortium#usePurpose()}. */
    public static SecureConsortium withUsePurpose(LedgerHarness ledger) {
        return new SecureConsortium(Consortium.registered(ledger), Consortium.usePurpose());
    }

    /** On a ledger where the holders of {@link Consortium} are registered already. */
    public static SecureConsortium onRegistered(LedgerHarness ledger) {
        return new SecureConsortium(ledger, null);
    }

    private SecureConsortium(LedgerHarness ledger, Map<String, Object> usePurpose) {
        this.ledger = ledger;
        Map<String, Object> spec = new TreeMap<>(Consortium.spec());
        spec.put("id", TASK);
        Map<String, Object> model = new TreeMap<>(JsonFields.object(spec, "model"));
        model.put("initialModel", Map.of("cid", ipfs.put(INITIAL), "sha256", Hashing.sha256Hex(INITIAL)));
        spec.put("model", model);
        spec.put("secureAggregation", secureSpec());
        if (usePurpose != null) {
            spec.put("usePurpose", usePurpose);
        }
        ledger.run(ADMIN, ctx -> ledger.tasks.createTask(ctx, Fixtures.json(spec)));
    }

    public static Map<String, Object> secureSpec() {
        Map<String, Object> secure = new TreeMap<>();
        secure.put("neighbours", 2L);
        secure.put("threshold", 2L);
        secure.put("minSurvivors", 2L);
        secure.put("samplingRate", new BigDecimal("0.5"));
        secure.put("quantizationBits", 12L);
        secure.put("inputBound", 64L);
        secure.put("modulusBits", 32L);
        secure.put("keysSeconds", 60L);
        secure.put("sharesSeconds", 60L);
        secure.put("unmaskSeconds", 120L);
        return secure;
    }

    /** The current round's state. */
    public Map<String, Object> round(long round) {
        return JsonFields.object(view(round), "round");
    }

    public Map<String, Object> view(long round) {
        return ledger.json(ADMIN, ctx -> secagg.getSecureRound(ctx, TASK, Long.toString(round)));
    }

    public SecureParticipant player(TestIdentity holder, long round) {
        long attempt = JsonFields.integer(round(round), "attempt");
        RoundContext context = new RoundContext(TASK, round, attempt);
        SecureParticipant player = players.get(holder);
        if (player == null || !player.context().equals(context)) {
            player = SecureParticipant.create(context, holder.participantId(), random);
            players.put(holder, player);
        }
        return player;
    }

    public Map<String, Object> postKeys(TestIdentity holder, long round) {
        SecureParticipant player = player(holder, round);
        return ledger.json(
                holder, ctx -> secagg.postKeys(ctx, TASK, Long.toString(round), player.maskKey(), player.shareKey()));
    }

    /** The shares the protocol asks of {@code holder}, not yet posted. */
    public List<EncryptedShare> shares(TestIdentity holder, long round) {
        SecureParticipant player = player(holder, round);
        return player.shares(graph(round), keys(round), 2, random);
    }

    public Map<String, Object> postShares(TestIdentity holder, long round, List<EncryptedShare> shares) {
        String json = CanonicalJson.encode(
                Map.of("shares", shares.stream().map(EncryptedShare::toJson).toList()));
        return ledger.json(holder, ctx -> secagg.postShares(ctx, TASK, Long.toString(round), json));
    }

    /** Masks {@code input} (grid units) for {@code holder}, stores the blob and submits it as its masked input. */
    public Map<String, Object> submitMasked(TestIdentity holder, long round, int[] input) {
        return ledger.json(
                holder, ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(maskedUpdate(holder, round, input))));
    }

    /** The submission of {@code holder}'s masked input, its blob already in IPFS. */
    public Map<String, Object> maskedUpdate(TestIdentity holder, long round, int[] input) {
        SecureParticipant player = player(holder, round);
        int[] masked =
                player.mask(input, graph(round), keys(round), bundles(round).keySet());
        byte[] blob = MaskedVectorCodec.encode(masked);
        Map<String, Object> update = new TreeMap<>();
        update.put("taskId", TASK);
        update.put("round", round);
        update.put("datasetId", Consortium.datasetOf(holder));
        update.put("cid", ipfs.put(blob));
        update.put("sha256", Hashing.sha256Hex(blob));
        update.put("parameterCount", (long) P);
        update.put("numExamples", ROWS);
        update.put("baseModelSha256", JsonFields.string(JsonFields.object(round(round), "baseModel"), "sha256"));
        update.put("kind", "masked");
        update.put("metrics", Map.of());
        update.put("dp", Fixtures.dp(new BigDecimal("0.5"), BigDecimal.ONE, 1));
        return update;
    }

    /** What {@code holder} reveals as the protocol asks. */
    public List<RevealedShare> reveal(TestIdentity holder, long round) {
        Map<String, Object> view = view(round);
        return player(holder, round)
                .reveal(
                        graph(round),
                        keys(round),
                        bundles(round),
                        new TreeSet<>(JsonFields.strings(view, "survivors")),
                        new TreeSet<>(JsonFields.strings(view, "dropouts")))
                .shares();
    }

    public Map<String, Object> postReveal(TestIdentity holder, long round, List<RevealedShare> shares) {
        String json = CanonicalJson.encode(
                Map.of("shares", shares.stream().map(RevealedShare::toJson).toList()));
        return ledger.json(holder, ctx -> secagg.revealShares(ctx, TASK, Long.toString(round), json));
    }

    public Map<String, Object> aggregate(TestIdentity caller, long round) {
        return ledger.json(caller, ctx -> aggregator.aggregateRound(ctx, TASK, Long.toString(round)));
    }

    public Map<String, Object> close(TestIdentity caller, long round) {
        return ledger.json(caller, ctx -> ledger.rounds.closeRound(ctx, TASK, Long.toString(round)));
    }

    /** Moves ledger time to {@code seconds} after the round attempt opened. */
    public void atSecond(long round, long seconds) {
        ledger.at(JsonFields.instant(round(round), "openedAt").plus(Duration.ofSeconds(seconds)));
    }

    public SortedMap<String, RoundKeys> keys(long round) {
        SortedMap<String, RoundKeys> keys = new TreeMap<>();
        JsonFields.objects(view(round), "keys").stream()
                .map(RoundKeys::fromJson)
                .forEach(k -> keys.put(k.participantId(), k));
        return keys;
    }

    public SortedMap<String, ShareBundle> bundles(long round) {
        SortedMap<String, ShareBundle> bundles = new TreeMap<>();
        JsonFields.objects(view(round), "shares").stream()
                .map(ShareBundle::fromJson)
                .forEach(b -> bundles.put(b.participantId(), b));
        return bundles;
    }

    public NeighbourGraph graph(long round) {
        Map<String, Object> state = round(round);
        return NeighbourGraph.of(
                new RoundContext(TASK, round, JsonFields.integer(state, "attempt")),
                JsonFields.string(JsonFields.object(state, "baseModel"), "sha256"),
                keys(round).keySet(),
                2);
    }

    public List<Reveal> reveals(long round) {
        return JsonFields.objects(view(round), "reveals").stream()
                .map(Reveal::fromJson)
                .toList();
    }

    /** A hex share with its last digit changed: a share that no longer matches its commitment. */
    public static String tampered(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    /** A site input of the same value everywhere, in grid steps. */
    public static int[] input(int value) {
        int[] input = new int[P];
        Arrays.fill(input, value);
        return input;
    }
}
