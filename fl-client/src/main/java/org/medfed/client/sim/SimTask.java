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

    /** Adds a model to the simulation's IPFS swarm. */
    ContentRef put(float[] params) {
        BlobRef blob = network.blobs().add(FloatVectorCodec.encode(params));
        return new ContentRef(blob.cid(), blob.sha256Hex());
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
        time.set(round.openedAt().plusSeconds(1));
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            ContentRef blob = put(params.get(i));
            UpdateSubmission update = new UpdateSubmission(
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
                    usages.get(i));
            RoundLedger rounds = new RoundLedger(sites.get(i));
            answers.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            rounds.submitUpdate(update);
                            return null;
                        } catch (MedfedException e) {
                            if (!e.isFromChaincode()) {
                                throw new CompletionException(e);
                            }
                            return e.code() + ": " + e.getMessage();
                        }
                    },
                    SITES));
        }
        List<String> refusals = new ArrayList<>();
        for (CompletableFuture<String> answer : answers) {
            try {
                refusals.add(answer.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof MedfedException m) {
                    throw m;
                }
                throw e;
            }
        }
        return refusals;
    }

    /** {@code round:closeRound} a second after the updates, or at the deadline if the ledger says it is too early. */
    CloseResult close(RoundState round) throws MedfedException {
        RoundLedger rounds = new RoundLedger(sites.get(0));
        time.set(round.openedAt().plusSeconds(2));
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
