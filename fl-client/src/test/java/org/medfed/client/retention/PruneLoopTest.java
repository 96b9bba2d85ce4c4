package org.medfed.client.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.retention.RetentionFixtures.aggregation;
import static org.medfed.client.retention.RetentionFixtures.cid;
import static org.medfed.client.retention.RetentionFixtures.spec;
import static org.medfed.client.retention.RetentionFixtures.task;
import static org.medfed.client.retention.RetentionFixtures.update;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.Task;

/** The node's storage.prune: after each aggregation, once. */
class PruneLoopTest {
    private final FakeRetentionReads ledger = new FakeRetentionReads();
    private final FakeNode node = new FakeNode();
    private final List<String> log = new ArrayList<>();
    /** What this node added (and so pinned) once, as a participant and an endorser do. */
    private final java.util.Set<String> added = new java.util.TreeSet<>();

    private final PruneLoop loop =
            new PruneLoop(ledger, node, Duration.ofSeconds(5), (level, message) -> log.add(level + " " + message));

    /** Task "keep1" after {@code aggregated} rounds; this node pins its own update of every round. */
    private void aggregated(long aggregated) {
        Task task = task(spec("keep1", RetentionPolicy.keepRounds(1)), aggregated);
        ledger.tasks.clear();
        ledger.tasks.add(task);
        for (long round = 1; round <= task.currentRound(); round++) {
            ledger.updates.put(
                    FakeRetentionReads.key("keep1", round), List.of(update("keep1", round, "me", "me-" + round)));
            add(cid("me-" + round));
            if (round <= aggregated) {
                ledger.aggregations.put(
                        FakeRetentionReads.key("keep1", round), aggregation("keep1", round, null, List.of("me")));
                add(cid("keep1-global-" + round));
            }
        }
    }

    private void add(String cid) {
        if (added.add(cid)) {
            node.pinnedBlob(cid, 10);
        }
    }

    @Test
    void prunesAtStartThenOnlyAfterTheNextAggregation() {
        aggregated(1);
        assertThat(loop.step()).isTrue();
        assertThat(node.writes).isEmpty();

        assertThat(loop.step()).isFalse();

        aggregated(2);
        assertThat(loop.step()).isTrue();
        assertThat(node.writes).contains("unpin " + cid("me-1"), "gc");
        assertThat(node.held).doesNotContainKey(cid("me-1")).containsKey(cid("me-2"));
        assertThat(log).last().asString().startsWith("INFO storage: unpinned 1 blob(s)");

        assertThat(loop.step()).isFalse();
    }

    @Test
    void aFailureIsLoggedAndRetriedOnTheNextTick() {
        aggregated(2);
        ledger.failure = new MedfedException(MedfedException.UNAVAILABLE, "peer down", null);

        assertThat(loop.step()).isFalse();
        assertThat(log).singleElement().asString().startsWith("WARN storage: not pruned, retrying next tick");

        ledger.failure = null;
        assertThat(loop.step()).isTrue();
        assertThat(node.writes).contains("unpin " + cid("me-1"));
    }
}
