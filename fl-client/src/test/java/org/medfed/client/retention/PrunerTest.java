package org.medfed.client.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.retention.RetentionFixtures.cid;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medfed.common.retention.RoundRetention;

/**
 * A plan applied to an in-memory node that pins its own two updates of round 1 (released) and of round 2 (kept),
 * holds an unpinned copy of another organisation's released update, and pins the round's model.
 */
class PrunerTest {
    private static final String MINE_1 = cid("mine-1");
    private static final String THEIRS_1 = cid("theirs-1");
    private static final String MINE_2 = cid("mine-2");
    private static final String MODEL = cid("global-1");
    private static final String STATE = cid("state-1");

    private final FakeNode node = new FakeNode()
            .pinnedBlob(MINE_1, 400)
            .cachedBlob(THEIRS_1, 400)
            .pinnedBlob(MINE_2, 400)
            .pinnedBlob(MODEL, 100);

    private static StoragePlan.Release released(String cid) {
        return new StoragePlan.Release(
                cid, "t", 1, "p", StoragePlan.Input.UPDATE, RoundRetention.RELEASED_AFTER_ROUNDS);
    }

    private final StoragePlan plan = new StoragePlan(
            List.of(released(MINE_1), released(THEIRS_1)),
            List.of(),
            Set.of(MINE_2, MODEL, STATE),
            Set.of(MODEL, STATE),
            List.of(new StoragePlan.RoundDecision("t", 1, RoundRetention.RELEASED_AFTER_ROUNDS, "keep 1 round")),
            1);

    @Test
    void unpinsWhatWasReleasedCollectsGarbageAndKeepsTheRest() throws Exception {
        node.swarm.put(STATE, new byte[200]);

        PruneReport report = new Pruner(node).prune(plan, Pruner.Mode.UNPIN_AND_COLLECT);

        assertThat(node.writes).containsExactly("pin " + STATE, "unpin " + MINE_1, "gc");
        assertThat(node.held).containsOnlyKeys(MINE_2, MODEL, STATE);
        assertThat(report.unpinned()).extracting(StoragePlan.Release::cid).containsExactly(MINE_1);
        assertThat(report.notPinnedHere()).extracting(StoragePlan.Release::cid).containsExactly(THEIRS_1);
        assertThat(report.pinned()).containsExactly(STATE);
        assertThat(report.garbageBlocks()).isEqualTo(2);
        // 400 + 400 + 400 + 100 before; the two released updates went, the state arrived
        assertThat(report.sizeBefore()).isEqualTo(1300);
        assertThat(report.sizeAfter()).isEqualTo(700);
    }

    @Test
    void aDryRunWritesNothingAndSaysWhatItWouldDo() throws Exception {
        PruneReport report = new Pruner(node).prune(plan, Pruner.Mode.DRY_RUN);

        assertThat(node.writes).isEmpty();
        assertThat(node.pinned).containsExactlyInAnyOrder(MINE_1, MINE_2, MODEL);
        assertThat(report.dryRun()).isTrue();
        assertThat(report.unpinned()).extracting(StoragePlan.Release::cid).containsExactly(MINE_1);
        assertThat(report.pinned()).containsExactly(STATE);
        assertThat(report.garbageBlocks()).isEqualTo(-1);
        assertThat(report.sizeAfter()).isEqualTo(-1);
    }

    @Test
    void aSecondRunUnpinsNothing() throws Exception {
        new Pruner(node).prune(plan, Pruner.Mode.UNPIN_AND_COLLECT);
        node.writes.clear();

        PruneReport again = new Pruner(node).prune(plan, Pruner.Mode.UNPIN_AND_COLLECT);

        assertThat(again.unpinned()).isEmpty();
        assertThat(node.writes).containsExactly("gc");
        assertThat(again.garbageBlocks()).isZero();
        assertThat(node.held).containsOnlyKeys(MINE_2, MODEL);
    }

    @Test
    void neverUnpinsWhatThePlanKeepsEvenIfItIsListedAsReleased() throws Exception {
        StoragePlan contradictory = new StoragePlan(
                List.of(released(MODEL), released(MINE_2), released(MINE_1)),
                List.of(),
                Set.of(MODEL, MINE_2),
                Set.of(MODEL),
                plan.rounds(),
                1);

        new Pruner(node).prune(contradictory, Pruner.Mode.UNPIN_AND_COLLECT);

        assertThat(node.writes).containsExactly("unpin " + MINE_1, "gc");
        assertThat(node.pinned).contains(MODEL, MINE_2);
    }

    @Test
    void leavesTheBlocksToKuboWhenAskedNotToCollect() throws Exception {
        PruneReport report = new Pruner(node).prune(plan, Pruner.Mode.UNPIN);

        assertThat(node.writes).doesNotContain("gc");
        assertThat(node.held).containsKey(MINE_1);
        assertThat(report.garbageBlocks()).isEqualTo(-1);
    }

    @Test
    void aKeptBlobNoNodeHasIsReportedAndTheRestGoesOn() throws Exception {
        PruneReport report = new Pruner(node).prune(plan, Pruner.Mode.UNPIN_AND_COLLECT);

        assertThat(report.pinFailures()).containsOnlyKeys(STATE);
        assertThat(report.pinned()).isEmpty();
        assertThat(node.writes).containsExactly("unpin " + MINE_1, "gc");
    }

    @Test
    void aPlanThatReleasesNothingCollectsNoGarbage() throws Exception {
        StoragePlan nothing =
                new StoragePlan(List.of(), List.of(), Set.of(MINE_1, MODEL), Set.of(MODEL), plan.rounds(), 1);

        new Pruner(node).prune(nothing, Pruner.Mode.UNPIN_AND_COLLECT);

        assertThat(node.writes).isEmpty();
        assertThat(node.held).containsKey(THEIRS_1);
    }
}
