package org.medfed.client.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.ledger.AggregatorLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.aggregation.round.BlobSource;
import org.medfed.common.aggregation.round.RoundAggregationException;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.aggregation.round.RoundRecomputation;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;

/**
 * Recomputes an aggregated round the way every endorser did ({@link RoundRecomputation}, over the round's exact
 * input from {@code aggregator:getRoundInput} and the blobs of one IPFS node) and compares it with the ledger's
 * record ({@code round:getAggregation}).
 */
public final class RoundVerifier {
    private final LedgerClient ledger;
    private final BlobSource blobs;

    public RoundVerifier(LedgerClient ledger, BlobSource blobs) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /**
     * @throws MedfedException the ledger refused (unknown task or round, a round not aggregated yet) or could not be
     *     reached, or the IPFS node could not serve a blob ({@link MedfedException#UNAVAILABLE})
     */
    public RoundVerdict verify(String taskId, long round) throws MedfedException {
        RoundInput input = input(taskId, round);
        AggregationRecord recorded = recorded(taskId, round);
        RoundOutcome outcome = null;
        RoundAggregationException refusal = null;
        try {
            outcome = new RoundRecomputation(blobs).aggregate(input);
        } catch (RoundAggregationException e) {
            if (e.code() == ErrorCode.BLOB_UNAVAILABLE) {
                throw unavailable(taskId, round, e);
            }
            refusal = e;
        }
        try {
            Difference difference = RoundComparison.first(input, recorded, outcome, refusal, blobs)
                    .orElse(null);
            return new RoundVerdict(taskId, round, input.updates().size(), recorded, outcome, difference);
        } catch (IOException e) {
            throw unavailable(taskId, round, e);
        }
    }

    /**
     * Every aggregated round of a task, oldest first: up to the current round once the task completed, else up to
     * the one before it (still open or not yet aggregated). Empty when no round was aggregated yet.
     */
    public List<RoundVerdict> verifyTask(String taskId) throws MedfedException {
        Task task = new TaskLedger(ledger).get(taskId).value();
        List<RoundVerdict> verdicts = new ArrayList<>();
        for (long round = 1; round <= task.aggregatedRounds(); round++) {
            verdicts.add(verify(taskId, round));
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
            return work.run(new RoundVerifier(ledger, source(store)));
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
