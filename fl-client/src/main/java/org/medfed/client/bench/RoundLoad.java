package org.medfed.client.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.ledger.AggregateResult;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundResultsLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.report.ReportCollector;
import org.medfed.client.retention.Pruner;
import org.medfed.client.retention.RetentionReads;
import org.medfed.client.retention.StoragePlanner;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.round.RoundStatus;

/**
 * Drives the benchmark's rounds on the running network by the normal path: every participant adds its update to its
 * organisation's Kubo node, then submits it ({@code round:submitUpdate}, concurrently through the bounded pool),
 * then one participant closes the round ({@code round:closeRound}) and asks for its aggregation
 * ({@code aggregator:aggregateRound}), which every endorsing organisation recomputes from its own Kubo node: what
 * {@code medfed round close} and {@code medfed round aggregate}, or a client node's RoundDriver, do. Each phase is
 * timed on the wall clock; the figures that are read afterwards (ledger bytes, memory, disk) are not.
 */
final class RoundLoad {

    /** Wall time of each phase of one round, in milliseconds. */
    record Phases(double uploadMs, double submitMs, double closeMs, double aggregateMs) {
        double totalMs() {
            return uploadMs + submitMs + closeMs + aggregateMs;
        }
    }

    /** One round: its phases and what it left on the ledger, in memory and on disk. */
    record RoundFigures(
            long round,
            Phases phases,
            int contributions,
            int excluded,
            int retries,
            long ledgerBytes,
            Map<String, Long> chaincodePeakRssKiB,
            Map<String, Long> kuboRepoBytes,
            String globalModelCid) {}

    /** The close left the round open or aborted it (every participant submitted, so neither should happen). */
    static final class RoundNotClosedException extends Exception {
        private static final long serialVersionUID = 1L;

        RoundNotClosedException(String message) {
            super(message);
        }
    }

    private final BenchNetwork network;
    private final BenchParticipants participants;
    private final Map<String, KuboBlobStore> kubos;
    private final Concurrently pool;
    private final LagRetry retry;
    private final long seed;

    RoundLoad(
            BenchNetwork network,
            BenchParticipants participants,
            Map<String, KuboBlobStore> kubos,
            Concurrently pool,
            LagRetry retry,
            long seed) {
        this.network = network;
        this.participants = participants;
        this.kubos = kubos;
        this.pool = pool;
        this.retry = retry;
        this.seed = seed;
    }

    /** The task's initial model on every organisation's Kubo node, then the task, created by the first admin. */
    TaskSpec createTask(
            String taskId, int params, long rounds, long roundSeconds, boolean dp, RetentionPolicy retention)
            throws Exception {
        byte[] initialBlob = BenchTask.initialModel(seed, taskId, params);
        ContentRef initial = null;
        for (BenchNetwork.Org org : network.orgs()) {
            initial = ref(kubos.get(org.name()).add(initialBlob));
        }
        List<String> ids = new ArrayList<>();
        List<String> datasets = new ArrayList<>();
        for (BenchParticipants.Member m : participants.members()) {
            ids.add(m.participantId());
            datasets.add(m.datasetId());
        }
        TaskSpec plain = BenchTask.spec(taskId, params, initial, rounds, roundSeconds, dp, ids, datasets);
        TaskSpec spec = retention == null ? plain : plain.withRetention(retention);
        LedgerClient admin = participants.admin(network.orgs().get(0));
        retry.call(() -> new TaskLedger(admin).create(spec));
        return spec;
    }

    /**
     * Every participant's update of {@code round} generated (untimed) and added to its organisation's Kubo node
     * through the pool; returns the refs in member order and the upload phase's wall time in {@code millis[0]}.
     */
    List<ContentRef> upload(TaskSpec task, long round, double[] millis) throws Exception {
        int params = (int) task.model().parameterCount();
        float[] direction = BenchTask.roundDirection(seed, task.id(), round, params);
        List<BenchParticipants.Member> members = participants.members();
        byte[][] blobs = new byte[members.size()][];
        for (BenchParticipants.Member m : members) {
            blobs[m.index()] = BenchTask.update(seed, task.id(), round, m.index(), direction);
        }
        List<Concurrently.Call<ContentRef>> adds = new ArrayList<>();
        for (BenchParticipants.Member m : members) {
            adds.add(() -> ref(kubos.get(m.org().name()).add(blobs[m.index()])));
        }
        long start = System.nanoTime();
        List<ContentRef> refs = pool.all(adds);
        millis[0] = (System.nanoTime() - start) / 1e6;
        return refs;
    }

