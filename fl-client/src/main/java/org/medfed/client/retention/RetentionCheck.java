package org.medfed.client.retention;

import org.medfed.client.gateway.MedfedException;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.Task;
import org.medfed.common.retention.RoundRetention;

/**
 * A round's retention as the ledger has it now: fl-common's {@link RoundRetention} with the round's verification
 * attestations read only when they can change the answer. What the pruner, {@code verify}, {@code provenance} and the
 * console ask, and the sentences they say it with.
 */
public final class RetentionCheck {
    private final RetentionReads ledger;

    public RetentionCheck(RetentionReads ledger) {
        this.ledger = ledger;
    }

    public RoundRetention of(Task task, long round) throws MedfedException {
        long verified = RoundRetention.countsVerifications(task.spec(), round, task.aggregatedRounds())
                ? ledger.verifications(task.id(), round)
                : 0;
        return RoundRetention.of(task, round, verified);
    }

    /** Why the policy released the round, in words: {@code keep 2 rounds after aggregation; 4 rounds aggregated}. */
    public static String why(Task task, RoundRetention retention) {
        RetentionPolicy policy = task.spec().retentionPolicy().orElseThrow();
        return policy.describe() + "; "
                + (retention == RoundRetention.RELEASED_VERIFIED
                        ? "verified by " + policy.orVerifiedBy() + " or more organisations"
                        : task.aggregatedRounds() + " rounds aggregated");
    }

    /** What {@code verify} and the console say of a released round whose inputs this node no longer holds. */
    public static String pruned(Task task, long round, RoundRetention retention) {
        return "inputs of round " + round + " pruned by the task's retention policy (" + why(task, retention)
                + "); the recorded aggregate cannot be recomputed here; its record and hashes remain";
    }

    /** What {@code provenance} says of a released round: it reads no blob, so it cannot tell whether they went. */
    public static String released(Task task, long round, RoundRetention retention) {
        return "inputs of round " + round + " released by the task's retention policy (" + why(task, retention)
                + "): organisations may have unpinned its update blobs; its record and hashes remain";
    }
}
