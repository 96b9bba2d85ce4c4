package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.reputation.ReputationCause;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.reputation.ReputationScore;

class ReputationCommandTest {

    private static final Instant AT = Instant.parse("2026-03-01T09:12:00Z");

    @TempDir
    Path root;

    private LedgerCli cli;
    private Task task;
    private List<String> eligible;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        task = Samples.task();
        eligible = task.spec().eligibleParticipants();
    }

    @Test
    void listEvaluatesEveryEligibleParticipant() {
        cli.ledger
                .answer(TxNames.TASK_GET, Samples.json(task))
                .answer(
                        TxNames.REPUTATION_GET,
                        view(new ReputationScore(task.id(), eligible.get(0), Samples.dec("0.62"), 2, AT), false))
                .answer(
                        TxNames.REPUTATION_GET,
                        view(new ReputationScore(task.id(), eligible.get(1), Samples.dec("0.1"), 3, AT), true))
                .answer(
                        TxNames.REPUTATION_GET,
                        view(
                                ReputationScore.initial(
                                        task.id(), eligible.get(2), task.spec().reputation()),
                                false));

        int exit = cli.admin("reputation", "list", "wdbc-mlp");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.ledger.calls).hasSize(1 + eligible.size());
        assertThat(cli.ledger.calls.subList(1, 4))
                .extracting(ScriptedLedger.Call::args)
                .containsExactly(
                        List.of("wdbc-mlp", eligible.get(0)),
                        List.of("wdbc-mlp", eligible.get(1)),
                        List.of("wdbc-mlp", eligible.get(2)));
        assertThat(row(eligible.get(0))).containsExactly(eligible.get(0), "0.62", "2", AT.toString(), "no");
        assertThat(row(eligible.get(1))).containsExactly(eligible.get(1), "0.1", "3", AT.toString(), "yes");
        assertThat(row(eligible.get(2))).containsExactly(eligible.get(2), "0.5", "0", "-", "no");
        assertThat(cli.out()).contains("3 eligible participant(s); excluded below 0.2.");
    }

    @Test
    void listJsonHoldsEachLedgerAnswer() {
        String one = view(
                ReputationScore.initial(task.id(), eligible.get(0), task.spec().reputation()), false);
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(task)).answer(TxNames.REPUTATION_GET, one);

        cli.admin("reputation", "list", "wdbc-mlp", "--json");

        Map<String, Object> json =
                JsonFields.object(CanonicalJson.parse(cli.out().strip()));
        assertThat(json.get("taskId")).isEqualTo("wdbc-mlp");
        assertThat(JsonFields.list(json, "items"))
                .hasSize(eligible.size())
                .allSatisfy(item -> assertThat(CanonicalJson.encode(item)).isEqualTo(one));
    }

    @Test
    void historyListsTheChangesOldestFirst() {
        String p = eligible.get(0);
        ReputationChange first = new ReputationChange(
                task.id(),
                p,
                1,
                1,
                ReputationCause.QUALITY,
                Samples.dec("0.9"),
                Samples.dec("0.5"),
                Samples.dec("0.62"),
                "tx-a",
                AT);
        ReputationChange second = new ReputationChange(
                task.id(),
                p,
                2,
                2,
                ReputationCause.MISSED_ROUND,
                null,
                Samples.dec("0.62"),
                Samples.dec("0.52"),
                "tx-b",
                AT.plusSeconds(600));
        cli.ledger.answer(
                TxNames.REPUTATION_GET_HISTORY,
                CanonicalJson.encode(Map.of(
                        "taskId", task.id(), "participantId", p, "changes", List.of(first.toJson(), second.toJson()))));

        assertThat(cli.admin("reputation", "history", "wdbc-mlp", p)).isEqualTo(ExitCodes.OK);

        assertThat(cli.onlyCall())
                .isEqualTo(
                        new ScriptedLedger.Call("evaluate", "reputation:getReputationHistory", List.of("wdbc-mlp", p)));
        assertThat(row("1  ")).containsExactly("1", "1", "quality", "0.9", "0.5", "0.62", AT.toString(), "tx-a");
        assertThat(row("2  "))
                .containsExactly(
                        "2",
                        "2",
                        "missed-round",
                        "-",
                        "0.62",
                        "0.52",
                        AT.plusSeconds(600).toString(),
                        "tx-b");
        assertThat(cli.out()).contains("2 change(s).");
    }

    @Test
    void anUnchangedReputationSaysTheInitialScoreApplies() {
        cli.ledger.answer(
                TxNames.REPUTATION_GET_HISTORY,
                CanonicalJson.encode(
                        Map.of("taskId", task.id(), "participantId", eligible.get(0), "changes", List.of())));

        cli.admin("reputation", "history", "wdbc-mlp", eligible.get(0));

        assertThat(cli.out()).contains("0 change(s); the task's initial score applies.");
    }

    private String view(ReputationScore score, boolean excluded) {
        Map<String, Object> json = score.toJson();
        json.put("threshold", task.spec().reputation().exclusionThreshold());
        json.put("excluded", excluded);
        return CanonicalJson.encode(json);
    }

    private String[] row(String start) {
        return cli.out()
                .lines()
                .filter(l -> l.startsWith(start))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + start + " in\n" + cli.out()))
                .split("\\s{2,}");
    }
}