    /**
     * Runs round {@code round} of {@code task}, which must be its current round and open; with {@code prune}, every
     * organisation's admin then prunes its node by the tasks' retention policies (untimed) before the disk is read.
     */
    RoundFigures round(TaskSpec task, long round, boolean prune) throws Exception {
        retry.reset();
        List<BenchParticipants.Member> members = participants.members();
        LedgerClient driver = members.get(0).ledger();
        String base = new RoundLedger(driver)
                .get(task.id(), round)
                .value()
                .round()
                .baseModel()
                .sha256();

        double[] upload = new double[1];
        List<ContentRef> refs = upload(task, round, upload);

        List<Concurrently.Call<String>> submits = new ArrayList<>();
        for (BenchParticipants.Member m : members) {
            var submission = BenchTask.submission(task, round, m.datasetId(), refs.get(m.index()), base);
            submits.add(() -> retry.call(() -> new RoundLedger(m.ledger()).submitUpdate(submission)));
        }
        long start = System.nanoTime();
        pool.all(submits);
        double submitMs = (System.nanoTime() - start) / 1e6;

        start = System.nanoTime();
        var closed = retry.call(() -> new RoundLedger(driver).close(task.id(), round));
        double closeMs = (System.nanoTime() - start) / 1e6;
        if (closed.value().round().status() != RoundStatus.CLOSED) {
            throw new RoundNotClosedException("round " + round + " of " + task.id() + " did not close: it is "
                    + closed.value().round().status().wire());
        }

        start = System.nanoTime();
        AggregateResult result = retry.call(() -> new RoundResultsLedger(driver).aggregate(task.id(), round))
                .value();
        double aggregateMs = (System.nanoTime() - start) / 1e6;

        long ledgerBytes = ReportCollector.on(driver).round(task.id(), round).ledgerBytes();
        if (prune) {
            prune();
        }
        return new RoundFigures(
                round,
                new Phases(upload[0], submitMs, closeMs, aggregateMs),
                result.aggregation().contributions().size(),
                result.aggregation().excluded().size(),
                retry.retries(),
                ledgerBytes,
                network.chaincodePeakRssKiB(),
                repoBytes(),
                result.aggregation().globalModel().cid());
    }

    /**
     * Caliper's fixture: a one-round task for each of {@code taskIds} with every participant eligible, and every
     * participant's round-1 update of each added to its Kubo node, not submitted; the uploads' wall time summed in
     * {@code uploadMs[0]}.
     */
    CaliperFixture fixture(List<String> taskIds, int params, long roundSeconds, boolean dp, double[] uploadMs)
            throws Exception {
        List<BenchParticipants.Member> members = participants.members();
        List<CaliperFixture.Submission> submissions = new ArrayList<>();
        for (String taskId : taskIds) {
            TaskSpec task = createTask(taskId, params, 1, roundSeconds, dp, null);
            double[] millis = new double[1];
            List<ContentRef> refs = upload(task, 1, millis);
            uploadMs[0] += millis[0];
            String base = task.model().initialModel().sha256();
            for (BenchParticipants.Member m : members) {
                submissions.add(new CaliperFixture.Submission(
                        m.name(), BenchTask.submission(task, 1, m.datasetId(), refs.get(m.index()), base)));
            }
        }
        List<CaliperFixture.Identity> identities = new ArrayList<>();
        for (BenchParticipants.Member m : members) {
            identities.add(new CaliperFixture.Identity(
                    m.name(),
                    m.org().name(),
                    m.org().mspId(),
                    m.identity().certificate(),
                    m.identity().privateKey(),
                    m.participantId()));
        }
        return new CaliperFixture(network.engine(), params, taskIds, identities, submissions);
    }

    /** What `medfed storage prune` does, as each organisation's admin on its own node. */
    private void prune() throws Exception {
        for (BenchNetwork.Org org : network.orgs()) {
            RetentionReads reads = RetentionReads.over(participants.admin(org));
            new Pruner(kubos.get(org.name())).prune(new StoragePlanner(reads).plan(), Pruner.Mode.UNPIN_AND_COLLECT);
        }
    }

    /** Each organisation's Kubo repository size, in bytes. */
    Map<String, Long> repoBytes() throws BlobStoreException {
        Map<String, Long> sizes = new TreeMap<>();
        for (BenchNetwork.Org org : network.orgs()) {
            sizes.put(org.name(), kubos.get(org.name()).repoSizeBytes());
        }
        return sizes;
    }

    private static ContentRef ref(BlobRef blob) {
        return new ContentRef(blob.cid(), blob.sha256Hex());
    }
}
