package org.medfed.common.secagg;

import org.medfed.common.model.Checks;

/**
 * The round attempt a secure-aggregation message belongs to. Every key, label and commitment of the protocol includes
 * its {@link #ctx()}, so nothing from one attempt can be replayed in another (a retried attempt starts afresh).
 */
public record RoundContext(String taskId, long round, long attempt) {
    public RoundContext {
        Checks.id("taskId", taskId);
        Checks.range("round", round, 1, Long.MAX_VALUE);
        Checks.range("attempt", attempt, 1, Long.MAX_VALUE);
    }

    /** {@code taskId|round|attempt}, numbers in decimal; task ids cannot contain {@code |}, so it is unambiguous. */
    public String ctx() {
        return taskId + "|" + round + "|" + attempt;
    }
}
