package org.medfed.common.aggregation.round;

import java.util.List;
import org.medfed.common.aggregation.ServerOptimizerState;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;

/**
 * The aggregate of a round: the new model, its blob (FloatVectorCodec) and SHA-256, the contributions with their
 * quality scores and the exclusions, both in canonical order, and for a server optimizer its state after this
 * round ({@code null} for stateless strategies), and for SCAFFOLD the global control variate after this round
 * ({@code null} for any other strategy). The arrays are handed over, not copied.
 */
public record RoundOutcome(
        float[] model,
        byte[] blob,
        String sha256,
        List<Contribution> contributions,
        List<Exclusion> excluded,
        StateBlob optimizerState,
        VectorBlob controlVariate) {

    /** A server optimizer's state, its blob ({@code OptimizerStateCodec}) and the blob's SHA-256. */
    public record StateBlob(ServerOptimizerState state, byte[] blob, String sha256) {}

    /** A vector of the model's size, its blob ({@code FloatVectorCodec}) and the blob's SHA-256. */
    public record VectorBlob(float[] values, byte[] blob, String sha256) {}

    public RoundOutcome {
        contributions = List.copyOf(contributions);
        excluded = List.copyOf(excluded);
    }

    /** The outcome of a stateless strategy. */
    public RoundOutcome(
            float[] model, byte[] blob, String sha256, List<Contribution> contributions, List<Exclusion> excluded) {
        this(model, blob, sha256, contributions, excluded, null, null);
    }

    /** The outcome of any strategy but SCAFFOLD. */
    public RoundOutcome(
            float[] model,
            byte[] blob,
            String sha256,
            List<Contribution> contributions,
            List<Exclusion> excluded,
            StateBlob optimizerState) {
        this(model, blob, sha256, contributions, excluded, optimizerState, null);
    }
}
