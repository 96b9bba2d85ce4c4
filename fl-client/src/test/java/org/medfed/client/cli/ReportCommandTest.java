package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.report.ReportData;
import org.medfed.client.report.ReportFigure;
import org.medfed.client.report.ReportSamples;
import org.medfed.client.report.RoundFacts;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.protocol.TxNames;

class ReportCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;
    private ReportData data;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        data = ReportSamples.data();
        cli.ledger.answer(TxNames.TASK_GET, CanonicalJson.encode(data.task().toJson()));
        for (RoundFacts round : data.rounds()) {
            cli.ledger.answer(
                    TxNames.ROUND_GET,
                    CanonicalJson.encode(Map.of(
                            "round",
                            round.state().toJson(),
                            "submitted",
                            round.updates().stream()
                                    .map(UpdateRecord::participantId)
                                    .toList())));
            cli.ledger.answer(
                    TxNames.ROUND_LIST_UPDATES,
                    CanonicalJson.encode(Map.of(
                            "items",
                            round.updates().stream().map(UpdateRecord::toJson).toList(),
                            "bookmark",
                            "",
                            "count",
                            (long) round.updates().size())));
        }
        cli.ledger.answer(
                TxNames.ROUND_GET_AGGREGATION,
                CanonicalJson.encode(data.rounds().get(0).aggregation().toJson()));
        data.reputation()
                .forEach((participant, changes) -> cli.ledger.answer(
                        TxNames.REPUTATION_GET_HISTORY,
                        CanonicalJson.encode(Map.of(
                                "taskId",
                                data.task().id(),
                                "participantId",
                                participant,
                                "changes",
                                changes.stream().map(c -> c.toJson()).toList()))));
    }

    @Test
    void readsTheTaskRoundByRoundAndWritesTheReport() throws Exception {
        Path out = root.resolve("board-report");

        int exit = cli.admin("report", "wdbc-mlp", "--out", out.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.ledger.calls).allMatch(call -> call.intent().equals("evaluate"));
        assertThat(cli.ledger.calls)
                .extracting(ScriptedLedger.Call::transaction)
                .containsExactly(
                        "task:getTask",
                        "round:getRound",
                        "round:getAggregation",
                        "round:listUpdates",
                        "round:getRound",
                        "round:listUpdates",
                        "reputation:getReputationHistory",
                        "reputation:getReputationHistory",
                        "reputation:getReputationHistory");
        assertThat(cli.out().lines().findFirst())
                .contains("report of task wdbc-mlp (2 round(s)) written to " + out.resolve("report.md"));
        String markdown = Files.readString(out.resolve("report.md"));
        for (ReportFigure figure : ReportFigure.values()) {
            assertThat(ImageIO.read(out.resolve(figure.file()).toFile()))
                    .as(figure.file())
                    .isNotNull();
            assertThat(markdown).contains("](" + figure.file() + ")");
        }
        assertThat(markdown).contains("`tx-aggregation-1`");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonListsTheFilesWritten() {
        Path out = root.resolve("json-report");

        cli.admin("report", "wdbc-mlp", "--out", out.toString(), "--json");

        Map<?, ?> json = (Map<?, ?>) CanonicalJson.parse(cli.out().strip());
        assertThat((List<Object>) json.get("files"))
                .hasSize(ReportFigure.values().length + 1)
                .contains(out.resolve("report.md").toString());
    }

    @Test
    void anUnknownTaskWritesNothing() throws Exception {
        cli = new LedgerCli(root.resolve("unknown"));
        cli.ledger.fail(TxNames.TASK_GET, LedgerCli.refused("NOT_FOUND", "no task nope"));
        Path out = root.resolve("nothing");

        assertThat(cli.admin("report", "nope", "--out", out.toString())).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(out).doesNotExist();
    }
}
