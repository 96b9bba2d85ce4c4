package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.protocol.TxNames;

class RoundWatchCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;
    private Task task;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        task = Samples.task();
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(task));
    }

    @Test
    void printsOneLinePerEventOfTheTaskUntilItIsCancelled() {
        StreamingLedger stream = cli.streams(List.of(
                event(
                        EventNames.UPDATE_SUBMITTED,
                        RoundEventLinesTest.update(task, RoundEventLinesTest.P1).toJson(),
                        5),
                event(EventNames.PINGED, Map.of("count", 1L), 6),
                event(
                        EventNames.TASK_CANCELLED,
                        Map.of(
                                "task",
                                task.cancel("stop", Samples.T0).toJson(),
                                "round",
                                Samples.openRound(task).toJson()),
                        7),
                event(
                        EventNames.UPDATE_SUBMITTED,
                        RoundEventLinesTest.update(task, RoundEventLinesTest.P2).toJson(),
                        8)));

        int exit = cli.as("hospital-user1", "round", "watch", "wdbc-mlp");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(stream.starts).containsExactly(OptionalLong.empty());
        assertThat(cli.out().lines().toList())
                .containsExactly(
                        "watching task wdbc-mlp (active, round 1) from the next block; Ctrl-C to stop",
                        "round 1: update submitted by " + RoundEventLinesTest.P1
                                + " (569 examples, epsilon 1.5 spent)  " + "[block 5, tx tx-5]",
                        "task wdbc-mlp cancelled (stop)  [block 7, tx tx-7]");
        assertThat(stream.streamClosed).isTrue();
    }

    @Test
    void replaysFromAGivenBlockAndPrintsEventsAsJson() {
        StreamingLedger stream = cli.streams(List.of(event(
                EventNames.TASK_CANCELLED,
                Map.of(
                        "task",
                        task.cancel("stop", Samples.T0).toJson(),
                        "round",
                        Samples.openRound(task).toJson()),
                3)));

        assertThat(cli.admin("round", "watch", "wdbc-mlp", "--from-block", "0", "--json"))
                .isEqualTo(ExitCodes.OK);

        assertThat(stream.starts).containsExactly(OptionalLong.of(0));
        Map<?, ?> line = (Map<?, ?>) CanonicalJson.parse(cli.out().strip());
        assertThat(line.get("event")).isEqualTo("TaskCancelled");
        assertThat(line.get("block")).isEqualTo(3L);
        assertThat(line.get("txId")).isEqualTo("tx-3");
    }

    @Test
    void aTaskThatHasEndedIsNotWatchedWithoutReplay() throws Exception {
        cli = new LedgerCli(root.resolve("ended"));
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(task.cancel("stop", Samples.T0)));
        StreamingLedger stream = cli.streams(List.of());

        assertThat(cli.admin("round", "watch", "wdbc-mlp")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).startsWith("task wdbc-mlp is already cancelled");
        assertThat(stream.starts).isEmpty();
    }

    @Test
    void aBrokenStreamIsOneLineAndNetworkUnavailable() {
        StreamingLedger stream = cli.streams(List.of());
        stream.failure = Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();

        assertThat(cli.admin("round", "watch", "wdbc-mlp")).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(cli.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: UNAVAILABLE: peer unreachable at 127.0.0.1:7051");
    }

    @Test
    void aStreamThatEndsSaysHowToCatchUp() {
        cli.streams(List.of(event(
                EventNames.UPDATE_SUBMITTED,
                RoundEventLinesTest.update(task, RoundEventLinesTest.P1).toJson(),
                5)));

        assertThat(cli.admin("round", "watch", "wdbc-mlp")).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(cli.out().lines()).hasSize(2);
        assertThat(cli.err().strip())
                .isEqualTo("error: UNAVAILABLE: the peer ended the event stream; run the command "
                        + "again (with --from-block to replay what was missed)");
    }

    @Test
    void anUnknownTaskIsRefusedBeforeListening() throws Exception {
        cli = new LedgerCli(root.resolve("unknown"));
        cli.ledger.fail(TxNames.TASK_GET, LedgerCli.refused("NOT_FOUND", "no task nope"));
        StreamingLedger stream = cli.streams(List.of());

        assertThat(cli.admin("round", "watch", "nope")).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(stream.starts).isEmpty();
    }

    @Test
    void aNegativeStartBlockIsAUsageError() {
        assertThat(cli.admin("round", "watch", "wdbc-mlp", "--from-block", "-1"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.ledger.calls).isEmpty();
    }

    private static StreamingLedger.Event event(String name, Map<String, Object> payload, long block) {
        return new StreamingLedger.Event(name, CanonicalJson.encodeUtf8(payload), block, "tx-" + block);
    }
}
