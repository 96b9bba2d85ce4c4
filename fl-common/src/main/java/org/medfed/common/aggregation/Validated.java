package org.medfed.common.aggregation;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks everything about the inputs and the output of another strategy and refuses with a reason code, so the
 * chaincode can exclude a faulty update and aggregate the rest. Outermost in every production chain.
 *
 * <p>Before anything is read, in canonical order (so the same bad input always gives the same error): at least one
 * update and a non-empty, finite global model ({@code EMPTY_INPUT}, {@code NON_FINITE_VALUE}); no participant twice
 * ({@code DUPLICATE_PARTICIPANT}); example count at least 1, reputation in [0, 1], weight finite and greater than 0
 * ({@code INVALID_WEIGHT}). While the wrapped strategy reads: each update has P values ({@code LENGTH_MISMATCH},
 * enforced by the {@link VectorSource} contract) and all of them finite ({@code NON_FINITE_VALUE} with the index).
 * After: the model is P finite values ({@code NON_FINITE_RESULT}). The finite check runs on the strategy's own buffer
 * as each update is read, so a streaming strategy stays streaming.
 */
public final class Validated implements AggregationStrategy {
    private final AggregationStrategy strategy;

    public Validated(AggregationStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public AggregationResult aggregate(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        for (int j = 0; j < global.length; j++) {
            if (!Float.isFinite(global[j])) {
                throw new AggregationException(
                        AggregationException.Reason.NON_FINITE_VALUE,
                        null,
                        j,
                        "the global model's value " + j + " is " + global[j],
                        null);
            }
        }
        List<WeightedUpdate> checked = new ArrayList<>(sorted.size());
        for (WeightedUpdate update : sorted) {
            checkNumbers(update);
            checked.add(update.withSource(update.kind(), finiteChecked(update.source())));
        }
        AggregationResult result = strategy.aggregate(global, checked);
        float[] model = result.model();
        if (model.length != global.length) {
            throw new IllegalStateException(strategy + " returned " + model.length + " values for " + global.length);
        }
        for (int j = 0; j < model.length; j++) {
            if (!Float.isFinite(model[j])) {
                throw new AggregationException(
                        AggregationException.Reason.NON_FINITE_RESULT,
                        null,
                        j,
                        strategy + " gave " + model[j] + " at " + j + " (beyond the float32 range)",
                        null);
            }
        }
        return result;
    }

    private static void checkNumbers(WeightedUpdate update) {
        if (update.participantId().isBlank()) {
            throw new AggregationException(AggregationException.Reason.INVALID_WEIGHT, "a participant id is blank");
        }
        if (update.numExamples() < 1) {
            throw invalid(update, "numExamples must be at least 1, got " + update.numExamples());
        }
        BigDecimal reputation = update.reputation();
        if (reputation.signum() < 0 || reputation.compareTo(BigDecimal.ONE) > 0) {
            throw invalid(update, "reputation must be in [0, 1], got " + reputation.toPlainString());
        }
        Canonical.requirePositiveWeight(update);
    }

    private static AggregationException invalid(WeightedUpdate update, String message) {
        return new AggregationException(
                AggregationException.Reason.INVALID_WEIGHT, update.participantId(), -1, message, null);
    }

    /**
     * Checks every value read whole. A streaming source keeps its cursor, which delivers raw values: the only cursor
     * user ({@link TiledMean}) checks its sums and re-reads through {@code readInto}, which checks here.
     */
    private static VectorSource finiteChecked(VectorSource source) {
        VectorSource checked = target -> {
            source.readInto(target);
            for (int j = 0; j < target.length; j++) {
                if (!Float.isFinite(target[j])) {
                    throw new AggregationException(
                            AggregationException.Reason.NON_FINITE_VALUE,
                            null,
                            j,
                            "value " + j + " is " + target[j],
                            null);
                }
            }
        };
        if (source instanceof VectorSource.Streaming streaming) {
            return new VectorSource.Streaming() {
                @Override
                public void readInto(float[] target) throws IOException {
                    checked.readInto(target);
                }

                @Override
                public Cursor open(int length) throws IOException {
                    return streaming.open(length);
                }
            };
        }
        return checked;
    }

    @Override
    public String toString() {
        return "validated(" + strategy + ")";
    }
}
