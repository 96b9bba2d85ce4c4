package org.medfed.client.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.ledger.AggregatorLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.retention.RetentionCheck;
import org.medfed.client.retention.RetentionReads;
import org.medfed.common.aggregation.round.AcceptedUpdate;
import org.medfed.common.aggregation.round.BlobSource;
import org.medfed.common.aggregation.round.RoundAggregationException;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.aggregation.round.RoundRecomputation;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.retention.RoundRetention;

/**
 * Recomputes an aggregated round the way every endorser did ({@link RoundRecomputation}, over the round's exact
 * input from {@code aggregator:getRoundInput} and the blobs of one IPFS node) and compares it with the ledger's
 * record ({@code round:getAggregation}). For a round whose task's retention policy released its inputs, the inputs
 * are read from the node's own blocks only ({@code localBlobs}): when the node no longer holds them the verdict says
 * they were pruned by policy, at once, instead of searching the swarm until a timeout and failing as unavailable.
 */
public final class RoundVerifier {
    private final LedgerClient ledger;
    private final BlobSource blobs;
    private final BlobSource localBlobs;

    /** Over a store without a swarm (or a test's): every read is local already. */
    public RoundVerifier(LedgerClient ledger, BlobSource blobs) {
        this(ledger, blobs, blobs);
    }

