package org.medfed.client.sim;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.AggregateResult;
import org.medfed.client.ledger.CloseResult;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundResultsLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;

/**
 * The ledger side of one simulated task, as the network's parties play it: the consortium admin creates the task
 * for registered sites ({@link SimNetwork#site}), each site registers its dataset and submits its updates (all sites at once, each
 * waiting for its own commit), a site closes each round and asks for its aggregation. Every answer is the
 * chaincode's, through the same ledger facades the CLI and the client node use. Ledger time is the task's own
 * ({@link LedgerTime}): updates a second after a round opens, the close a second later, or at the deadline when the
 * ledger says an expected site is missing.
 */
final class SimTask implements AutoCloseable {
    private static final AtomicLong TASKS = new AtomicLong();
    /** The sites' threads: each site waits for its own submit's commit, as separate nodes do. */
    private static final ExecutorService SITES = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "medfed-sim-site");
        thread.setDaemon(true);
        return thread;
    });

    private final SimNetwork network;
    private final LedgerTime time = new LedgerTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final String taskId = "sim-" + TASKS.incrementAndGet();
    private final List<LedgerClient> sites = new ArrayList<>();
    private final List<String> participants = new ArrayList<>();
    private final List<String> datasets = new ArrayList<>();
    private final Map<String, BigDecimal> scores = new HashMap<>();

    SimTask(SimNetwork network) {
        this.network = network;
    }

    String id() {
        return taskId;
    }

    /** The task's round {@code number} as the ledger has it now. */
    RoundState round(long number) throws MedfedException {
        return new RoundLedger(sites.get(0)).get(taskId, number).value().round();
    }

    SimNetwork network() {
        return network;
    }

    LedgerTime time() {
        return time;
    }

    List<String> participantIds() {
        return List.copyOf(participants);
    }

    List<String> datasetIds() {
        return List.copyOf(datasets);
    }

    /** Takes the next simulated site of the network and registers its dataset: a fingerprint of its name. */
    void join(String name, long rows, String schemaSha256) throws MedfedException {
        SimNetwork.Site site = network.site(sites.size());
        LedgerClient client = network.client(site, time);
        sites.add(client);
        String datasetId = taskId + "-ds" + sites.size();
        new DatasetLedger(client)
                .register(new DatasetRegistration(
                        datasetId,
                        schemaSha256,
                        rows,
                        Hashing.sha256Hex(name.getBytes(StandardCharsets.UTF_8)),
                        "simulation",
                        "simulation",
                        "simulation"));
        participants.add(site.participantId());
        datasets.add(datasetId);
    }

    /** {@code task:createTask} by the admin: the spec must name this task and its sites; returns round 1. */
    RoundState create(TaskSpec spec) throws MedfedException {
        try (LedgerClient admin = network.admin(time)) {
            RoundState first = new TaskLedger(admin).create(spec).value().round();
            participants.forEach(id -> scores.put(id, spec.reputation().initialScore()));
            return first;
        }
    }

    /** {@code dataset:approveDatasetUse} by every site for its own dataset, for the purpose the task declares. */
    void approveUses(String reason) throws MedfedException {
        together(
                sites.size(),
                (site, client) -> new DatasetLedger(client).approveUse(taskId, datasets.get(site), reason));
    }

    /** A client of {@code who} (a site or a person of the network) at the task's ledger time; the caller closes it. */
    LedgerClient clientOf(SimNetwork.Site who) {
        return network.client(who, time);
    }

    /** A client of the consortium admin at the task's ledger time; the caller closes it. */
    LedgerClient admin() {
        return network.admin(time);
    }

    /** The task's current ledger time. */
    Instant now() {
        return time.now();
    }

    /** Adds a model to the simulation's IPFS swarm. */
    ContentRef put(float[] params) {
        return put(FloatVectorCodec.encode(params));
    }

    float[] model(ContentRef ref) throws BlobStoreException {
        return FloatVectorCodec.decode(network.blobs().cat(ref.cid(), Long.MAX_VALUE));
    }

    /**
     * {@code round:submitUpdate} by every site at once, a second after the round opened: each answer is null when
     * the ledger accepted the site's update, else its refusal ("CODE: message").
     */
    List<String> submitTogether(RoundState round, List<float[]> params, List<Long> examples, List<DpUsage> usages)
            throws MedfedException {
        return submitTogether(round, params, examples, usages, null);
    }

    /**
     * As above; in a SCAFFOLD task {@code controlDeltas} holds each site's control delta, added to the swarm and named
     * by its update ({@code null} in any other task).
     */
    List<String> submitTogether(
            RoundState round,
            List<float[]> params,
            List<Long> examples,
            List<DpUsage> usages,
            List<float[]> controlDeltas)
            throws MedfedException {
        time.set(round.openedAt().plusSeconds(1));
        List<UpdateSubmission> updates = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            ContentRef blob = put(params.get(i));
            updates.add(new UpdateSubmission(
                    taskId,
                    round.round(),
                    datasets.get(i),
                    blob.cid(),
                    blob.sha256(),
                    params.get(i).length,
                    examples.get(i),
                    round.baseModel().sha256(),
                    UpdateKind.FULL,
                    new TreeMap<>(),
                    usages.get(i),
                    controlDeltas == null ? null : put(controlDeltas.get(i))));
        }
        return together(params.size(), (site, client) -> {
            try {
                new RoundLedger(client).submitUpdate(updates.get(site));
                return null;
            } catch (MedfedException e) {
                if (!e.isFromChaincode()) {
                    throw e;
                }
                return e.code() + ": " + e.getMessage();
            }
        });
    }

    /** One site's transaction, on its own client. */
    @FunctionalInterface
    interface SiteCall<T> {
        T call(int site, LedgerClient client) throws MedfedException;
    }

    /**
     * {@code call} by the first {@code count} sites at once, at the current ledger time, each on a thread of its own
     * waiting for its own answer (so their transactions share blocks, as separate nodes' would): the answers in site
     * order; the first failure is thrown once every site has its answer.
     */
    <T> List<T> together(int count, SiteCall<T> call) throws MedfedException {
        List<CompletableFuture<T>> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int site = i;
            LedgerClient client = sites.get(site);
            answers.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return call.call(site, client);
                        } catch (MedfedException e) {
                            throw new CompletionException(e);
                        }
                    },
                    SITES));
        }
        List<T> out = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<T> answer : answers) {
            try {
                out.add(answer.join());
            } catch (CompletionException e) {
                failure = failure != null ? failure : e;
            }
        }
        if (failure != null) {
            if (failure.getCause() instanceof MedfedException m) {
                throw m;
            }
            throw failure.getCause() instanceof RuntimeException r ? r : failure;
        }
        return out;
    }

    /**
     * {@code call} by the first {@code count} sites in turn, each after the previous one's commit: for transactions
     * that conflict when they share a block.
     */
    <T> List<T> inTurn(int count, SiteCall<T> call) throws MedfedException {
        List<T> out = new ArrayList<>();
        for (int site = 0; site < count; site++) {
            out.add(call.call(site, sites.get(site)));
        }
        return out;
    }

    /** Moves the task's ledger time: every later transaction of the task is stamped with {@code at}. */
    void at(Instant at) {
        time.set(at);
    }

    /** The {@code site}-th site's ledger client. */
    LedgerClient client(int site) {
        return sites.get(site);
    }

    /** Adds a blob to the simulation's IPFS swarm. */
    ContentRef put(byte[] blob) {
        BlobRef ref = network.blobs().add(blob);
        return new ContentRef(ref.cid(), ref.sha256Hex());
    }

    /** {@code round:closeRound} a second after the updates, or at the deadline if the ledger says it is too early. */
    CloseResult close(RoundState round) throws MedfedException {
        return close(round, round.openedAt().plusSeconds(2));
    }

    /** {@code round:closeRound} at {@code at}, or at the deadline if the ledger says it is too early. */
    CloseResult close(RoundState round, Instant at) throws MedfedException {
        RoundLedger rounds = new RoundLedger(sites.get(0));
        time.set(at);
        CloseResult closed;
        try {
            closed = rounds.close(taskId, round.round()).value();
        } catch (MedfedException e) {
            if (!ErrorCode.ROUND_STILL_OPEN.name().equals(e.code())) {
                throw e;
            }
            time.set(round.deadline());
            closed = rounds.close(taskId, round.round()).value();
        }
        track(closed.reputation());
        return closed;
    }

    /** {@code aggregator:aggregateRound} of a closed round, at the time it closed. */
    AggregateResult aggregate(RoundState round) throws MedfedException {
        AggregateResult aggregated = new RoundResultsLedger(sites.get(0))
                .aggregate(taskId, round.round())
                .value();
        track(aggregated.reputation());
        return aggregated;
    }

    /** The site's reputation score as the ledger last reported it. */
    BigDecimal score(int site) {
        return scores.get(participants.get(site));
    }

    /** The ε the ledger has charged the site so far. */
    BigDecimal epsilon(int site) throws MedfedException {
        return new RoundLedger(sites.get(site))
                .privacyBudget(taskId, participants.get(site))
                .value()
                .epsilon();
    }

    private void track(List<ReputationChange> changes) {
        changes.forEach(change -> scores.put(change.participantId(), change.after()));
    }

    @Override
    public void close() {
        sites.forEach(LedgerClient::close);
    }
}
