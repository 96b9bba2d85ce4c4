package org.medfed.client.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.retention.RetentionFixtures.spec;
import static org.medfed.client.retention.RetentionFixtures.task;

import org.junit.jupiter.api.Test;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.Task;
import org.medfed.common.retention.RoundRetention;

/** The decision as the ledger has it, and the sentences verify, provenance and the console say it with. */
class RetentionCheckTest {
    private final FakeRetentionReads ledger = new FakeRetentionReads();
    private final RetentionCheck check = new RetentionCheck(ledger);

    @Test
    void readsAttestationsOnlyWhenThePolicyCountsThemAndTheRoundIsInItsWindow() throws Exception {
        Task byRounds = task(spec("a", RetentionPolicy.keepRounds(1)), 2);
        Task orVerified = task(spec("b", new RetentionPolicy(2, 1L)), 2);
        ledger.verifications.put(FakeRetentionReads.key("b", 2), 1L);

        assertThat(check.of(byRounds, 1)).isEqualTo(RoundRetention.RELEASED_AFTER_ROUNDS);
        assertThat(check.of(byRounds, 2)).isEqualTo(RoundRetention.KEPT_WITHIN_WINDOW);
        assertThat(check.of(orVerified, 2)).isEqualTo(RoundRetention.RELEASED_VERIFIED);
        assertThat(check.of(orVerified, 3)).isEqualTo(RoundRetention.KEPT_NOT_AGGREGATED);
        assertThat(ledger.reads).containsExactly("verifications b~2");
    }

    @Test
    void saysPlainlyWhyARoundsInputsWent() {
        // keep 2 rounds: round 1 of a task that has aggregated 3 is released
        Task task = task(spec("t", RetentionPolicy.keepRounds(2)), 3);

        assertThat(RetentionCheck.pruned(task, 1, RoundRetention.RELEASED_AFTER_ROUNDS))
                .isEqualTo("inputs of round 1 pruned by the task's retention policy (keep 2 rounds after aggregation;"
                        + " 3 rounds aggregated); the recorded aggregate cannot be recomputed here; its record and"
                        + " hashes remain");
        assertThat(RetentionCheck.released(
                        task(spec("v", new RetentionPolicy(2, 2L)), 1), 1, RoundRetention.RELEASED_VERIFIED))
                .isEqualTo("inputs of round 1 released by the task's retention policy (keep 2 rounds after"
                        + " aggregation, or until verified by 2 organisations; verified by 2 or more organisations):"
                        + " organisations may have unpinned its update blobs; its record and hashes remain");
    }
}
