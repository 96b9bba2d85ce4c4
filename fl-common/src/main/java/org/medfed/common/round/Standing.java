package org.medfed.common.round;

import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.Participant;
import org.medfed.common.reputation.ReputationPolicy;
import org.medfed.common.reputation.ReputationScore;

/** Where an eligible participant stands in a task when a round closes. */
public enum Standing {
    GOOD(null),
    NOT_REGISTERED(ExclusionReason.NOT_REGISTERED),
    SUSPENDED(ExclusionReason.SUSPENDED),
    BELOW_THRESHOLD(ExclusionReason.REPUTATION_BELOW_THRESHOLD);

    private final ExclusionReason reason;

    Standing(ExclusionReason reason) {
        this.reason = reason;
    }

    /** Why a participant in this standing is left out; null for {@link #GOOD}. */
    public ExclusionReason reason() {
        return reason;
    }

    /** {@code participant} null means it is not registered. */
    public static Standing of(Participant participant, ReputationScore reputation, ReputationPolicy policy) {
        if (participant == null) {
            return NOT_REGISTERED;
        } else if (!participant.isActive()) {
            return SUSPENDED;
        } else if (policy.excludes(reputation.score())) {
            return BELOW_THRESHOLD;
        }
        return GOOD;
    }
}
