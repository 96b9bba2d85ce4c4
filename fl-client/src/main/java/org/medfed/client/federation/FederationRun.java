package org.medfed.client.federation;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.SecAggLedger;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.report.ReportCollector;
import org.medfed.client.report.RoundFacts;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.Metrics;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.round.RoundState;

/**
 * Follows a federation's task on the ledger until it completes, printing a line per aggregated round (round time,
 * updates, the sites' mean validation accuracy and F1 from the metrics their updates carry, the largest ε spent,
 * reputations), then scores the final global model on the held-back rows no site trained on. Each round's global
 * model is scored on those rows too: the follower's own evaluation, not a value any site released. A secure task's
 * masked inputs carry no metrics, so that score is the only one it has; its rounds also report their secure phases
 * ({@code secagg:getSecureRound}).
 */
public final class FederationRun {

    /**
     * One aggregated round as the ledger recorded it; {@code ledgerBytes} is the size of the round's records as the
     * chaincode stores them (canonical JSON of the round state, its updates and its aggregation record), without
     * Fabric's block and transaction overhead.
     */
    public record RoundSummary(
            long round,
            Duration duration,
            int updates,
            int excluded,
            String modelCid,
            double meanAccuracy,
            double meanF1,
            double maxEpsilon,
            Map<String, BigDecimal> reputation,
            long ledgerBytes,
            Metrics.Validation test,
            SecurePhases secure) {

        /** A round in clear (no secure phases). */
        public RoundSummary(
                long round,
                Duration duration,
                int updates,
                int excluded,
                String modelCid,
                double meanAccuracy,
                double meanF1,
                double maxEpsilon,
                Map<String, BigDecimal> reputation,
                long ledgerBytes,
                Metrics.Validation test) {
            this(
                    round,
                    duration,
                    updates,
                    excluded,
                    modelCid,
                    meanAccuracy,
                    meanF1,
                    maxEpsilon,
                    reputation,
                    ledgerBytes,
                    test,
                    null);
        }
    }

    /**
     * A secure round's phases as {@code secagg:getSecureRound} reads them once the round is aggregated: the attempt
     * that succeeded, how many posted keys (U1), shares (U2), masked inputs that were unmasked (the survivors, U3) and
     * reveals, and who posted shares but no masked input (the dropouts, U2 \ U3), by participant id.
     */
    public record SecurePhases(long attempt, int keys, int shares, int survivors, int reveals, List<String> dropouts) {
        public SecurePhases {
            dropouts = List.copyOf(dropouts);
        }

        static SecurePhases of(SecureRoundView view) {
            return new SecurePhases(
                    view.round().attempt(),
                    view.keys().size(),
                    view.shares().size(),
                    view.survivors().size(),
                    view.reveals().size(),
                    view.dropouts());
        }

        /** The canonical JSON of the keys, share bundles and reveals the round stored. */
        static long recordBytes(SecureRoundView view) {
            long bytes = 0;
            for (JsonRecord record : view.keys().values()) {
                bytes += utf8(CanonicalJson.encode(record.toJson()));
            }
            for (JsonRecord record : view.shares().values()) {
                bytes += utf8(CanonicalJson.encode(record.toJson()));
            }
            for (JsonRecord record : view.reveals().values()) {
                bytes += utf8(CanonicalJson.encode(record.toJson()));
            }
            return bytes;
        }
    }

    /** The whole run. */
    public record Summary(
            Task task,
            List<RoundSummary> rounds,
            ContentRef finalModel,
            Metrics.Validation test,
            int testRows,
            Duration elapsed) {}

