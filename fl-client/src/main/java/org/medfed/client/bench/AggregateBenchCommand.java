package org.medfed.client.bench;

import com.google.gson.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.medfed.client.ExitCodes;
import org.medfed.common.aggregation.AggregationException;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.AggregationStrategy;
import org.medfed.common.aggregation.MultiKrum;
import org.medfed.common.aggregation.QualityScores;
import org.medfed.common.aggregation.QualityThresholds;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.aggregation.VectorSource;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.UpdateKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code medfed bench aggregate}: how close aggregation comes to the memory bandwidth (issue 4, item 6; issue 17,
 * goal P1). It encodes K seeded float32 updates of P values once, as the blobs aggregation reads, then times (a) the
 * production strategy chain ({@link Strategies#fromSpec}) on N threads reading them through
 * {@link VectorSource#fromBlob}, i.e. read + decode + accumulate, (b) a read of the same bytes with independent
 * accumulators ({@link ReadKernels}) on the same N threads over disjoint slices, and on one thread, and (c) the
 * quality scores over the result; prints them in GB/s of update data, the ratio of (a) to (b), the peak heap of one
 * aggregation, and whether every run gave the same bits.
 */
@Command(
        name = "aggregate",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            "Benchmark aggregation against the JVM's streaming-read bandwidth (no network).",
            "Generates K seeded update blobs of P float32 values in memory once, then reports the median of "
                    + "the timed aggregations on --threads threads as GB/s of update data (K*P*4 bytes), the read "
                    + "bandwidth over the same bytes on as many threads and on one, their ratio, the quality "
                    + "scores' throughput, peak heap, and the SHA-256 of the result (every run must give the "
                    + "same bits; exit 4 otherwise)."
        })
public final class AggregateBenchCommand implements Callable<Integer> {

    static final List<String> STRATEGIES = List.of("fedavg", "median", "trimmed-mean", "krum");
    private static final double MIB = 1024.0 * 1024.0;

    @Spec
    private CommandSpec spec;

    @Option(names = "--params", required = true, paramLabel = "P", description = "Values per update.")
    private int params;

    @Option(names = "--clients", required = true, paramLabel = "K", description = "Number of updates.")
    private int clients;

    @Option(
            names = "--strategy",
            defaultValue = "fedavg",
            paramLabel = "NAME",
            description = "fedavg, median, trimmed-mean or krum (default: ${DEFAULT-VALUE}).")
    private String strategy;

    @Option(
            names = "--beta",
            defaultValue = "0.1",
            paramLabel = "B",
            description = "trimmed-mean: fraction trimmed at each end (default: ${DEFAULT-VALUE}).")
    private BigDecimal beta;

    @Option(
            names = "--krum-f",
            paramLabel = "F",
            description = "krum: assumed Byzantine updates (default: the largest with K >= 2F+3, at least 0).")
    private Integer krumF;

    @Option(
            names = "--kind",
            defaultValue = "FULL",
            paramLabel = "KIND",
            description = "FULL (values are models, delta = values - global) or DELTA (default: ${DEFAULT-VALUE}).")
    private UpdateKind kind;

    @Option(
            names = "--iterations",
            defaultValue = "9",
            paramLabel = "N",
            description = "Timed runs of each kind; the median is reported (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(
            names = "--warmup",
            defaultValue = "10",
            paramLabel = "N",
            description = "Untimed runs of each kind first: enough for the JIT to have compiled the kernels, "
                    + "whose first runs take ten times as long (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "S",
            description = "Seed of the generated updates (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--threads",
            defaultValue = "" + Strategies.DEFAULT_THREADS,
            paramLabel = "N",
            description = "Threads of the aggregation and of the read it is compared with (default: "
                    + "${DEFAULT-VALUE}, the production chain's).")
    private int threads;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    private boolean json;

    /** The kernels add their results here (a volatile write), so the JIT cannot eliminate them. */
    private static volatile double sink;

    record Report(
            String strategy,
            String kind,
            int params,
            int clients,
            int iterations,
            int warmup,
            long seed,
            int threads,
            long updateBytes,
            double aggregateMedianMs,
            double aggregateGBps,
            double floatReadGBps,
            double longReadGBps,
            double singleThreadReadGBps,
            double readMedianMs,
            double readGBps,
            double ratio,
            double singleThreadRatio,
            double qualityMedianMs,
            double qualityGBps,
            double peakHeapMiB,
            double baselineHeapMiB,
            double inputBlobsMiB,
            double aggregationHeapMiB,
            long bufferedValues,
            double maxHeapMiB,
            String resultSha256,
            boolean bitIdentical,
            int runsCompared) {}

    @Override
    public Integer call() {
        validate();
        try {
            Report report = run();
            if (json) {
                printJson(report);
            } else {
                printTable(report);
            }
            if (!report.bitIdentical()) {
                err("error: repeated aggregations gave different bits");
                return ExitCodes.VERIFICATION_FAILED;
            }
            return ExitCodes.OK;
        } catch (AggregationException | IllegalArgumentException e) {
            err("error: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (OutOfMemoryError e) {
            err("error: out of memory with " + clients + " updates of " + params + " values ("
                    + mib(Runtime.getRuntime().maxMemory()) + " MiB max heap); raise -Xmx via MEDFED_JAVA_OPTS");
            return ExitCodes.INTERNAL;
        }
    }

    private void validate() {
        List<String> problems = new ArrayList<>();
        if (params < 2 || params > FloatVectorCodec.MAX_VALUES) {
            problems.add("--params must be in [2, " + FloatVectorCodec.MAX_VALUES + "], got " + params);
        }
        if (clients < 1) {
            problems.add("--clients must be at least 1, got " + clients);
        }
        if (iterations < 1) {
            problems.add("--iterations must be at least 1, got " + iterations);
        }
        if (warmup < 0) {
            problems.add("--warmup must be at least 0, got " + warmup);
        }
        if (!STRATEGIES.contains(strategy)) {
            problems.add("--strategy must be one of " + STRATEGIES + ", got \"" + strategy + "\"");
        }
        if (threads < 1 || threads > Strategies.MAX_THREADS) {
            problems.add("--threads must be in [1, " + Strategies.MAX_THREADS + "], got " + threads);
        }
        if (krumF != null && krumF < 0) {
            problems.add("--krum-f must be at least 0, got " + krumF);
        }
        if (krumF != null && krumF > 0 && new MultiKrum(krumF, 1).toleratedFaults(clients) < krumF) {
            // Multi-Krum would tolerate fewer faults than asked: a benchmark labelled with F must run with F
            problems.add("--krum-f " + krumF + " needs --clients of at least 2F + 3 = " + (2 * krumF + 3) + ", got "
                    + clients);
        }
        if (!problems.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join("; ", problems));
        }
    }

    /** The production chain, as a task with this strategy would get it. */
    AggregationStrategy strategy() {
        TreeMap<String, BigDecimal> p = new TreeMap<>();
        String name = strategy;
        switch (strategy) {
            case "trimmed-mean" -> p.put("beta", beta);
            case "krum" -> {
                name = Strategies.MULTI_KRUM;
                int f = krumF != null ? krumF : Math.max(0, (clients - 3) / 2);
                p.put("f", BigDecimal.valueOf(f));
                p.put("m", BigDecimal.ONE);
            }
            default -> {}
        }
        return Strategies.fromSpec(new StrategySpec(name, p), null, threads);
    }

    private Report run() {
        AggregationStrategy chain = strategy();
        // Off the measured path: the inputs, once, as encoded little-endian blobs.
        SplittableRandom base = new SplittableRandom(seed);
        float[] global = new float[params];
        for (int j = 0; j < params; j++) {
            global[j] = (float) (base.nextDouble() * 2 - 1);
        }
        byte[][] blobs = new byte[clients][];
        List<WeightedUpdate> updates = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            SplittableRandom random = base.split();
            float[] values = new float[params];
            for (int j = 0; j < params; j++) {
                float noise = (float) ((random.nextDouble() * 2 - 1) * 0.01);
                values[j] = kind == UpdateKind.FULL ? global[j] + noise : noise;
            }
            byte[] blob = FloatVectorCodec.encode(values);
            blobs[i] = blob;
            long examples = 50 + random.nextInt(451);
            updates.add(WeightedUpdate.of(
                    String.format(Locale.ROOT, "p%05d", i),
                    kind,
                    examples,
                    BigDecimal.ONE,
                    VectorSource.fromBlob(() -> new ByteArrayInputStream(blob))));
        }
        long updateBytes = (long) clients * params * Float.BYTES;

        // The kinds of run take turns, round after round, so that other work on the machine weighs on each alike:
        // (a) aggregation, checking the bits of every run; (b) the streaming read of the same bytes with two kernels,
        // the faster being the reference, on the aggregation's threads over disjoint slices and on one thread;
        // (c) the quality scores over the result, the second read of every update in a round.
        AggregationResult first = chain.aggregate(global, updates);
        String firstHash = Hashing.sha256Hex(FloatVectorCodec.encode(first.model()));
        float[] model = first.model();
        boolean[] identical = {true};
        AggregationResult[] last = {first};
        Runnable aggregation = () -> last[0] = chain.aggregate(global, updates);
        Runnable checkBits = () -> identical[0] &=
                Hashing.sha256Hex(FloatVectorCodec.encode(last[0].model())).equals(firstHash);
        Runnable threadFloats = () -> sink += ReadKernels.sumSlices(blobs, threads, ReadKernels.FLOATS);
        Runnable threadLongs = () -> sink += ReadKernels.sumSlices(blobs, threads, ReadKernels.LONGS);
        Runnable floats = () -> sink += ReadKernels.sumSlices(blobs, 1, ReadKernels.FLOATS);
        Runnable longs = () -> sink += ReadKernels.sumSlices(blobs, 1, ReadKernels.LONGS);
        Runnable quality =
                () -> sink += QualityScores.compute(global, model, updates, QualityThresholds.DEFAULT, threads)
                        .get(0)
                        .norm();
        long[][] nanos = takeTurns(checkBits, aggregation, threadFloats, threadLongs, floats, longs, quality);
        long[] aggregateNanos = nanos[0];
        long threadFloatNanos = (long) median(nanos[1]);
        long threadLongNanos = (long) median(nanos[2]);
        long floatNanos = (long) median(nanos[3]);
        long longNanos = (long) median(nanos[4]);
        long qualityNanos = (long) median(nanos[5]);
        long bufferedValues = first.stats().bufferedValues();

        // (d) peak heap of one aggregation
        HeapPeak<AggregationResult> heap = HeapPeak.of(() -> chain.aggregate(global, updates));
        AggregationResult measured = heap.result();
        long baseline = heap.baselineBytes();
        long peak = heap.peakBytes();
        String hash = Hashing.sha256Hex(FloatVectorCodec.encode(measured.model()));
        identical[0] &= hash.equals(firstHash);

        long inputBytes = 0;
        for (byte[] blob : blobs) {
            inputBytes += blob.length;
        }
        double aggregateMs = median(aggregateNanos) / 1e6;
        double aggregateGBps = updateBytes / (median(aggregateNanos) / 1e9) / 1e9;
        double floatGBps = gbps(updateBytes, floatNanos);
        double longGBps = gbps(updateBytes, longNanos);
        double singleReadGBps = gbps(updateBytes, Math.min(floatNanos, longNanos));
        long readNanos = Math.min(threadFloatNanos, threadLongNanos);
        double readGBps = gbps(updateBytes, readNanos);
        return new Report(
                strategy,
                kind.name(),
                params,
                clients,
                iterations,
                warmup,
                seed,
                threads,
                updateBytes,
                aggregateMs,
                aggregateGBps,
                floatGBps,
                longGBps,
                singleReadGBps,
                readNanos / 1e6,
                readGBps,
                aggregateGBps / readGBps,
                aggregateGBps / singleReadGBps,
                qualityNanos / 1e6,
                gbps(updateBytes, qualityNanos),
                mib(peak),
                mib(baseline),
                mib(inputBytes),
                mib(peak - baseline),
                bufferedValues,
                mib(Runtime.getRuntime().maxMemory()),
                firstHash,
                identical[0],
                warmup + iterations + 2);
    }

    /**
     * The timed runs ({@code iterations} after {@code warmup}) of each kernel, the kernels taking turns; {@code
     * afterRound} runs untimed after each round.
     */
    private long[][] takeTurns(Runnable afterRound, Runnable... kernels) {
        long[][] nanos = new long[kernels.length][iterations];
        for (int r = 0; r < warmup + iterations; r++) {
            for (int k = 0; k < kernels.length; k++) {
                long start = System.nanoTime();
                kernels[k].run();
                long elapsed = System.nanoTime() - start;
                if (r >= warmup) {
                    nanos[k][r - warmup] = elapsed;
                }
            }
            afterRound.run();
        }
        return nanos;
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static double gbps(long bytes, double nanos) {
        return bytes / (nanos / 1e9) / 1e9;
    }

    private static double mib(long bytes) {
        return bytes / MIB;
    }

    private void printTable(Report r) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "aggregate benchmark: %s, K=%d updates of P=%d float32 (%s), %.1f MB of update data%n",
                r.strategy(),
                r.clients(),
                r.params(),
                r.kind(),
                r.updateBytes() / 1e6);
        String row = "%-42s %12s%n";
        String n = r.threads() == 1 ? "1 thread" : r.threads() + " threads";
        out.printf(row, "threads", Integer.toString(r.threads()));
        out.printf(row, "aggregation (median)", f(r.aggregateMedianMs(), 1) + " ms");
        out.printf(row, "aggregation throughput", f(r.aggregateGBps(), 2) + " GB/s");
        out.printf(row, "read bandwidth, " + n + " (best kernel)", f(r.readGBps(), 2) + " GB/s");
        out.printf(row, "ratio (aggregation / read, " + n + ")", f(r.ratio(), 3));
        out.printf(row, "read bandwidth, 1 thread, float kernel", f(r.floatReadGBps(), 2) + " GB/s");
        out.printf(row, "read bandwidth, 1 thread, long kernel", f(r.longReadGBps(), 2) + " GB/s");
        out.printf(row, "ratio (aggregation / best 1-thread read)", f(r.singleThreadRatio(), 3));
        out.printf(row, "quality scores throughput", f(r.qualityGBps(), 2) + " GB/s");
        out.printf(row, "peak heap during one aggregation", f(r.peakHeapMiB(), 1) + " MiB");
        out.printf(row, "  in use before it (incl. blobs)", f(r.baselineHeapMiB(), 1) + " MiB");
        out.printf(row, "  input blobs", f(r.inputBlobsMiB(), 1) + " MiB");
        out.printf(row, "  added by the aggregation", f(r.aggregationHeapMiB(), 1) + " MiB");
        out.printf(row, "buffered update values", Long.toString(r.bufferedValues()));
        out.printf(row, "max heap", f(r.maxHeapMiB(), 0) + " MiB");
        out.printf(row, "bit-identical over " + r.runsCompared() + " runs", r.bitIdentical() ? "yes" : "NO");
        out.printf("result SHA-256 %s%n", r.resultSha256());
        out.printf(
                Locale.ROOT,
                "median of %d timed runs after %d warm-up runs; GB = 10^9 bytes; seed %d.%n",
                r.iterations(),
                r.warmup(),
                r.seed());
        out.flush();
    }

    private void printJson(Report r) {
        JsonObject o = new JsonObject();
        o.addProperty("strategy", r.strategy());
        o.addProperty("kind", r.kind());
        o.addProperty("params", r.params());
        o.addProperty("clients", r.clients());
        o.addProperty("iterations", r.iterations());
        o.addProperty("warmup", r.warmup());
        o.addProperty("seed", r.seed());
        o.addProperty("threads", r.threads());
        o.addProperty("updateBytes", r.updateBytes());
        o.addProperty("aggregateMedianMs", r.aggregateMedianMs());
        o.addProperty("aggregateGBps", r.aggregateGBps());
        o.addProperty("floatReadGBps", r.floatReadGBps());
        o.addProperty("longReadGBps", r.longReadGBps());
        o.addProperty("singleThreadReadGBps", r.singleThreadReadGBps());
        o.addProperty("readMedianMs", r.readMedianMs());
        o.addProperty("readGBps", r.readGBps());
        o.addProperty("ratio", r.ratio());
        o.addProperty("singleThreadRatio", r.singleThreadRatio());
        o.addProperty("qualityMedianMs", r.qualityMedianMs());
        o.addProperty("qualityGBps", r.qualityGBps());
        o.addProperty("peakHeapMiB", r.peakHeapMiB());
        o.addProperty("baselineHeapMiB", r.baselineHeapMiB());
        o.addProperty("inputBlobsMiB", r.inputBlobsMiB());
        o.addProperty("aggregationHeapMiB", r.aggregationHeapMiB());
        o.addProperty("bufferedValues", r.bufferedValues());
        o.addProperty("maxHeapMiB", r.maxHeapMiB());
        o.addProperty("resultSha256", r.resultSha256());
        o.addProperty("bitIdentical", r.bitIdentical());
        o.addProperty("runsCompared", r.runsCompared());
        spec.commandLine().getOut().println(o);
        spec.commandLine().getOut().flush();
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
