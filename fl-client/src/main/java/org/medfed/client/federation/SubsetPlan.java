package org.medfed.client.federation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.WarmUpSpec;

/**
 * A local federation's shared subset (docs/non-iid.md): β of the training rows, uniform over classes, from every
 * member, α of it added to each site's rows in stage 2, the consent the members affirm, and the warm-up.
 */
public record SubsetPlan(BigDecimal beta, BigDecimal alpha, String consent, WarmUpSpec warmUp) {
    public SubsetPlan {
        Objects.requireNonNull(beta, "beta");
        Objects.requireNonNull(alpha, "alpha");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(warmUp, "warmUp");
    }

    /** β · (training rows) / classes rows of each class, rounded up, at least one. */
    public SharedSubsetSpec spec(List<String> contributors, long trainingRows, long classes) {
        long perClass = beta.multiply(BigDecimal.valueOf(trainingRows))
                .divide(BigDecimal.valueOf(classes), 0, RoundingMode.CEILING)
                .longValueExact();
        return new SharedSubsetSpec(contributors, Math.max(1, perClass), beta, alpha, consent, warmUp);
    }
}
