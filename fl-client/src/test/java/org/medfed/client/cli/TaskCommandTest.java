package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.view.DpText;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.round.RoundState;

class TaskCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;
    private Task task;
    private RoundState round;
    private Path specFile;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        task = Samples.task();
        round = Samples.openRound(task);
        specFile = Files.writeString(root.resolve("task-spec.json"), Samples.exampleSpecText());
    }

    @Test
    void createValidatesTheSpecAndSubmitsItAsCanonicalJson() throws Exception {
        cli.ledger.answer(TxNames.TASK_CREATE, taskAndRound(task, round));

        int exit = cli.admin("task", "create", "--spec", specFile.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        ScriptedLedger.Call call = cli.onlyCall();
        assertThat(call.intent()).isEqualTo("submit");
        assertThat(call.transaction()).isEqualTo("task:createTask");
        assertThat(call.args())
                .containsExactly(CanonicalJson.encode(Samples.exampleSpec().toJson()));
        assertThat(cli.out()).startsWith("task wdbc-mlp: active");
        assertThat(cli.field("round")).isEqualTo("1 (attempt 1)");
        assertThat(cli.field("status")).isEqualTo("open");
        assertThat(cli.field("deadline")).isEqualTo("2026-03-01T09:10:00Z");
    }

    @Test
    void createAcceptsASpecWithoutDpAndSaysTheTaskIsNotDifferentiallyPrivate() throws Exception {
        Map<String, Object> json = new java.util.TreeMap<>(Samples.exampleSpec().toJson());
        json.remove("dp");
        Files.writeString(specFile, CanonicalJson.encode(json));
        Task withoutDp = Task.create(TaskSpec.fromJson(json), Samples.T0, Samples.ADMIN);
        cli.ledger.answer(TxNames.TASK_CREATE, taskAndRound(withoutDp, round));

        assertThat(cli.admin("task", "create", "--spec", specFile.toString())).isEqualTo(ExitCodes.OK);

        assertThat(cli.onlyCall().args()).containsExactly(CanonicalJson.encode(json));
        assertThat(cli.out())
                .contains("task wdbc-mlp: active", "NOT differentially private", "limits.allowTasksWithoutDp");
    }

    @Test
    void showSaysATaskWithoutDpHasNone() throws Exception {
        Map<String, Object> json = new java.util.TreeMap<>(Samples.exampleSpec().toJson());
        json.remove("dp");
        cli.ledger.answer(
                TxNames.TASK_GET, Samples.json(Task.create(TaskSpec.fromJson(json), Samples.T0, Samples.ADMIN)));

        assertThat(cli.admin("task", "show", "wdbc-mlp")).isEqualTo(ExitCodes.OK);

        assertThat(cli.field("DP")).isEqualTo(DpText.NONE);
    }

    @Test
    void showSaysWhatARetentionPolicyKeepsAndNothingWithoutOne() throws Exception {
        Map<String, Object> json = new java.util.TreeMap<>(Samples.exampleSpec().toJson());
        json.put("retention", Map.of("keepUpdatesRounds", 1L, "orVerifiedBy", 2L));
        cli.ledger.answer(
                TxNames.TASK_GET, Samples.json(Task.create(TaskSpec.fromJson(json), Samples.T0, Samples.ADMIN)));

        assertThat(cli.admin("task", "show", "wdbc-mlp")).isEqualTo(ExitCodes.OK);

        assertThat(cli.field("retention"))
                .isEqualTo("keep 1 round after aggregation, or until verified by 2 organisations (models and"
                        + " optimizer states are kept for good)");
    }

    @Test
    void aSpecWithAnImpossibleRetentionIsRefusedBeforeAnyNetworkCall() throws Exception {
        Files.writeString(
                specFile, Samples.exampleSpecText().replaceFirst("\\{", "{\"retention\": {\"keepUpdatesRounds\": 3},"));

        assertThat(cli.admin("task", "create", "--spec", specFile.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(cli.err()).contains("retention.keepUpdatesRounds 3 keeps every update of a task of 3 rounds");
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void createJsonPrintsTheLedgersAnswer() {
        String answer = taskAndRound(task, round);
        cli.ledger.answer(TxNames.TASK_CREATE, answer);

        cli.admin("task", "create", "--spec", specFile.toString(), "--json");

        assertThat(cli.out().strip()).isEqualTo(answer);
    }

    @Test
    void aBadSpecNamesTheFieldBeforeAnyNetworkCall() throws Exception {
        Files.writeString(specFile, Samples.exampleSpecText().replace("\"inputs\": 30,", ""));

        int exit = cli.admin("task", "create", "--spec", specFile.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.opened).isEmpty();
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err().strip())
                .isEqualTo("error: --spec " + specFile + ": invalid task spec: in \"model\": missing field \"inputs\"");
    }

    @Test
    void aBadNestedOrTopLevelFieldIsNamedToo() throws Exception {
        Files.writeString(
                specFile, Samples.exampleSpecText().replace("bafkreireplacewiththeinitialmodelcid", "not a cid"));
        assertThat(cli.admin("task", "create", "--spec", specFile.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("in \"model.initialModel\": cid must be an IPFS CID");

        Files.writeString(specFile, Samples.exampleSpecText().replace("\"quorum\": 2", "\"quorum\": 4"));
        assertThat(cli.admin("task", "create", "--spec", specFile.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("invalid task spec: quorum must be between 1 and 3, got 4");

        Files.writeString(
                specFile,
                Samples.exampleSpecText()
                        .replace(
                                "\"1111111111111111111111111111111111111111111" + "111111111111111111111\"",
                                "\"<participant id>\""));
        assertThat(cli.admin("task", "create", "--spec", specFile.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("eligibleParticipants entry must be 64 lower-case hex digits");

        Files.writeString(specFile, Samples.exampleSpecText().replace("\"rounds\": 3", "\"round\": 3"));
        assertThat(cli.admin("task", "create", "--spec", specFile.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("invalid task spec: unknown field \"round\"");
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void aSpecThatIsNotJsonOrMissingIsAnInputError() throws Exception {
        Files.writeString(specFile, "{\"id\": \"x\",}");
        assertThat(cli.admin("task", "create", "--spec", specFile.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--spec " + specFile + ": not a JSON object: invalid JSON at offset");

        assertThat(cli.admin(
                        "task", "create", "--spec", root.resolve("none.json").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("cannot read it (java.nio.file.NoSuchFileException");
    }

    @Test
    void dryRunOnlyChecks() {
        assertThat(cli.run("task", "create", "--spec", specFile.toString(), "--dry-run"))
                .isEqualTo(ExitCodes.OK);
        assertThat(cli.opened).isEmpty();
        assertThat(cli.out())
                .startsWith("The spec in " + specFile + " is valid: task wdbc-mlp, 3 rounds, "
                        + "3 eligible participants.");
    }

    @Test
    void listShowsStatusRoundAndQuorum() {
        cli.ledger.answer(
                TxNames.TASK_LIST,
                CanonicalJson.encode(Map.of("items", List.of(task.toJson()), "bookmark", "", "count", 1L)));

        assertThat(cli.admin("task", "list", "--page-size", "5")).isEqualTo(ExitCodes.OK);

        assertThat(cli.onlyCall()).isEqualTo(new ScriptedLedger.Call("evaluate", "task:listTasks", List.of("5", "")));
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(0).split("\\s{2,}"))
                .containsExactly("task", "status", "round", "quorum", "title", "updated");
        assertThat(lines.get(1).split("\\s{2,}"))
                .containsExactly(
                        "wdbc-mlp",
                        "active",
                        "1/3",
                        "2/3",
                        "Breast cancer diagnosis (WDBC), small MLP",
                        "2026-03-01T09:00:00Z");
    }

    @Test
    void showPrintsTheSpec() {
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(task));

        assertThat(cli.admin("task", "show", "wdbc-mlp")).isEqualTo(ExitCodes.OK);

        assertThat(cli.onlyCall()).isEqualTo(new ScriptedLedger.Call("evaluate", "task:getTask", List.of("wdbc-mlp")));
        assertThat(cli.field("model")).isEqualTo("mlp 30-16-2 relu, 530 parameters");
        assertThat(cli.field("round")).isEqualTo("1 of 3");
        assertThat(cli.field("quorum")).isEqualTo("2 of 3 eligible");
        assertThat(cli.field("DP")).isEqualTo("clip 1, noise >= 1.1, delta 0.00001, max epsilon 8 (improved)");
        assertThat(cli.field("participants")).isEqualTo("1".repeat(64));
        assertThat(cli.out()).contains("2".repeat(64)).contains("wdbc-wearable").doesNotContain("retention");
    }

    @Test
    void pauseSubmitsTheReasonOrADefault() {
        Task paused = task.pause("site maintenance", Instant.parse("2026-03-01T09:05:00Z"));
        cli.ledger.answer(TxNames.TASK_PAUSE, taskAndRound(paused, round));

        assertThat(cli.admin("task", "pause", "wdbc-mlp", "--reason", "site maintenance"))
                .isEqualTo(ExitCodes.OK);
        assertThat(cli.admin("task", "pause", "wdbc-mlp")).isEqualTo(ExitCodes.OK);

        assertThat(cli.ledger.calls)
                .containsExactly(
                        new ScriptedLedger.Call("submit", "task:pauseTask", List.of("wdbc-mlp", "site maintenance")),
                        new ScriptedLedger.Call(
                                "submit", "task:pauseTask", List.of("wdbc-mlp", "paused by an admin with medfed")));
        assertThat(cli.out()).startsWith("task wdbc-mlp: paused (site maintenance)");
    }

    @Test
    void resumeAndCancel() {
        cli.ledger.answer(TxNames.TASK_RESUME, taskAndRound(task, round));
        Task cancelled = task.cancel("wrong data", Instant.parse("2026-03-01T09:06:00Z"));
        cli.ledger.answer(TxNames.TASK_CANCEL, taskAndRound(cancelled, round));

        assertThat(cli.admin("task", "resume", "wdbc-mlp")).isEqualTo(ExitCodes.OK);
        assertThat(cli.admin("task", "cancel", "wdbc-mlp", "--reason", "wrong data"))
                .isEqualTo(ExitCodes.OK);

        assertThat(cli.ledger.calls)
                .containsExactly(
                        new ScriptedLedger.Call("submit", "task:resumeTask", List.of("wdbc-mlp")),
                        new ScriptedLedger.Call("submit", "task:cancelTask", List.of("wdbc-mlp", "wrong data")));
        assertThat(cli.out()).startsWith("task wdbc-mlp: cancelled (wrong data)");
    }

    @Test
    void resumeOfAnActiveTaskIsAnIllegalTransition() {
        cli.ledger.fail(
                TxNames.TASK_RESUME,
                LedgerCli.refused("ILLEGAL_TRANSITION", "task wdbc-mlp is active, " + "not paused"));

        assertThat(cli.admin("task", "resume", "wdbc-mlp")).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.err().strip())
                .isEqualTo("error: ILLEGAL_TRANSITION: task wdbc-mlp is active, not paused " + "[tx tx42]");
    }

    static String taskAndRound(Task task, RoundState round) {
        return CanonicalJson.encode(Map.of("task", task.toJson(), "round", round.toJson()));
    }
}
