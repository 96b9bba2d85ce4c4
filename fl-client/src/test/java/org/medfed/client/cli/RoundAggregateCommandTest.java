package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.reputation.ReputationCause;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;

class RoundAggregateCommandTest {

    private static final String P1 = "1".repeat(64);
    private static final String P2 = "2".repeat(64);
    private static final Instant AT = Instant.parse("2026-03-01T09:12:00Z");

    @TempDir
    Path root;

    private LedgerCli cli;
    private Task task;
    private String answer;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        task = Samples.task();
        RoundState open = Samples.openRound(task);
        AggregationRecord record = new AggregationRecord(
                new AggregationRequest(
                        task.id(),
                        1,
                        Samples.ref("g1"),
                        List.of(new Contribution(P1, new BigDecimal("0.93"))),
                        List.of(new Exclusion(P2, ExclusionReason.CONTENT_INVALID, "HASH_MISMATCH: blob differs"))),
                open.baseModel(),
                P1,
                AT,
                "tx-agg");
        Task next = task.advance(Samples.ref("g1"), AT);
        RoundState round2 = RoundState.open(task.id(), 2, Samples.ref("g1"), AT, 600);
        ReputationChange penalty = new ReputationChange(
                task.id(),
                P2,
                1,
                1,
                ReputationCause.REJECTED_UPDATE,
                null,
                Samples.dec("0.5"),
                Samples.dec("0.3"),
                "tx-agg",
                AT);
        answer = CanonicalJson.encode(Map.of(
                "task",
                next.summary(),
                "round",
                open.toJson(),
                "aggregation",
                record.toJson(),
                "nextRound",
                round2.toJson(),
                "reputation",
                List.of(penalty.toJson())));
    }

    @Test
    void submitsAggregateRoundAndShowsModelContributionsExclusionsAndReputation() {
        cli.ledger.answer(TxNames.AGGREGATOR_AGGREGATE_ROUND, answer);

        int exit = cli.as("hospital-user1", "round", "aggregate", "wdbc-mlp", "1");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call("submit", "aggregator:aggregateRound", List.of("wdbc-mlp", "1")));
        assertThat(cli.field("global model"))
                .isEqualTo(Samples.ref("g1").cid() + " (sha256 "
                        + Samples.ref("g1").sha256() + ")");
        assertThat(cli.field("task status")).isEqualTo("active, round 2 open until 2026-03-01T09:22:00Z");
        assertThat(row(P1 + "  ")).containsExactly(P1, "0.93");
        assertThat(cli.out()).contains(P2 + "  content-invalid  HASH_MISMATCH: blob differs");
        assertThat(row(P2 + "  rejected-update")).containsExactly(P2, "rejected-update", "-", "0.5", "0.3");
    }

    @Test
    void jsonIsTheLedgersAnswer() {
        cli.ledger.answer(TxNames.AGGREGATOR_AGGREGATE_ROUND, answer);

        cli.admin("round", "aggregate", "wdbc-mlp", "1", "--json");

        assertThat(cli.out().strip()).isEqualTo(answer);
    }

    @Test
    void anOpenRoundSaysToCloseItFirst() {
        assertRefusal(
                LedgerCli.refused("ROUND_NOT_CLOSED", "round 1 of task wdbc-mlp is open, not closed"),
                ExitCodes.LEDGER_REFUSED,
                "error: ROUND_NOT_CLOSED: round 1 of task wdbc-mlp is open, not closed — "
                        + "round 1 of task wdbc-mlp is not closed yet: close it first with `medfed round close "
                        + "wdbc-mlp 1`");
    }

    @Test
    void tooFewUsableUpdatesPointsAtTheExclusions() {
        assertRefusal(
                LedgerCli.refused("QUORUM_NOT_MET", "1 usable update, quorum 2"),
                ExitCodes.LEDGER_REFUSED,
                "error: QUORUM_NOT_MET: 1 usable update, quorum 2 — round 1 of task wdbc-mlp has too few usable "
                        + "updates");
    }

    @Test
    void anUnavailableBlobSaysToCheckTheKuboNode() {
        assertRefusal(
                LedgerCli.refused("BLOB_UNAVAILABLE", "cannot read bafkrei… (peer x, ClinicMSP)"),
                ExitCodes.LEDGER_REFUSED,
                "error: BLOB_UNAVAILABLE: cannot read bafkrei… (peer x, ClinicMSP) — an "
                        + "organisation's Kubo node could not serve a blob");
    }

    @Test
    void disagreeingOrganisationsAreExplained() {
        assertRefusal(
                new MedfedException(
                        MedfedException.GATEWAY_ERROR,
                        "the peer at 127.0.0.1:7051 could not "
                                + "endorse the transaction: ABORTED failed to collect enough transaction endorsements, see attached "
                                + "details for more info [ProposalResponsePayloads do not match]",
                        "tx9"),
                ExitCodes.LEDGER_REFUSED,
                "error: GATEWAY_ERROR: the peer at 127.0.0.1:7051 could not endorse the transaction");
        assertThat(cli.err())
                .contains("— the endorsing organisations computed different aggregates of round 1 of "
                        + "task wdbc-mlp, so nothing was committed")
                .contains("[tx tx9]");
    }

    @Test
    void otherFailuresPassThroughUnchanged() {
        assertRefusal(
                LedgerCli.refused("TASK_NOT_ACTIVE", "task wdbc-mlp is paused"),
                ExitCodes.LEDGER_REFUSED,
                "error: TASK_NOT_ACTIVE: task wdbc-mlp is paused [tx tx42]");
        assertThat(cli.err()).doesNotContain("—");
    }

    private void assertRefusal(MedfedException failure, int exitCode, String start) {
        cli.ledger.fail(TxNames.AGGREGATOR_AGGREGATE_ROUND, failure);

        assertThat(cli.admin("round", "aggregate", "wdbc-mlp", "1")).isEqualTo(exitCode);
        assertThat(cli.err().strip().lines()).singleElement().asString().startsWith(start);
        assertThat(cli.out()).isEmpty();
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
