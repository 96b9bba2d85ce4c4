package org.medfed.common.retention;

import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;

/**
 * Whether a task's retention policy still keeps a round's inputs (its update blobs and control deltas) or releases
 * them, so an organisation's node may unpin them: the one copy of that rule, used by the pruner that unpins and by
 * {@code verify}, {@code provenance} and the console, which say when a round's inputs went by policy. Pure: the
 * caller reads the task and the round's verification attestations from the ledger.
 *
 * <p>Round {@code r} of a task with {@code keepUpdatesRounds} N is released once it is aggregated and N later rounds
 * are too ({@code aggregatedRounds - r >= N}), or, with {@code orVerifiedBy} M, once M organisations attested that
 * they verified it. A round not aggregated yet is always kept: its inputs are what the aggregation reads.
 */
public enum RoundRetention {
    /** The task has no retention policy: every update is kept. */
    KEPT_NO_POLICY(false),
    /** The round is not aggregated yet. */
    KEPT_NOT_AGGREGATED(false),
    /** Aggregated, but fewer than {@code keepUpdatesRounds} later rounds are, and not verified by enough organisations. */
    KEPT_WITHIN_WINDOW(false),
    /** {@code keepUpdatesRounds} later rounds are aggregated. */
    RELEASED_AFTER_ROUNDS(true),
    /** {@code orVerifiedBy} organisations attested that they recomputed the round's aggregate. */
    RELEASED_VERIFIED(true);

    private final boolean released;

    RoundRetention(boolean released) {
        this.released = released;
    }

    /** Whether the policy lets a node unpin the round's inputs. */
    public boolean released() {
        return released;
    }

    /**
     * @param round the round, from 1
     * @param aggregatedRounds how many rounds of the task are aggregated ({@link Task#aggregatedRounds()})
     * @param verifications how many organisations attested that they verified the round
     */
    public static RoundRetention of(TaskSpec spec, long round, long aggregatedRounds, long verifications) {
        if (round < 1) {
            throw new IllegalArgumentException("rounds are numbered from 1, got " + round);
        }
        RetentionPolicy policy = spec.retentionPolicy().orElse(null);
        if (policy == null) {
            return KEPT_NO_POLICY;
        }
        if (round > aggregatedRounds) {
            return KEPT_NOT_AGGREGATED;
        }
        if (aggregatedRounds - round >= policy.keepUpdatesRounds()) {
            return RELEASED_AFTER_ROUNDS;
        }
        if (policy.orVerifiedBy() != null && verifications >= policy.orVerifiedBy()) {
            return RELEASED_VERIFIED;
        }
        return KEPT_WITHIN_WINDOW;
    }

    /** {@link #of(TaskSpec, long, long, long)} for the task as the ledger has it now. */
    public static RoundRetention of(Task task, long round, long verifications) {
        return of(task.spec(), round, task.aggregatedRounds(), verifications);
    }

    /**
     * Whether the round's verification attestations can change the decision, so a caller need read them only then:
     * the policy counts them, the round is aggregated and still within its window.
     */
    public static boolean countsVerifications(TaskSpec spec, long round, long aggregatedRounds) {
        return spec.retentionPolicy().map(p -> p.orVerifiedBy() != null).orElse(false)
                && of(spec, round, aggregatedRounds, 0) == KEPT_WITHIN_WINDOW;
    }
}