    /** {@code localBlobs}: the same node's blobs read without asking the swarm ({@code BlobStore.localOnly()}). */
    public RoundVerifier(LedgerClient ledger, BlobSource blobs, BlobSource localBlobs) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.localBlobs = Objects.requireNonNull(localBlobs, "localBlobs");
    }

    /**
     * @throws MedfedException the ledger refused (unknown task or round, a round not aggregated yet) or could not be
     *     reached, or the IPFS node could not serve a blob the task's retention policy keeps
     *     ({@link MedfedException#UNAVAILABLE})
     */
    public RoundVerdict verify(String taskId, long round) throws MedfedException {
        return verify(taskId, round, null);
    }

    /** {@code task}: the task as just read, or null to read it when its retention policy matters. */
    private RoundVerdict verify(String taskId, long round, Task task) throws MedfedException {
        RoundInput input = input(taskId, round);
        AggregationRecord recorded = recorded(taskId, round);
        RoundRetention retention = RoundRetention.KEPT_NO_POLICY;
        if (input.spec().retentionPolicy().isPresent()) {
            task = task != null ? task : new TaskLedger(ledger).get(taskId).value();
            retention = new RetentionCheck(RetentionReads.over(ledger)).of(task, round);
        }
        LocalInputs local = retention.released() ? new LocalInputs(input) : null;
        BlobSource source = local != null ? local : blobs;
        RoundOutcome outcome = null;
        RoundAggregationException refusal = null;
        try {
            outcome = new RoundRecomputation(source).aggregate(input);
        } catch (RoundAggregationException e) {
            if (e.code() == ErrorCode.BLOB_UNAVAILABLE) {
                return prunedOr(task, input, recorded, retention, local, e);
            }
            refusal = e;
        }
        try {
            Difference difference = RoundComparison.first(input, recorded, outcome, refusal, source)
                    .orElse(null);
            return new RoundVerdict(taskId, round, input.updates().size(), recorded, outcome, difference, null);
        } catch (IOException e) {
            return prunedOr(task, input, recorded, retention, local, e);
        }
    }

    /**
     * The round's input blobs (updates, control deltas) from the node's own blocks, everything else (the models and
     * states a policy keeps) as usual; remembers whether an input was missing.
     */
    private final class LocalInputs implements BlobSource {
        private final Set<String> inputs = new TreeSet<>();
        private boolean missed;

        LocalInputs(RoundInput input) {
            for (AcceptedUpdate update : input.updates()) {
                inputs.add(update.blob().cid());
                if (update.controlDelta() != null) {
                    inputs.add(update.controlDelta().cid());
                }
            }
        }

        @Override
        public InputStream open(String cid, long maxBytes) throws IOException {
            if (!inputs.contains(cid)) {
                return blobs.open(cid, maxBytes);
            }
            try {
                return localBlobs.open(cid, maxBytes);
            } catch (IOException e) {
                missed = true;
                throw e;
            }
        }
    }

    /** A blob could not be read: pruned by policy when it was an input the policy released, else unavailable. */
    private static RoundVerdict prunedOr(
            Task task,
            RoundInput input,
            AggregationRecord recorded,
            RoundRetention retention,
            LocalInputs local,
            Exception e)
            throws MedfedException {
        if (local == null || !local.missed) {
            throw unavailable(input.taskId(), input.round(), e);
        }
        return new RoundVerdict(
                input.taskId(),
                input.round(),
                input.updates().size(),
                recorded,
                null,
                null,
                RetentionCheck.pruned(task, input.round(), retention));
    }

    /**
     * Every aggregated round of a task, oldest first: up to the current round once the task completed, else up to
     * the one before it (still open or not yet aggregated). Empty when no round was aggregated yet.
     */
    public List<RoundVerdict> verifyTask(String taskId) throws MedfedException {
        Task task = new TaskLedger(ledger).get(taskId).value();
        List<RoundVerdict> verdicts = new ArrayList<>();
        for (long round = 1; round <= task.aggregatedRounds(); round++) {
            verdicts.add(verify(taskId, round, task));
        }
        return verdicts;
    }

    /** What to do with a verifier over one Kubo node. */
    @FunctionalInterface
    public interface Work<T> {
        T run(RoundVerifier verifier) throws Exception;
    }

    /** Runs {@code work} with a verifier over the Kubo node at {@code ipfsApi}, closing the node's client after. */
    public static <T> T overNode(LedgerClient ledger, BlobStoreFactory stores, URI ipfsApi, Work<T> work)
            throws Exception {
        BlobStore store = stores.open(ipfsApi);
        try {
            return work.run(new RoundVerifier(ledger, source(store), source(store.localOnly())));
        } finally {
            if (store instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /** A {@link BlobSource} over a client blob store: reads cut at {@code maxBytes}, any failure an I/O failure. */
    public static BlobSource source(BlobStore store) {
        return (cid, maxBytes) -> {
            try {
                return new ByteArrayInputStream(store.head(cid, maxBytes));
            } catch (BlobStoreException e) {
                throw new IOException(e.getMessage(), e);
            }
        };
    }

    private RoundInput input(String taskId, long round) throws MedfedException {
        try {
            return new AggregatorLedger(ledger).roundInput(taskId, round).value();
        } catch (MedfedException e) {
            if (ErrorCode.ROUND_NOT_CLOSED.name().equals(e.code()) && e.isFromChaincode()) {
                throw notAggregated(taskId, round, e);
            }
            throw e;
        }
    }

    private AggregationRecord recorded(String taskId, long round) throws MedfedException {
        try {
            return new RoundLedger(ledger).aggregation(taskId, round).value();
        } catch (MedfedException e) {
            if (ErrorCode.NOT_FOUND.name().equals(e.code()) && e.isFromChaincode()) {
                throw notAggregated(taskId, round, e);
            }
            throw e;
        }
    }

    private static MedfedException notAggregated(String taskId, long round, MedfedException e) {
        return MedfedException.fromChaincode(
                e.code(),
                "round " + round + " of task " + taskId + " is not aggregated yet, so there is nothing to verify ("
                        + e.getMessage() + ")",
                e.txId().orElse(null),
                e);
    }

    private static MedfedException unavailable(String taskId, long round, Exception e) {
        return new MedfedException(
                MedfedException.UNAVAILABLE,
                "cannot recompute round " + round + " of task " + taskId + ": " + e.getMessage(),
                null,
                e);
    }
}
