package org.medfed.client.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.medfed.client.ExitCodes;
import org.medfed.common.aggregation.round.AcceptedUpdate;
import org.medfed.common.aggregation.round.BlobSource;
import org.medfed.common.aggregation.round.RoundAggregationException;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.aggregation.round.RoundRecomputation;
import org.medfed.common.aggregation.round.SecureRoundInput;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.dp.noise.GridGaussianSum;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.RuleViolation;
import org.medfed.common.reputation.ReputationPolicy;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.MaskedVectorCodec;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundContext;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecureAggregationRules;
import org.medfed.common.secagg.SecureParticipant;
import org.medfed.common.secagg.SecureStep;
import org.medfed.common.secagg.ShareBundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code medfed bench secagg}: what secure aggregation costs (issue 13, item 6). For each K and P it plays one whole
 * secure round in memory, every participant with {@link SecureParticipant} (real X25519 keys, Shamir shares, AES-GCM
 * share encryption, AES-CTR masks, reveals), D of them dropping out after posting shares; then it times the
 * chaincode's {@link RoundRecomputation} on that round, blobs served from memory, against the same recomputation of
 * a round in clear of K float32 updates of the same P (strategy and quality scores, so every blob read twice, as in
 * production). Prints per (K, P) the bytes a client uploads, the bytes the round's records take on the ledger, the
 * client-side times, both aggregation times and their ratio, and the peak heap of one secure aggregation; then
 * whether the goal (unmasking cheaper than aggregating in clear at K = 10, P = 10^6) was met.
 */
@Command(
        name = "secagg",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            "Benchmark secure aggregation's costs (no network).",
            "Plays one secure round per (K, P) in memory with real keys, shares, masks and reveals, D dropouts after "
                    + "shares, and reports upload and ledger bytes, client-side times, and the chaincode's secure "
                    + "aggregation against the aggregation in clear of K float32 updates (median of N runs). "
                    + "Exit 4 if the unmasked sum is not the sum of the inputs or repeated runs differ."
        })
public final class SecAggBenchCommand implements Callable<Integer> {

    static final String TASK = "secagg-bench";
    /** The goal of issue 13 is stated at this K and P. */
    static final int GOAL_PARTICIPANTS = 10;

    static final int GOAL_PARAMS = 1_000_000;
    /** Every site registers this many rows (what N, the step's divisor, sums). */
    static final long ROWS = 1000;

