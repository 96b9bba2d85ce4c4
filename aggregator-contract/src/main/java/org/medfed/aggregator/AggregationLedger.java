package org.medfed.aggregator;

import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.subset.WarmUpInput;
import org.medfed.common.subset.WarmUpRequest;
import org.medfed.contract.support.FlContext;

/**
 * What the {@code aggregator} contract needs from the ledger, implemented by the chaincode module (which owns the
 * world-state layout) and found through {@link java.util.ServiceLoader}, so this module does not depend on it.
 * Every method fails with {@code FlChaincodeException} carrying the ledger's error codes.
 */
public interface AggregationLedger {

    /**
     * Checks that the caller is an active registered participant, that the task is active, that {@code round} is its
     * current round and that the round is CLOSED ({@code ROUND_NOT_CLOSED} otherwise), then loads it.
     */
    RoundInput load(FlContext ctx, String taskId, long round);

    /**
     * The input of a closed or aggregated round, current or past, for anyone who may read the ledger: what
     * {@link #load} returned (or returns) for it. {@code NOT_FOUND} for an unknown task or round,
     * {@code ROUND_NOT_CLOSED} for a round whose accepted updates are not fixed yet (open or aborted).
     */
    RoundInput input(FlContext ctx, String taskId, long round);

    /**
     * Records {@code report} for its closed round under the ledger's aggregation rules (reputation changes, next
     * round, model index) and emits the one {@code RoundAggregated} event.
     *
     * @return the task's status and round afterwards, the aggregated round, the record, the reputation changes and
     *     the next round (docs/ledger-schema.md)
     */
    String record(FlContext ctx, AggregationRequest report);

    /**
     * For {@code warmUp}: checks that the caller is active, the task active and in round 1, and its shared subset
     * ready ({@code NO_SHARED_SUBSET}, {@code SUBSET_NOT_READY}, {@code SUBSET_CLOSED}), then loads it.
     */
    WarmUpInput loadWarmUp(FlContext ctx, String taskId);

    /** The warm-up's input for any reader, once every contributor has answered (before or after the warm-up). */
    WarmUpInput warmUpInput(FlContext ctx, String taskId);

    /**
     * Records the warm-up: the record, the task's global model, round 1 reopened from the warm model, and the one
     * {@code SubsetWarmedUp} event.
     */
    String recordWarmUp(FlContext ctx, WarmUpRequest request);
}
