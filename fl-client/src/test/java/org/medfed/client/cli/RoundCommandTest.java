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
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.reputation.ReputationCause;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.CloseReason;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;

class RoundCommandTest {

    private static final String P1 = "1".repeat(64);
    private static final String P2 = "2".repeat(64);
    private static final String P3 = "3".repeat(64);
    private static final Instant CLOSED_AT = Instant.parse("2026-03-01T09:10:00Z");

    @TempDir
    Path root;

    private LedgerCli cli;
    private Task task;
    private RoundState open;
    private RoundState closed;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        task = Samples.task();
        open = Samples.openRound(task);
        closed = new RoundState(
                task.id(),
                1,
                1,
                RoundStatus.CLOSED,
                open.baseModel(),
                open.openedAt(),
                open.deadline(),
                0,
                CLOSED_AT,
                CloseReason.DEADLINE_WITH_QUORUM,
                List.of(P1, P2),
                List.of(new Exclusion(P3, ExclusionReason.MISSED_DEADLINE, null)),
                null,
                null,
                List.of());
    }

    @Test
    void statusDefaultsToTheTasksCurrentRound() {
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(task)).answer(TxNames.ROUND_GET, roundView(open, List.of(P2)));

        int exit = cli.as("hospital-user1", "round", "status", "wdbc-mlp");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.ledger.calls)
                .containsExactly(
                        new ScriptedLedger.Call("evaluate", "task:getTask", List.of("wdbc-mlp")),
                        new ScriptedLedger.Call("evaluate", "round:getRound", List.of("wdbc-mlp", "1")));
        assertThat(cli.field("status")).isEqualTo("open");
        assertThat(cli.field("deadline")).isEqualTo("2026-03-01T09:10:00Z");
        assertThat(cli.field("submitted")).isEqualTo("1");
        assertThat(cli.out().lines().map(String::strip)).contains(P2);
        assertThat(cli.field("accepted")).isEqualTo("- (fixed when the round closes)");
    }

    @Test
    void statusOfAGivenRoundShowsAcceptedAndExcluded() {
        cli.ledger
                .answer(TxNames.TASK_GET, Samples.json(task))
                .answer(TxNames.ROUND_GET, roundView(closed, List.of(P1, P2)));

        assertThat(cli.admin("round", "status", "wdbc-mlp", "1")).isEqualTo(ExitCodes.OK);

        assertThat(cli.ledger.calls)
                .containsExactly(
                        new ScriptedLedger.Call("evaluate", "task:getTask", List.of("wdbc-mlp")),
                        new ScriptedLedger.Call("evaluate", "round:getRound", List.of("wdbc-mlp", "1")));
        assertThat(cli.field("status")).isEqualTo("closed");
        assertThat(cli.field("closed")).isEqualTo("2026-03-01T09:10:00Z (deadline-with-quorum)");
        assertThat(cli.field("accepted")).isEqualTo("2");
        assertThat(cli.field("excluded")).isEqualTo("1");
        assertThat(cli.out()).contains(P3 + " missed-deadline");
    }

    @Test
    void statusJsonIsTheLedgersAnswer() {
        String answer = roundView(closed, List.of(P1, P2));
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(task)).answer(TxNames.ROUND_GET, answer);

        cli.admin("round", "status", "wdbc-mlp", "1", "--json");

        assertThat(cli.out().strip()).isEqualTo(answer);
    }

    @Test
    void anUnknownTaskIsNotFound() {
        cli.ledger.fail(TxNames.TASK_GET, LedgerCli.refused("NOT_FOUND", "no task nope"));

        assertThat(cli.admin("round", "status", "nope")).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.err().strip())
                .isEqualTo("error: NOT_FOUND: no task nope [tx tx42] — check the task id; "
                        + "`medfed task list` lists the tasks");
    }

    @Test
    void roundNumbersStartAtOne() {
        assertThat(cli.admin("round", "status", "wdbc-mlp", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("ROUND must be 1 or more, got 0");
        assertThat(cli.admin("round", "close", "wdbc-mlp", "two")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void closeSubmitsCloseRoundAndShowsTheOutcome() {
        ReputationChange missed = new ReputationChange(
                task.id(),
                P3,
                1,
                1,
                ReputationCause.MISSED_ROUND,
                null,
                Samples.dec("0.5"),
                Samples.dec("0.4"),
                "tx9",
                CLOSED_AT);
        cli.ledger.answer(
                TxNames.ROUND_CLOSE,
                CanonicalJson.encode(Map.of(
                        "task", task.summary(), "round", closed.toJson(), "reputation", List.of(missed.toJson()))));

        int exit = cli.as("hospital-user1", "round", "close", "wdbc-mlp", "1");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call("submit", "round:closeRound", List.of("wdbc-mlp", "1")));
        assertThat(cli.field("status")).isEqualTo("closed");
        assertThat(cli.out()).contains("task wdbc-mlp: active, current round 1");
        assertThat(cli.out()
                        .lines()
                        .filter(l -> l.startsWith(P3 + "  "))
                        .findFirst()
                        .orElseThrow()
                        .split("\\s{2,}"))
                .containsExactly(P3, "missed-round", "0.5", "0.4");
    }

    @Test
    void closingTooEarlyIsRefusedWithTheCode() {
        cli.ledger.fail(
                TxNames.ROUND_CLOSE,
                LedgerCli.refused(
                        "ROUND_STILL_OPEN",
                        "round 1 of task wdbc-mlp is open until 2026-03-01T09:10:00Z and 1 expected participant has not "
                                + "submitted"));

        assertThat(cli.admin("round", "close", "wdbc-mlp", "1")).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: ROUND_STILL_OPEN: round 1 of task wdbc-mlp is open until");
    }

    static String roundView(RoundState round, List<String> submitted) {
        return CanonicalJson.encode(Map.of("round", round.toJson(), "submitted", submitted));
    }
}
