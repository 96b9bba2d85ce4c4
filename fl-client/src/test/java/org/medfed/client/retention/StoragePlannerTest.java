package org.medfed.client.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.retention.RetentionFixtures.aggregation;
import static org.medfed.client.retention.RetentionFixtures.cid;
import static org.medfed.client.retention.RetentionFixtures.spec;
import static org.medfed.client.retention.RetentionFixtures.task;
import static org.medfed.client.retention.RetentionFixtures.update;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.Task;
import org.medfed.common.retention.RoundRetention;

/**
 * Which inputs the planner releases. Task "keep1" (keep 1 round, 3 rounds) has aggregated rounds 1 and 2 and is in
 * round 3: round 1 is released (2 - 1 >= 1), round 2 is within its window, round 3 is not aggregated.
 */
class StoragePlannerTest {
    private final FakeRetentionReads ledger = new FakeRetentionReads();

    /** Task {@code id} after {@code aggregated} rounds, each round with updates of alice and bob. */
    private Task withRounds(String id, RetentionPolicy policy, long aggregated) {
        Task task = task(spec(id, policy), aggregated);
        ledger.tasks.add(task);
        for (long round = 1; round <= task.currentRound(); round++) {
            ledger.updates.put(
                    FakeRetentionReads.key(id, round),
                    List.of(
                            update(id, round, "alice", id + "-alice-" + round),
                            update(id, round, "bob", id + "-bob-" + round)));
            if (round <= aggregated) {
                ledger.aggregations.put(
                        FakeRetentionReads.key(id, round), aggregation(id, round, null, List.of("alice", "bob")));
            }
        }
        return task;
    }

    @Test
    void releasesOnlyTheRoundsPastTheWindowAndKeepsEveryModel() throws Exception {
        withRounds("keep1", RetentionPolicy.keepRounds(1), 2);

        StoragePlan plan = new StoragePlanner(ledger).plan();

        assertThat(plan.releases())
                .extracting(StoragePlan.Release::cid)
                .containsExactly(cid("keep1-alice-1"), cid("keep1-bob-1"));
        assertThat(plan.releases()).allSatisfy(r -> {
            assertThat(r.round()).isEqualTo(1);
            assertThat(r.retention()).isEqualTo(RoundRetention.RELEASED_AFTER_ROUNDS);
            assertThat(r.input()).isEqualTo(StoragePlan.Input.UPDATE);
        });
        assertThat(plan.kept())
                .contains(cid("keep1-alice-2"), cid("keep1-bob-3"))
                .doesNotContain(cid("keep1-alice-1"));
        assertThat(plan.keptForever())
                .contains(cid("keep1-global-1"), cid("keep1-global-2"), cid("keep1-initial"))
                .contains(spec("keep1", null).model().initialModel().cid());
        assertThat(plan.releasedRounds()).containsEntry("keep1", List.of(1L));
        assertThat(plan.rounds())
                .extracting(StoragePlan.RoundDecision::retention)
                .containsExactly(
                        RoundRetention.RELEASED_AFTER_ROUNDS,
                        RoundRetention.KEPT_WITHIN_WINDOW,
                        RoundRetention.KEPT_NOT_AGGREGATED);
    }

    @Test
    void withoutAnyPolicyReadsNothingButTheTaskList() throws Exception {
        withRounds("plain", null, 2);

        StoragePlan plan = new StoragePlanner(ledger).plan();

        assertThat(plan.anyPolicy()).isFalse();
        assertThat(plan.releases()).isEmpty();
        assertThat(ledger.reads).containsExactly("tasks");
    }

    @Test
    void keepsABlobAnotherTaskStillReferences() throws Exception {
        withRounds("keep1", RetentionPolicy.keepRounds(1), 2);
        Task plain = withRounds("plain", null, 1);
        // the same bytes as keep1's released alice update, submitted to a task that keeps everything
        ledger.updates.put(
                FakeRetentionReads.key(plain.id(), 2), List.of(update(plain.id(), 2, "alice", "keep1-alice-1")));

        StoragePlan plan = new StoragePlanner(ledger).plan();

        assertThat(plan.releases()).extracting(StoragePlan.Release::cid).containsExactly(cid("keep1-bob-1"));
        assertThat(plan.withheld()).extracting(StoragePlan.Release::cid).containsExactly(cid("keep1-alice-1"));
    }

    @Test
    void keepsAReleasedUpdateWhoseBytesAreAModelOrAState() throws Exception {
        withRounds("keep1", RetentionPolicy.keepRounds(1), 2);
        // a full update identical to the round's model, and one identical to round 2's optimizer state
        ledger.updates.put(
                FakeRetentionReads.key("keep1", 1),
                List.of(update("keep1", 1, "alice", "keep1-global-1"), update("keep1", 1, "bob", "state-2")));
        ledger.aggregations.put(
                FakeRetentionReads.key("keep1", 2), aggregation("keep1", 2, "state-2", List.of("alice", "bob")));

        StoragePlan plan = new StoragePlanner(ledger).plan();

        assertThat(plan.releases()).isEmpty();
        assertThat(plan.withheld())
                .extracting(StoragePlan.Release::cid)
                .containsExactly(cid("keep1-global-1"), cid("state-2"));
        assertThat(plan.keptForever()).contains(cid("state-2"));
    }

    @Test
    void releasesControlDeltasWithTheirUpdates() throws Exception {
        withRounds("keep1", RetentionPolicy.keepRounds(1), 2);
        ledger.updates.put(
                FakeRetentionReads.key("keep1", 1),
                List.of(RetentionFixtures.withControlDelta(update("keep1", 1, "alice", "u"), "delta")));

        StoragePlan plan = new StoragePlanner(ledger).plan();

        assertThat(plan.releases())
                .extracting(StoragePlan.Release::cid, StoragePlan.Release::input)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(cid("u"), StoragePlan.Input.UPDATE),
                        org.assertj.core.groups.Tuple.tuple(cid("delta"), StoragePlan.Input.CONTROL_DELTA));
    }

    @Test
    void readsAttestationsOnlyForRoundsTheyCanRelease() throws Exception {
        // keep 2 rounds or 2 organisations; 2 rounds aggregated: round 1 and 2 are within their window
        withRounds("verified", new RetentionPolicy(2, 2L), 2);
        ledger.verifications.put(FakeRetentionReads.key("verified", 1), 2L);
        ledger.verifications.put(FakeRetentionReads.key("verified", 2), 1L);

        StoragePlan plan = new StoragePlanner(ledger).plan();

        assertThat(plan.releases())
                .extracting(StoragePlan.Release::round, StoragePlan.Release::retention)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(1L, RoundRetention.RELEASED_VERIFIED));
        assertThat(ledger.reads)
                .filteredOn(read -> read.startsWith("verifications"))
                .containsExactly("verifications verified~1", "verifications verified~2");
    }
}