    static final int MIN_PARAMS = 6;
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final BigDecimal SAMPLING_RATE = new BigDecimal("0.01");
    private static final BigDecimal REPUTATION = new BigDecimal("0.5");
    private static final long MAX_INPUT_BOUND = 64;
    private static final double MIB = 1024.0 * 1024.0;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--participants",
            split = ",",
            defaultValue = "10,50",
            paramLabel = "K",
            description = "Participants per round, comma-separated (default: ${DEFAULT-VALUE}).")
    private List<Integer> participants;

    @Option(
            names = "--params",
            split = ",",
            defaultValue = "100000,1000000",
            paramLabel = "P",
            description = "Model parameters, comma-separated; each P >= " + MIN_PARAMS
                    + " is an MLP's exact parameter count (default: ${DEFAULT-VALUE}).")
    private List<Integer> params;

    @Option(
            names = "--dropouts",
            defaultValue = "1",
            paramLabel = "D",
            description = "Participants that post keys and shares but no masked input (default: ${DEFAULT-VALUE}).")
    private int dropouts;

    @Option(
            names = "--neighbours",
            defaultValue = "8",
            paramLabel = "k",
            description = "Degree of the neighbour graph, even; at most the largest even number below K "
                    + "(default: ${DEFAULT-VALUE}).")
    private int neighbours;

    @Option(
            names = "--threshold",
            paramLabel = "t",
            description = "Shares needed to reconstruct a secret, k/2 < t <= k + 1 - D (default: k/2 + 1).")
    private Integer threshold;

    @Option(
            names = "--repeats",
            defaultValue = "3",
            paramLabel = "N",
            description = "Timed aggregations of each kind; the median is reported (default: ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(
            names = "--warmup",
            defaultValue = "1",
            paramLabel = "N",
            description = "Untimed aggregations of each kind first; when above 0, also one untimed round of the "
                    + "smallest K at the largest P before anything is timed (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Seed of every key, share, input and update (default: ${DEFAULT-VALUE}).")
    private long seed;

    /** One (K, P): the round's shape, then its bytes and times. */
    record Figures(
            int clients,
            int params,
            int survivors,
            int neighbours,
            int threshold,
            int gridBits,
            long inputBound,
            long mlpInputs,
            long mlpHidden,
            long mlpClasses,
            long blobBytes,
            double keysBytes,
            double sharesBytes,
            double revealBytes,
            double updateRecordBytes,
            long ledgerKeys,
            long ledgerShares,
            long ledgerReveals,
            long ledgerUpdates,
            Stopwatch.Median shares,
            Stopwatch.Median mask,
            Stopwatch.Median reveal,
            Stopwatch.Median secure,
            Stopwatch.Median clear,
            double securePeakMiB,
            double secureBaselineMiB,
            boolean sumExact,
            boolean bitIdentical) {

        double recordBytes() {
            return keysBytes + sharesBytes + revealBytes + updateRecordBytes;
        }

        double uploadBytes() {
            return blobBytes + recordBytes();
        }

        long ledgerBytes() {
            return ledgerKeys + ledgerShares + ledgerReveals + ledgerUpdates;
        }

        double wallRatio() {
            return secure.wallMs() / clear.wallMs();
        }

        double cpuRatio() {
            return secure.cpuMs() / clear.cpuMs();
        }
    }

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        List<Figures> all = new ArrayList<>();
        try {
            if (warmup > 0) {
                // Until the JIT has compiled the JDK's AES-CTR (and so uses its intrinsic), a mask costs about ten
                // times as much: one untimed round at the largest P compiles every hot path before anything is timed.
                measure(
                        participants.stream().min(Integer::compare).orElseThrow(),
                        params.stream().max(Integer::compare).orElseThrow());
            }
            for (int k : participants) {
                for (int p : params) {
                    Figures figures = measure(k, p);
                    all.add(figures);
                    printFigures(out, figures);
                }
            }
        } catch (IllegalArgumentException | RuleViolation e) {
            err("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (RoundAggregationException e) {
            err("error: the recomputation refused the round: " + e.getMessage());
            return ExitCodes.VERIFICATION_FAILED;
        } catch (OutOfMemoryError e) {
            err("error: out of memory (" + mib(Runtime.getRuntime().maxMemory())
                    + " MiB max heap); raise -Xmx via MEDFED_JAVA_OPTS");
            return ExitCodes.INTERNAL;
        }
        printSummary(out, all);
        if (all.stream().anyMatch(f -> !f.sumExact() || !f.bitIdentical())) {
            err("error: an unmasked sum differed from the sum of the inputs, or repeated aggregations differed");
            return ExitCodes.VERIFICATION_FAILED;
        }
        return ExitCodes.OK;
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        int maxParams = Math.min(FloatVectorCodec.MAX_VALUES, MaskedVectorCodec.MAX_WORDS);
        for (int p : params) {
            if (p < MIN_PARAMS || p > maxParams) {
                problems.add("--params must each be in [" + MIN_PARAMS + ", " + maxParams + "], got " + p);
            }
        }
        if (dropouts < 0) {
            problems.add("--dropouts must be at least 0, got " + dropouts);
        }
        if (neighbours < 2 || neighbours % 2 != 0) {
            problems.add("--neighbours must be even and at least 2, got " + neighbours);
        }
        for (int k : participants) {
            if (k < 3 || k > TaskSpec.MAX_PARTICIPANTS) {
                problems.add("--participants must each be in [3, " + TaskSpec.MAX_PARTICIPANTS + "], got " + k);
            } else if (k - dropouts < 2) {
                problems.add("K = " + k + " with " + dropouts + " dropouts leaves fewer than 2 survivors");
            } else if (neighbours >= 2 && neighbours % 2 == 0) {
                int degree = degree(k);
                int t = threshold(degree);
                if (t <= degree / 2 || t > degree + 1 - dropouts) {
                    problems.add("with K = " + k + " (k = " + degree + ") and " + dropouts + " dropouts the threshold"
                            + " must be in (" + degree / 2 + ", " + (degree + 1 - dropouts) + "], got " + t);
                }
            }
        }
        if (repeats < 1) {
            problems.add("--repeats must be at least 1, got " + repeats);
        }
        if (warmup < 0) {
            problems.add("--warmup must be at least 0, got " + warmup);
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
    }

    /** k for K participants: --neighbours, or the largest even degree a ring of K has. */
    int degree(int clients) {
        return Math.min(neighbours, (clients - 1) / 2 * 2);
    }

    int threshold(int degree) {
        return threshold != null ? threshold : degree / 2 + 1;
    }

    /**
     * An MLP inputs → hidden → classes with exactly {@code p} parameters (in·h + h + h·c + c): ten classes when
     * possible, else two; the widest hidden layer up to √(P − classes) that gives P exactly (h = 1 always does for
     * P ≥ 6).
     */
    static long[] mlp(long p) {
        for (long classes : new long[] {10, 2}) {
            long rest = p - classes;
            for (long hidden = (long) Math.sqrt((double) rest); hidden >= 1; hidden--) {
                if (rest % hidden == 0 && rest / hidden - 1 - classes >= 1) {
                    return new long[] {rest / hidden - 1 - classes, hidden, classes};
                }
            }
        }
        throw new IllegalArgumentException("no MLP has exactly " + p + " parameters");
    }

    private Figures measure(int clients, int p) {
        int degree = degree(clients);
        int t = threshold(degree);
        int gridBits = GridGaussianSum.gridBits(p);
        long inputBound = Math.min(MAX_INPUT_BOUND, (long) Integer.MAX_VALUE / ((long) clients << gridBits));
        if (inputBound < 1) {
            throw new IllegalArgumentException(
                    clients + " inputs on a grid of 2^" + gridBits + " steps per clip norm do not fit 32 bits");
        }
        SplittableRandom random = new SplittableRandom(seed ^ ((long) clients << 32) ^ p);
        float[] global = new float[p];
        for (int j = 0; j < p; j++) {
            global[j] = (float) (random.nextDouble() * 2 - 1);
        }
        byte[] globalBlob = FloatVectorCodec.encode(global);
        ContentRef globalRef = ref(globalBlob);
        long[] shape = mlp(p);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            ids.add(ParticipantIds.of(
                    "Org" + (i % 2 + 1) + "MSP",
                    String.format(Locale.ROOT, "CN=site-%03d,OU=client,O=Org%d", i, i % 2 + 1)));
        }
        TaskSpec clear = taskSpec(shape, globalRef, ids, clients - dropouts);
        TaskSpec secure = clear.withSecureAggregation(new SecureAggregationSpec(
                degree, t, clients - dropouts, SAMPLING_RATE, gridBits, inputBound, 32, 60, 60, 120));
        SecureAggregationRules.requireCompatible(secure);

        SecureRound round = playSecureRound(secure, global, globalBlob, ids, random);
        Supplier<RoundOutcome> secureRun = () -> new RoundRecomputation(memory(round.blobs())).aggregate(round.input());
        // The heap is measured before the clear round's blobs exist, so "in use before it" is the secure round's.
        HeapPeak<RoundOutcome> heap = HeapPeak.of(secureRun);
        boolean sumExact = Arrays.equals(heap.result().model(), expectedModel(secure, global, round));

        Round inClear = clearRound(clear, globalBlob, globalRef, ids, random);
        Supplier<RoundOutcome> clearRun =
                () -> new RoundRecomputation(memory(inClear.blobs())).aggregate(inClear.input());
        // Interleaved, so a change in the machine's load falls on both kinds alike.
        Stopwatch secureTimes = new Stopwatch(repeats);
        Stopwatch clearTimes = new Stopwatch(repeats);
        String clearSha256 = null;
        boolean identical = true;
        for (int r = 0; r < warmup + repeats; r++) {
            RoundOutcome secureOutcome = r < warmup ? secureRun.get() : secureTimes.time(secureRun);
            RoundOutcome clearOutcome = r < warmup ? clearRun.get() : clearTimes.time(clearRun);
            identical &= secureOutcome.sha256().equals(heap.result().sha256());
            clearSha256 = clearSha256 == null ? clearOutcome.sha256() : clearSha256;
            identical &= clearOutcome.sha256().equals(clearSha256);
        }
        return round.figures(
                clients, p, t, inputBound, shape, secureTimes.median(), clearTimes.median(), heap, sumExact, identical);
    }

    /** The model the round must give: the DP step from the sum of the survivors' inputs, as computed in clear. */
    private static float[] expectedModel(TaskSpec spec, float[] global, SecureRound round) {
        SecureAggregationSpec secure = spec.secureAggregationSpec().orElseThrow();
        DpPolicy dp = spec.dpPolicy().orElseThrow();
        return new SecureStep(
                        dp.clipNorm().doubleValue(),
                        (int) secure.quantizationBits(),
                        spec.training().learningRate().doubleValue(),
                        secure.samplingRate().doubleValue(),
                        ROWS * round.survivors())
                .model(global, round.sum());
    }

    private TaskSpec taskSpec(long[] shape, ContentRef initial, List<String> ids, long quorum) {
        List<String> datasets = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            datasets.add(dataset(i));
        }
        return new TaskSpec(
                TASK,
                "Secure aggregation benchmark",
                new ModelSpec("mlp", shape[0], List.of(shape[1]), "relu", shape[2], initial),
                new TrainingSpec(1, 32, new BigDecimal("0.01"), "sgd", BigDecimal.ZERO),
                1,
                quorum,
                600,
                2,
                new StrategySpec("fedavg", new TreeMap<>()),
                new DpPolicy(
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        new BigDecimal("0.00001"),
                        BigDecimal.TEN,
                        EpsilonConversion.IMPROVED),
                new ReputationPolicy(
                        new BigDecimal("0.5"),
                        new BigDecimal("0.5"),
                        new BigDecimal("0.2"),
                        new BigDecimal("0.25"),
                        new BigDecimal("0.3")),
                ids,
                datasets);
    }

    /** What one secure round left behind: its recomputation input and blobs, and what it cost the clients. */
    private record SecureRound(
            RoundInput input,
            Map<String, byte[]> blobs,
            int survivors,
            int[] sum,
            long blobBytes,
            List<RoundKeys> keys,
            List<ShareBundle> bundles,
            List<Reveal> reveals,
            List<UpdateRecord> updates,
            Stopwatch shares,
            Stopwatch masking,
            Stopwatch revealing) {

        Figures figures(
                int clients,
                int p,
                int t,
                long inputBound,
                long[] shape,
                Stopwatch.Median secureTimes,
                Stopwatch.Median clearTimes,
                HeapPeak<RoundOutcome> heap,
                boolean sumExact,
                boolean identical) {
            SecureAggregationSpec secure = input.spec().secureAggregationSpec().orElseThrow();
            SortedSet<String> alive = new TreeSet<>(
                    updates.stream().map(UpdateRecord::participantId).toList());
            return new Figures(
                    clients,
                    p,
                    survivors,
                    (int) secure.neighbours(),
                    t,
                    (int) secure.quantizationBits(),
                    inputBound,
                    shape[0],
                    shape[1],
                    shape[2],
                    blobBytes,
                    meanBytes(keys.stream()
                            .filter(k -> alive.contains(k.participantId()))
                            .toList()),
                    meanBytes(bundles.stream()
                            .filter(b -> alive.contains(b.participantId()))
                            .toList()),
                    meanBytes(reveals),
                    meanBytes(updates),
                    totalBytes(keys),
                    totalBytes(bundles),
                    totalBytes(reveals),
                    totalBytes(updates),
                    shares.median(),
                    masking.median(),
                    revealing.median(),
                    secureTimes,
                    clearTimes,
                    mib(heap.peakBytes()),
                    mib(heap.baselineBytes()),
                    sumExact,
                    identical);
        }
    }

    /**
     * Every participant posts keys and shares; the first D in ring order drop out; the survivors mask their inputs
     * (seeded integers within one clip norm per coordinate) and reveal. Secrets come from a seeded SHA1PRNG, so every
     * byte of every record is the same from run to run.
     */
    private SecureRound playSecureRound(
            TaskSpec spec, float[] global, byte[] globalBlob, List<String> ids, SplittableRandom random) {
        SecureAggregationSpec secure = spec.secureAggregationSpec().orElseThrow();
        int p = global.length;
        RoundContext context = new RoundContext(spec.id(), 1, 1);
        SecureRandom secrets = seededSecureRandom(seed ^ ((long) ids.size() << 32) ^ p);
        ContentRef globalRef = ref(globalBlob);
        Map<String, byte[]> blobs = new TreeMap<>();
        blobs.put(globalRef.cid(), globalBlob);

        SortedMap<String, SecureParticipant> players = new TreeMap<>();
        SortedMap<String, RoundKeys> keys = new TreeMap<>();
        for (String id : ids) {
            SecureParticipant player = SecureParticipant.create(context, id, secrets);
            players.put(id, player);
            keys.put(
                    id,
                    new RoundKeys(
                            spec.id(), 1, 1, id, player.maskKey(), player.shareKey(), at(5, id), txId("keys", id)));
        }
        NeighbourGraph graph = NeighbourGraph.of(context, globalRef.sha256(), keys.keySet(), (int) secure.neighbours());

        SortedMap<String, ShareBundle> bundles = new TreeMap<>();
        Stopwatch sharing = new Stopwatch(ids.size());
        for (SecureParticipant player : players.values()) {
            List<EncryptedShare> shares =
                    sharing.time(() -> player.shares(graph, keys, (int) secure.threshold(), secrets));
            bundles.put(
                    player.self(),
                    new ShareBundle(
                            spec.id(),
                            1,
                            1,
                            player.self(),
                            shares,
                            at(65, player.self()),
                            txId("shares", player.self())));
        }

        SortedSet<String> dropped = new TreeSet<>(graph.ring().subList(0, dropouts));
        SortedSet<String> survivors = new TreeSet<>(keys.keySet());
        survivors.removeAll(dropped);
        int[] sum = new int[p];
        long bound = 1L << secure.quantizationBits();
        Stopwatch masking = new Stopwatch(survivors.size());
        List<AcceptedUpdate> accepted = new ArrayList<>();
        List<UpdateRecord> records = new ArrayList<>();
        long blobBytes = 0;
        for (String id : survivors) {
            SplittableRandom site = random.split();
            int[] input = new int[p];
            for (int j = 0; j < p; j++) {
                input[j] = (int) site.nextLong(-bound, bound + 1);
                sum[j] += input[j];
            }
            SecureParticipant player = players.get(id);
            int[] masked = masking.time(() -> player.mask(input, graph, keys, bundles.keySet()));
            byte[] blob = MaskedVectorCodec.encode(masked);
            blobBytes = blob.length;
            ContentRef blobRef = ref(blob);
            blobs.put(blobRef.cid(), blob);
            accepted.add(new AcceptedUpdate(id, blobRef, p, ROWS, UpdateKind.MASKED, REPUTATION));
            records.add(updateRecord(spec, id, ids.indexOf(id), blobRef, globalRef.sha256()));
        }

        List<Reveal> reveals = new ArrayList<>();
        Stopwatch revealing = new Stopwatch(survivors.size());
        for (String id : survivors) {
            SecureParticipant player = players.get(id);
            List<RevealedShare> shares = revealing.time(() ->
                    player.reveal(graph, keys, bundles, survivors, dropped).shares());
            reveals.add(new Reveal(spec.id(), 1, 1, id, shares, at(605, id), txId("reveal", id)));
        }

        SecureRoundInput material =
                new SecureRoundInput(1, List.copyOf(keys.values()), List.copyOf(bundles.keySet()), reveals);
        RoundInput input = new RoundInput(spec, 1, globalRef, accepted, null, material);
        return new SecureRound(
                input,
                blobs,
                survivors.size(),
                sum,
                blobBytes,
                List.copyOf(keys.values()),
                List.copyOf(bundles.values()),
                reveals,
                records,
                sharing,
                masking,
                revealing);
    }

    /** The masked input's update record as the chaincode stores it; ε and its order are typical values. */
    private static UpdateRecord updateRecord(TaskSpec spec, String id, int index, ContentRef blob, String baseSha256) {
        DpPolicy dp = spec.dpPolicy().orElseThrow();
        UpdateSubmission submission = new UpdateSubmission(
                spec.id(),
                1,
                dataset(index),
                blob.cid(),
                blob.sha256(),
                spec.model().parameterCount(),
                ROWS,
                baseSha256,
                UpdateKind.MASKED,
                new TreeMap<>(),
                new DpUsage(SAMPLING_RATE, dp.noiseMultiplier(), 1, dp.clipNorm()));
        return new UpdateRecord(
                submission,
                id,
                at(125, id),
                txId("update", id),
                CanonicalJson.decimal(0.012345678901234568),
                CanonicalJson.decimal(63.5),
                REPUTATION);
    }

    /** K float32 delta updates of P seeded values within ±0.01, with the round's global model, in memory. */
    private static Round clearRound(
            TaskSpec spec, byte[] globalBlob, ContentRef globalRef, List<String> ids, SplittableRandom random) {
        int p = (int) spec.model().parameterCount();
        Map<String, byte[]> blobs = new TreeMap<>();
        blobs.put(globalRef.cid(), globalBlob);
        List<AcceptedUpdate> updates = new ArrayList<>();
        for (String id : ids) {
            SplittableRandom site = random.split();
            float[] delta = new float[p];
            for (int j = 0; j < p; j++) {
                delta[j] = (float) ((site.nextDouble() * 2 - 1) * 0.01);
            }
            byte[] blob = FloatVectorCodec.encode(delta);
            ContentRef blobRef = ref(blob);
            blobs.put(blobRef.cid(), blob);
            updates.add(new AcceptedUpdate(id, blobRef, p, ROWS, UpdateKind.DELTA, REPUTATION));
        }
        return new Round(new RoundInput(spec, 1, globalRef, updates), blobs);
    }

    private record Round(RoundInput input, Map<String, byte[]> blobs) {}

    /** An IPFS node that holds every blob in memory; cut at {@code maxBytes} as {@link BlobSource} asks. */
    private static BlobSource memory(Map<String, byte[]> blobs) {
        return (cid, maxBytes) -> {
            byte[] data = blobs.get(cid);
            if (data == null) {
                throw new java.io.IOException("block not found: " + cid);
            }
            return new ByteArrayInputStream(data, 0, (int) Math.min(data.length, maxBytes));
        };
    }

    private static ContentRef ref(byte[] blob) {
        return new ContentRef(Cids.rawLeafCidV1(blob), Hashing.sha256Hex(blob));
    }

    private static String dataset(int index) {
        return String.format(Locale.ROOT, "ds-%03d", index);
    }

    /** A transaction timestamp {@code seconds} into the round, with all nine fraction digits as a peer's have. */
    private static Instant at(long seconds, String id) {
        return T0.plusSeconds(seconds).plusNanos(100_000_000L + Math.floorMod(id.hashCode(), 800_000_000));
    }

    /** A Fabric transaction id: 64 hex digits. */
    private static String txId(String kind, String id) {
        return Hashing.sha256Hex((kind + "|" + id).getBytes(UTF_8));
    }

    private static SecureRandom seededSecureRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            // Seeded before its first use, SHA1PRNG is a deterministic generator: the same seed, the same bytes.
            random.setSeed(Hashing.sha256(("medfed bench secagg|" + seed).getBytes(UTF_8)));
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA1PRNG", e);
        }
    }

    private static double meanBytes(List<? extends JsonRecord> records) {
        return records.isEmpty() ? 0 : (double) totalBytes(records) / records.size();
    }

    private static long totalBytes(List<? extends JsonRecord> records) {
        long total = 0;
        for (JsonRecord record : records) {
            total += CanonicalJson.encodeUtf8(record.toJson()).length;
        }
        return total;
    }

    private static double mib(long bytes) {
        return bytes / MIB;
    }

    private void printFigures(PrintWriter out, Figures f) {
        out.printf(
                Locale.ROOT,
                "K=%d, P=%d (mlp %d-%d-%d), k=%d, t=%d, %d dropout(s), %d survivors, grid 2^%d, inputBound %d%n",
                f.clients(),
                f.params(),
                f.mlpInputs(),
                f.mlpHidden(),
                f.mlpClasses(),
                f.neighbours(),
                f.threshold(),
                f.clients() - f.survivors(),
                f.survivors(),
                f.gridBits(),
                f.inputBound());
        String row = "  %-46s %s%n";
        out.printf(
                row,
                "upload per survivor",
                f.blobBytes() + " B masked blob + " + f(f.recordBytes(), 0) + " B records = " + f(f.uploadBytes(), 0)
                        + " B");
        out.printf(
                row,
                "  records (mean, canonical JSON)",
                "keys " + f(f.keysBytes(), 0) + ", shares " + f(f.sharesBytes(), 0) + ", reveal "
                        + f(f.revealBytes(), 0) + ", update " + f(f.updateRecordBytes(), 0));
        out.printf(
                row,
                "ledger per round (canonical JSON)",
                f.ledgerBytes() + " B: keys " + f.ledgerKeys() + ", shares " + f.ledgerShares() + ", reveals "
                        + f.ledgerReveals() + ", update records " + f.ledgerUpdates());
        out.printf(row, "client: share generation (median)", time(f.shares(), 2));
        out.printf(row, "client: masking (median)", time(f.mask(), 1));
        out.printf(row, "client: reveal (median)", time(f.reveal(), 2));
        out.printf(row, "chaincode: secure aggregation (median of " + repeats + ")", time(f.secure(), 1));
        out.printf(row, "chaincode: aggregation of " + f.clients() + " float32 in clear", time(f.clear(), 1));
        out.printf(row, "ratio secure / clear", f(f.wallRatio(), 2) + " (CPU " + f(f.cpuRatio(), 2) + ")");
        out.printf(
                row,
                "peak heap, one secure aggregation",
                f(f.securePeakMiB(), 1) + " MiB (" + f(f.secureBaselineMiB(), 1) + " MiB in use before it)");
        out.printf(
                row,
                "unmasked sum = sum of inputs; runs identical",
                (f.sumExact() ? "yes" : "NO") + "; " + (f.bitIdentical() ? "yes" : "NO"));
        out.flush();
    }

    private static String time(Stopwatch.Median median, int digits) {
        return f(median.wallMs(), digits) + " ms (CPU " + f(median.cpuMs(), digits) + " ms)";
    }

    private void printSummary(PrintWriter out, List<Figures> all) {
        out.println();
        out.println("| K | P | upload/survivor: blob + records | ledger/round | shares, CPU | masking, CPU"
                + " | secure agg, wall / CPU | clear agg, wall / CPU | secure/clear, wall / CPU | peak heap, secure |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Figures f : all) {
            out.printf(
                    Locale.ROOT,
                    "| %d | %d | %s B: %d + %s | %d B | %s ms | %s ms | %s / %s ms | %s / %s ms | %s / %s | %s MiB |%n",
                    f.clients(),
                    f.params(),
                    f(f.uploadBytes(), 0),
                    f.blobBytes(),
                    f(f.recordBytes(), 0),
                    f.ledgerBytes(),
                    f(f.shares().cpuMs(), 2),
                    f(f.mask().cpuMs(), 1),
                    f(f.secure().wallMs(), 1),
                    f(f.secure().cpuMs(), 1),
                    f(f.clear().wallMs(), 1),
                    f(f.clear().cpuMs(), 1),
                    f(f.wallRatio(), 2),
                    f(f.cpuRatio(), 2),
                    f(f.securePeakMiB(), 1));
        }
        out.printf(
                Locale.ROOT,
                "aggregations: median of %d interleaved runs after %d warm-up; client times: median over"
                        + " participants; seed %d%n",
                repeats,
                warmup,
                seed);
        Figures goal = all.stream()
                .filter(f -> f.clients() == GOAL_PARTICIPANTS && f.params() == GOAL_PARAMS)
                .findFirst()
                .orElse(null);
        String statement = "goal (issue 13): unmasking in chaincode costs less than the aggregation of the same"
                + " updates in clear at K = 10, P = 10^6: ";
        out.println(statement
                + (goal == null
                        ? "not measured (needs K 10 and P 1000000)"
                        : goalVerdict(goal.secure(), goal.clear())));
        out.flush();
    }

    /**
     * The goal holds when the secure aggregation's median CPU time is below the clear one's: the cost, which the
     * other work on a shared machine does not inflate as it does the wall time, printed beside it.
     */
    static String goalVerdict(Stopwatch.Median secure, Stopwatch.Median clear) {
        String figures = "CPU " + f(secure.cpuMs(), 1) + (secure.cpuMs() < clear.cpuMs() ? " < " : " >= ")
                + f(clear.cpuMs(), 1) + " ms; wall " + f(secure.wallMs(), 1) + " vs " + f(clear.wallMs(), 1) + " ms";
        return (secure.cpuMs() < clear.cpuMs() ? "met (" : "NOT met (") + figures + ")";
    }

    private void err(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(line);
        err.flush();
    }

    private static String f(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
