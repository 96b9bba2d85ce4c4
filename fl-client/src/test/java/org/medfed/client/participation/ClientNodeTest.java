package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.protocol.EventNames;

@Timeout(20)
class ClientNodeTest {
    @TempDir
    Path work;

    private final Fakes.Blobs blobs = new Fakes.Blobs();
    private final Fakes.Training training = new Fakes.Training();
    private final List<Duration> slept = Collections.synchronizedList(new ArrayList<>());
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final ScriptedEvents events = new ScriptedEvents();
    private Fakes.Ledger ledger;
    private String taskId;
    private ClientNode node;

    /** Hands out the scripted events (or failures); once all are checkpointed it stops the node. */
    private final class ScriptedEvents implements LedgerEvents {
        final BlockingDeque<Object> script = new LinkedBlockingDeque<>();
        final List<Event> checkpointed = Collections.synchronizedList(new ArrayList<>());
        volatile int delivered;
        int subscriptions;

        @Override
        public Subscription subscribe() {
            subscriptions++;
            return new Subscription() {
                @Override
                public Event next() throws MedfedException, InterruptedException {
                    Object next = script.poll();
                    if (next == null) {
                        while (checkpointed.size() < delivered) {
                            Thread.sleep(5);
                        }
                        node.stop();
                        Thread.sleep(Long.MAX_VALUE);
                    }
                    if (next instanceof MedfedException e) {
                        throw e;
                    }
                    delivered++;
                    return (Event) next;
                }

                @Override
                public void checkpoint(Event event) {
                    checkpointed.add(event);
                }

                @Override
                public void close() {}
            };
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        ledger = new Fakes.Ledger(Fakes.task(blobs), blobs);
        taskId = ledger.task.spec().id();
        RoundParticipant participant =
                new RoundParticipant(ledger, blobs, training, ParticipationJournal.open(work), ledger.clock);
        node = new ClientNode(
                List.of(taskId),
                participant,
                new RoundDriver(ledger, ledger.clock, (level, message) -> log.add(message)),
                events,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 4),
                slept::add,
                Duration.ofSeconds(30),
                (level, message) -> log.add(message));
    }

    private static LedgerEvents.Event event(String name, String task, long block) {
        return new LedgerEvents.Event(name, Optional.ofNullable(task), block, "tx" + block);
    }

    @Test
    void catchesUpAtStartThenHandlesAndCheckpointsEachEventInOrder() throws InterruptedException {
        events.script.add(event(EventNames.UPDATE_SUBMITTED, taskId, 5));
        events.script.add(event(EventNames.ROUND_AGGREGATED, "someone-elses-task", 6));
        events.script.add(event(EventNames.TASK_RESUMED, taskId, 7));

        node.run();

        assertThat(ledger.accepted).hasSize(1);
        assertThat(training.calls).isOne();
        assertThat(events.checkpointed)
                .extracting(LedgerEvents.Event::blockNumber)
                .containsExactly(5L, 6L, 7L);
        assertThat(log).anySatisfy(line -> assertThat(line).contains("SUBMITTED"));
    }

    @Test
    void closesAndAggregatesOnceEveryEligibleParticipantHasSubmittedThenTrainsTheNextRound()
            throws InterruptedException {
        node.catchUp();
        ledger.otherSubmitted.add(1L);
        events.script.add(event(EventNames.UPDATE_SUBMITTED, taskId, 8));
        events.script.add(event(EventNames.ROUND_AGGREGATED, taskId, 9));

        node.run();

        assertThat(ledger.closes).isOne();
        assertThat(ledger.aggregations).isOne();
        assertThat(ledger.task.currentRound()).isEqualTo(2);
        assertThat(ledger.accepted).extracting(s -> s.round()).containsExactly(1L, 2L);
        assertThat(ledger.accepted.get(1).baseModelSha256())
                .isEqualTo(ledger.accepted.get(0).sha256());
    }

    @Test
    void aRoundPastItsDeadlineIsClosedWithQuorumByTheTick() throws InterruptedException {
        node.catchUp();
        ledger.clock.now = ledger.round.deadline();

        node.catchUp();

        assertThat(ledger.closes).isOne();
        assertThat(ledger.aggregations).isOne();
        assertThat(ledger.task.currentRound()).isEqualTo(2);
    }

    @Test
    void aCloseRefusedBecauseAnotherNodeWasFirstIsLoggedAndIgnored() throws InterruptedException {
        node.catchUp();
        ledger.otherSubmitted.add(1L);
        ledger.closeFailures.add(MedfedException.fromChaincode("ROUND_NOT_OPEN", "round 1 is closed", "tx9", null));

        assertThat(node.drive(taskId)).isEqualTo(RoundDriver.Action.REFUSED);

        assertThat(log).last().asString().contains("close refused").contains("ROUND_NOT_OPEN");
        assertThat(slept).isEmpty();
    }

    @Test
    void retriesATransientFailureWithGrowingDelays() throws InterruptedException {
        blobs.failuresLeft = 3;

        RoundParticipant.Result result = node.step(taskId);

        assertThat(result.outcome()).isEqualTo(RoundParticipant.Outcome.SUBMITTED);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void givesUpForNowWhenRetriesRunOutAndSaysSo() throws InterruptedException {
        blobs.failuresLeft = 10;

        assertThat(node.step(taskId)).isNull();

        assertThat(slept).hasSize(3);
        assertThat(log).last().asString().contains("giving up for now after 4 attempt(s)");
    }

    @Test
    void reconnectsAfterTheEventStreamFailsAndCatchesUpAgain() throws InterruptedException {
        events.script.add(new MedfedException(MedfedException.UNAVAILABLE, "stream broke", null));

        node.run();

        assertThat(events.subscriptions).isEqualTo(2);
        assertThat(slept).containsExactly(Duration.ofSeconds(1));
        assertThat(ledger.accepted)
                .as("caught up once at start; the second catch-up finds it submitted")
                .hasSize(1);
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), 5);

        assertThat(List.of(backoff.delay(1), backoff.delay(2), backoff.delay(3), backoff.delay(4)))
                .containsExactly(
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
    }
}