    /** How the run waits between polls; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final LedgerClient ledger;
    private final BlobStore blobs;
    private final PrintWriter progress;
    private final Pause pause;

    public FederationRun(LedgerClient ledger, BlobStore blobs, PrintWriter progress, Pause pause) {
        this.ledger = ledger;
        this.blobs = blobs;
        this.progress = progress;
        this.pause = pause;
    }

    public Summary follow(FederationPlan plan, Duration timeout) throws Exception {
        String taskId = plan.task().id();
        TabularDataset test = SchemaMapping.load(plan.mapping()).apply(CsvReader.read(plan.testCsv()));
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        List<RoundSummary> rounds = new ArrayList<>();
        Instant lastEnd = null;
        while (true) {
            Task task = new TaskLedger(ledger).get(taskId).value();
            long aggregated = task.aggregatedRounds();
            while (rounds.size() < aggregated) {
                RoundSummary round = summarise(task, rounds.size() + 1, lastEnd, test);
                lastEnd = new RoundLedger(ledger)
                        .get(taskId, round.round())
                        .value()
                        .round()
                        .aggregatedAt();
                rounds.add(round);
                print(round, task.spec().rounds());
            }
            if (task.status() == TaskStatus.COMPLETED) {
                ContentRef model = task.globalModel();
                return new Summary(
                        task,
                        rounds,
                        model,
                        score(model, task, test),
                        test.rowCount(),
                        Duration.ofNanos(System.nanoTime() - started));
            }
            if (task.status() != TaskStatus.ACTIVE) {
                throw new IllegalStateException("task " + taskId + " is "
                        + task.status().wire() + ": " + task.statusReason() + "; see the node logs");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("task " + taskId + " did not complete within " + timeout.toMinutes()
                        + " min (at round " + task.currentRound() + "); see the node logs");
            }
            pause.pause(Duration.ofSeconds(2));
        }
    }

    private RoundSummary summarise(Task task, long round, Instant previousEnd, TabularDataset test) throws Exception {
        String taskId = task.spec().id();
        RoundFacts facts = ReportCollector.on(ledger).round(taskId, round);
        RoundState state = facts.state();
        List<UpdateRecord> updates = facts.updates();
        long ledgerBytes = facts.ledgerBytes();
        SecurePhases secure = null;
        if (task.spec().securelyAggregated()) {
            SecureRoundView phases =
                    new SecAggLedger(ledger).secureRound(taskId, round).value();
            secure = SecurePhases.of(phases);
            ledgerBytes += SecurePhases.recordBytes(phases);
        }
        double accuracy = 0;
        double f1 = 0;
        double epsilon = 0;
        Map<String, BigDecimal> reputation = new TreeMap<>();
        for (UpdateRecord update : updates) {
            accuracy += metric(update, "accuracy");
            f1 += metric(update, "f1");
            // A task without DP charges no ε: its rounds report 0, and the task itself says it has no DP.
            epsilon = Math.max(
                    epsilon, update.epsilonSpent().map(BigDecimal::doubleValue).orElse(0.0));
            reputation.put(update.participantId(), update.reputation());
        }
        int n = Math.max(1, updates.size());
        Instant start = previousEnd != null ? previousEnd : state.openedAt();
        return new RoundSummary(
                round,
                Duration.between(start, state.aggregatedAt()),
                updates.size(),
                state.excluded().size(),
                state.resultModel().cid(),
                accuracy / n,
                f1 / n,
                epsilon,
                reputation,
                ledgerBytes,
                score(state.resultModel(), task, test),
                secure);
    }

    private static long utf8(String json) {
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static double metric(UpdateRecord update, String name) {
        BigDecimal value = update.submission().metrics().get(name);
        return value == null ? Double.NaN : value.doubleValue();
    }

    private void print(RoundSummary r, long of) {
        if (r.secure() != null) {
            SecurePhases p = r.secure();
            progress.printf(
                    Locale.ROOT,
                    "round %d/%d aggregated in %.1f s%s: keys %d, shares %d, masked inputs unmasked %d, reveals %d,"
                            + " dropouts %s; global model on the held-back rows: accuracy %.3f F1 %.3f;"
                            + " epsilon <= %.2f, model %s%n",
                    r.round(),
                    of,
                    r.duration().toMillis() / 1000.0,
                    p.attempt() > 1 ? " (attempt " + p.attempt() + ")" : "",
                    p.keys(),
                    p.shares(),
                    p.survivors(),
                    p.reveals(),
                    p.dropouts().isEmpty()
                            ? "none"
                            : p.dropouts().stream()
                                    .map(id -> id.substring(0, 8))
                                    .toList(),
                    r.test().accuracy(),
                    r.test().f1(),
                    r.maxEpsilon(),
                    r.modelCid());
            progress.flush();
            return;
        }
        StringBuilder reputations = new StringBuilder();
        r.reputation()
                .forEach((id, score) -> reputations
                        .append(' ')
                        .append(id, 0, 8)
                        .append('=')
                        .append(score.stripTrailingZeros().toPlainString()));
        progress.printf(
                Locale.ROOT,
                "round %d/%d aggregated in %.1f s: %d updates%s, sites' validation accuracy %.3f"
                        + " F1 %.3f, epsilon <= %.2f, reputation at submission%s, model %s%n",
                r.round(),
                of,
                r.duration().toMillis() / 1000.0,
                r.updates(),
                r.excluded() == 0 ? "" : " (" + r.excluded() + " excluded)",
                r.meanAccuracy(),
                r.meanF1(),
                r.maxEpsilon(),
                reputations,
                r.modelCid());
        progress.flush();
    }

    /** A global model of the task scored on the held-back rows. */
    private Metrics.Validation score(ContentRef model, Task task, TabularDataset test) throws Exception {
        long parameters = task.spec().model().parameterCount();
        byte[] blob =
                blobs.fetchVerified(new BlobRef(model.cid(), model.sha256(), FloatVectorCodec.byteLength(parameters)));
        return LocalTrainer.evaluate(
                task.spec().model(), FloatVectorCodec.decode(blob, parameters), test.features(), test.labels());
    }
}
