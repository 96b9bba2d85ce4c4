package org.medfed.common.aggregation;

import java.math.BigDecimal;
import java.util.Objects;
import org.medfed.common.model.UpdateKind;

/**
 * One participant's update as a strategy sees it: who sent it, whether its values are the full model
 * ({@link UpdateKind#FULL}, whose delta is {@code values − global}) or already the delta ({@link UpdateKind#DELTA}),
 * its training example count and reputation as the ledger recorded them, the weight weighted strategies use, and
 * where its values are read from. Strategies read the values lazily, in canonical order (by participant id).
 *
 * <p>{@code weight} starts as {@code numExamples} ({@link #of}); {@link ReputationWeighted} multiplies it by the
 * reputation. Only null references are refused here, so that {@link Validated} can refuse bad numbers with a reason
 * code the chaincode records.
 */
public record WeightedUpdate(
        String participantId,
        UpdateKind kind,
        long numExamples,
        BigDecimal reputation,
        double weight,
        VectorSource source) {

    public WeightedUpdate {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reputation, "reputation");
        Objects.requireNonNull(source, "source");
    }

    /** An update weighted by its example count. */
    public static WeightedUpdate of(
            String participantId, UpdateKind kind, long numExamples, BigDecimal reputation, VectorSource source) {
        return new WeightedUpdate(participantId, kind, numExamples, reputation, numExamples, source);
    }

    /** An in-memory update with reputation 1, weighted by its example count (tests, verification tools). */
    public static WeightedUpdate of(String participantId, UpdateKind kind, long numExamples, float[] values) {
        return of(participantId, kind, numExamples, BigDecimal.ONE, VectorSource.of(values));
    }

    public WeightedUpdate withWeight(double newWeight) {
        return new WeightedUpdate(participantId, kind, numExamples, reputation, newWeight, source);
    }

    public WeightedUpdate withSource(UpdateKind newKind, VectorSource newSource) {
        return new WeightedUpdate(participantId, newKind, numExamples, reputation, weight, newSource);
    }
}
