package org.medfed.common.aggregation.round;

import java.util.List;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;

/**
 * The aggregate of a round: the new model, its blob (FloatVectorCodec) and SHA-256, the contributions with their
 * quality scores and the exclusions, both in canonical order. The arrays are handed over, not copied.
 */
public record RoundOutcome(float[] model, byte[] blob, String sha256, List<Contribution> contributions,
        List<Exclusion> excluded) {

    public RoundOutcome {
        contributions = List.copyOf(contributions);
        excluded = List.copyOf(excluded);
    }
}
