package org.medfed.aggregator;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.contract.support.FlContext;

/**
 * What {@code aggregator:aggregateRound} needs from the ledger, implemented by the chaincode module (which owns the
 * world-state layout) and found through {@link java.util.ServiceLoader}, so this module does not depend on it.
 * Both methods fail with {@code FlChaincodeException} carrying the ledger's error codes.
 */
public interface AggregationLedger {

    /**
     * Checks that the caller is an active registered participant, that the task is active, that {@code round} is its
     * current round and that the round is CLOSED ({@code ROUND_NOT_CLOSED} otherwise), then loads it.
     */
    RoundInput load(FlContext ctx, String taskId, long round);

    /**
     * Applies exactly the rules of {@code round:recordAggregation} to {@code report} (reputation changes, next round,
     * model index) and emits the one {@code RoundAggregated} event.
     *
     * @return the same JSON {@code round:recordAggregation} returns
     */
    String record(FlContext ctx, AggregationRequest report);

    /**
     * A closed round as the aggregator sees it.
     *
     * @param globalModel the model the round trained from (its base model)
     * @param updates the accepted updates in canonical order (by participant id)
     */
    record RoundInput(TaskSpec spec, long round, ContentRef globalModel, List<AcceptedUpdate> updates) {
        public RoundInput {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(globalModel, "globalModel");
            updates = List.copyOf(updates);
        }
    }

    /** One accepted update: where its blob is, what the ledger recorded about it, its reputation at submission. */
    record AcceptedUpdate(String participantId, ContentRef blob, long parameterCount, long numExamples,
            UpdateKind kind, BigDecimal reputation) {
        public AcceptedUpdate {
            Objects.requireNonNull(participantId, "participantId");
            Objects.requireNonNull(blob, "blob");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(reputation, "reputation");
        }
    }
}
