package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.provenance.LineageSamples.INITIAL;
import static org.medfed.client.provenance.LineageSamples.ROUND1;
import static org.medfed.client.provenance.LineageSamples.ROUND2;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.provenance.LineageSamples;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.TxNames;

class ProvenanceCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        Map<String, Object> spec = new TreeMap<>(Samples.exampleSpec().toJson());
        spec.put("strategy", LineageSamples.STRATEGY.toJson());
        Task task = Task.create(TaskSpec.fromJson(spec), Samples.T0, Samples.ADMIN);
        script(task);
    }

    /** The lineage of round 2 back to the initial model, and {@code task} as task:getTask answers it. */
    private void script(Task task) {
        cli.ledger
                .answer(
                        TxNames.PROVENANCE_GET_MODEL_LINEAGE,
                        LineageSamples.answer(ROUND2.cid(), LineageSamples.round2()))
                .answer(
                        TxNames.PROVENANCE_GET_MODEL_LINEAGE,
                        LineageSamples.answer(ROUND1.sha256(), LineageSamples.round1()))
                .answer(
                        TxNames.PROVENANCE_GET_MODEL_LINEAGE,
                        LineageSamples.answer(INITIAL.sha256(), otherTasksInitial(), LineageSamples.initial()))
                .answer(TxNames.TASK_GET, Samples.json(task));
    }

    @Test
    void followsEveryEarlierModelDownToTheInitialOne() {
        int exit = cli.admin("provenance", ROUND2.cid());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.ledger.calls)
                .containsExactly(
                        new ScriptedLedger.Call("evaluate", "provenance:getModelLineage", List.of(ROUND2.cid())),
                        new ScriptedLedger.Call("evaluate", "provenance:getModelLineage", List.of(ROUND1.sha256())),
                        new ScriptedLedger.Call("evaluate", "provenance:getModelLineage", List.of(INITIAL.sha256())),
                        new ScriptedLedger.Call("evaluate", "task:getTask", List.of("wdbc-mlp")));
        assertThat(cli.out())
                .startsWith("model " + ROUND2.cid() + "\n└─ task wdbc-mlp \"WDBC MLP\", strategy "
                        + "trimmed-mean (trimFraction=0.1)\n   ├─ round 2: ");
        assertThat(cli.out())
                .contains("└─ round 0: initial model " + INITIAL.cid())
                .doesNotContain("other-task");
        assertThat(cli.out().lines().filter(l -> l.contains("update of "))).hasSize(3);
    }

    @Test
    void saysWhichRoundsInputsTheTasksRetentionPolicyReleased() throws Exception {
        retaining("text");

        assertThat(cli.admin("provenance", ROUND2.cid())).as(cli.err()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out())
                .contains("├─ retention: keep 1 round after aggregation (models and optimizer states are kept)")
                .contains("inputs of round 1 released by the task's retention policy (keep 1 round after"
                        + " aggregation; 2 rounds aggregated): organisations may have unpinned its update blobs;"
                        + " its record and hashes remain");
        assertThat(cli.out().lines().filter(l -> l.contains("released by the task's retention policy")))
                .hasSize(1);

        retaining("json");
        assertThat(cli.admin("provenance", ROUND2.cid(), "--json")).isEqualTo(ExitCodes.OK);
        Map<String, Object> lineage = JsonFields.objects(
                        JsonFields.object(CanonicalJson.parse(cli.out().strip())), "lineages")
                .get(0);
        assertThat(lineage)
                .containsEntry("retention", Map.of("keepUpdatesRounds", 1L))
                .containsEntry("inputsReleased", List.of(1L));
    }

    /** A fresh CLI whose task keeps 1 round after aggregation and has aggregated rounds 1 and 2. */
    private void retaining(String dir) throws Exception {
        cli = new LedgerCli(root.resolve(dir));
        Map<String, Object> spec = new TreeMap<>(Samples.exampleSpec().toJson());
        spec.put("strategy", LineageSamples.STRATEGY.toJson());
        spec.put("retention", Map.of("keepUpdatesRounds", 1L));
        // round 1 is released (2 - 1 >= 1), round 2 is kept
        script(Task.create(TaskSpec.fromJson(spec), Samples.T0, Samples.ADMIN)
                .advance(ROUND1, Samples.T0)
                .advance(ROUND2, Samples.T0));
    }

    @Test
    void aTaskWithoutRetentionSaysNothingAboutIt() {
        assertThat(cli.admin("provenance", ROUND2.cid(), "--json")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).doesNotContain("retention").doesNotContain("inputsReleased");
    }

    @Test
    void mermaidPrintsAGraph() {
        assertThat(cli.admin("provenance", ROUND2.cid(), "--mermaid")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out().lines().findFirst()).contains("graph TD");
        assertThat(cli.out()).contains("t0r0 --> t0r1").contains("t0r1 --> t0r2");
    }

    @Test
    void jsonHoldsTheLedgersLineageOfEachRound() {
        assertThat(cli.admin("provenance", ROUND2.cid(), "--json")).isEqualTo(ExitCodes.OK);

        Map<String, Object> json =
                JsonFields.object(CanonicalJson.parse(cli.out().strip()));
        List<Map<String, Object>> rounds =
                JsonFields.objects(JsonFields.objects(json, "lineages").get(0), "rounds");
        assertThat(rounds).extracting(r -> r.get("round")).containsExactly(2L, 1L, 0L);
        assertThat(CanonicalJson.encode(rounds.get(0))).isEqualTo(CanonicalJson.encode(LineageSamples.round2()));
    }

    @Test
    void jsonAndMermaidExcludeEachOtherAndModelMustLookLikeOne() {
        assertThat(cli.admin("provenance", ROUND2.cid(), "--json", "--mermaid")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.admin("provenance", "not a model")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("MODEL must be a CID or a SHA-256");
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void anUnknownModelIsOneLine() throws Exception {
        cli = new LedgerCli(root.resolve("unknown"));
        cli.ledger.fail(
                TxNames.PROVENANCE_GET_MODEL_LINEAGE,
                LedgerCli.refused("NOT_FOUND", "no global model " + ROUND2.sha256() + " on the ledger"));

        assertThat(cli.admin("provenance", ROUND2.sha256())).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: NOT_FOUND: no global model " + ROUND2.sha256() + " on the ledger");
    }

    /** The same initial model in another task: the lineage must pick wdbc-mlp's. */
    private static Map<String, Object> otherTasksInitial() {
        Map<String, Object> json = new TreeMap<>(LineageSamples.initial());
        json.put("taskId", "other-task");
        return json;
    }
}
