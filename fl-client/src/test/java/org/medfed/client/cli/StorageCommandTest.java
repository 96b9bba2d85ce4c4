package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.retention.RetentionFixtures.aggregation;
import static org.medfed.client.retention.RetentionFixtures.cid;
import static org.medfed.client.retention.RetentionFixtures.sha;
import static org.medfed.client.retention.RetentionFixtures.spec;
import static org.medfed.client.retention.RetentionFixtures.task;
import static org.medfed.client.retention.RetentionFixtures.update;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.retention.FakeNode;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.TxNames;

/**
 * {@code storage prune} over a scripted ledger and an in-memory node. Task keep1 (keep 1 round) has aggregated rounds
 * 1 and 2 and is in round 3, so round 1's inputs are released; this node pins its own updates of rounds 1 and 2.
 */
class StorageCommandTest {
    @TempDir
    Path root;

    private LedgerCli cli;
    private final FakeNode node = new FakeNode();
    private final List<URI> opened = new java.util.ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        cli.blobStores = api -> {
            opened.add(api);
            return node;
        };
        node.pinnedBlob(cid("me-1"), 400).pinnedBlob(cid("me-2"), 400).cachedBlob(cid("them-1"), 400);
        node.pinnedBlob(cid("keep1-global-1"), 100).pinnedBlob(cid("keep1-global-2"), 100);
    }

    private static String page(List<? extends JsonRecord> items) {
        return CanonicalJson.encode(
                Map.of("items", items.stream().map(JsonRecord::toJson).toList(), "bookmark", "", "count", (long)
                        items.size()));
    }

    private void scriptKeep1() {
        Task task = task(spec("keep1", RetentionPolicy.keepRounds(1)), 2);
        node.swarm.put(task.spec().model().initialModel().cid(), new byte[100]);
        node.swarm.put(cid("keep1-initial"), new byte[100]);
        cli.ledger.answer(TxNames.TASK_LIST, page(List.of(task)));
        for (long round = 1; round <= 3; round++) {
            cli.ledger.answer(
                    TxNames.ROUND_LIST_UPDATES,
                    page(List.of(
                            update("keep1", round, "me", "me-" + round),
                            update("keep1", round, "them", "them-" + round))));
        }
        for (long round = 1; round <= 2; round++) {
            cli.ledger.answer(
                    TxNames.ROUND_GET_AGGREGATION,
                    Samples.json(aggregation("keep1", round, null, List.of("me", "them"))));
        }
    }

    @Test
    void aDryRunSaysWhatItWouldUnpinAndChangesNothing() {
        scriptKeep1();

        int exit = cli.admin("storage", "prune", "--dry-run");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(node.writes).isEmpty();
        assertThat(cli.out())
                .contains("task keep1 (keep 1 round after aggregation): inputs of round(s) 1 released")
                .contains("would unpin  " + cid("me-1") + "  update of " + sha("me") + ", round 1 of task keep1")
                .doesNotContain(cid("me-2"))
                // three updates of 400 bytes and two models of 100: 1400 bytes
                .contains("dry run: would unpin 1 blob(s) this node pins (1 released input(s) not pinned here) and pin"
                        + " 2 kept model(s) or state(s) it does not pin yet; nothing changed; repository 1400 bytes");
        assertThat(opened).containsExactly(URI.create("http://127.0.0.1:7055"));
        assertThat(cli.ledger.calls).extracting(ScriptedLedger.Call::intent).containsOnly(ScriptedLedger.EVALUATE);
    }

    @Test
    void unpinsTheReleasedInputsPinsTheModelsAndCollectsGarbage() {
        scriptKeep1();

        assertThat(cli.admin("storage", "prune", "--json")).as(cli.err()).isEqualTo(ExitCodes.OK);

        assertThat(node.pinned).doesNotContain(cid("me-1")).contains(cid("me-2"), cid("keep1-global-1"));
        assertThat(node.held).doesNotContainKeys(cid("me-1"), cid("them-1"));
        Map<String, Object> json =
                JsonFields.object(CanonicalJson.parse(cli.out().strip()));
        assertThat(json).containsEntry("dryRun", false).containsEntry("garbageBlocks", 2L);
        assertThat(JsonFields.objects(json, "unpinned"))
                .singleElement()
                .satisfies(u -> assertThat(u)
                        .containsEntry("cid", cid("me-1"))
                        .containsEntry("retention", "RELEASED_AFTER_ROUNDS"));
        assertThat(JsonFields.object(json, "releasedRounds")).containsEntry("keep1", List.of(1L));
    }

    @Test
    void withoutAPolicyOnTheLedgerItSaysSoAndTouchesNothing() {
        cli.ledger.answer(TxNames.TASK_LIST, page(List.of(task(spec("plain", null), 2))));

        assertThat(cli.admin("storage", "prune")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).startsWith("no task on the ledger has a retention policy: nothing to prune (1 task(s)");
        assertThat(node.writes).isEmpty();
        assertThat(cli.onlyCall().transaction()).isEqualTo(TxNames.TASK_LIST);
    }

    @Test
    void anUnreachableKuboNodeIsAOneLineNetworkError() throws Exception {
        scriptKeep1();
        URI closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        URI dead = closed;
        cli.blobStores = api -> new KuboBlobStore(dead);

        assertThat(cli.admin("storage", "prune")).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);

        assertThat(cli.err().lines()).singleElement().asString().contains("could not list its pins");
    }
}
