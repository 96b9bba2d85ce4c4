package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.protocol.EventNames;

class ClientNodeTest {
    @TempDir
    Path work;

    private final Fakes.Blobs blobs = new Fakes.Blobs();
    private final Fakes.Training training = new Fakes.Training();
    private final List<Duration> slept = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final ScriptedEvents events = new ScriptedEvents();
    private Fakes.Ledger ledger;
    private String taskId;

    /** Hands out the scripted events, then stops the node by interrupting. */
    private static final class ScriptedEvents implements LedgerEvents {
        final Deque<Object> script = new ArrayDeque<>();
        final List<Event> checkpointed = new ArrayList<>();
        int subscriptions;

        @Override
        public Subscription subscribe() throws MedfedException {
            subscriptions++;
            return new Subscription() {
                @Override
                public Event next() throws MedfedException, InterruptedException {
                    Object next = script.poll();
                    if (next == null) {
                        throw new InterruptedException("end of script");
                    }
                    if (next instanceof MedfedException e) {
                        throw e;
                    }
                    return (Event) next;
                }

                @Override
                public void checkpoint(Event event) {
                    checkpointed.add(event);
                }

                @Override
                public void close() {
                }
            };
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        ledger = new Fakes.Ledger(Fakes.task(blobs));
        taskId = ledger.task.spec().id();
    }

    private ClientNode node() throws IOException {
        RoundParticipant participant = new RoundParticipant(ledger, blobs, training, ParticipationJournal.open(work),
                Fakes.CLOCK);
        return new ClientNode(List.of(taskId), participant, events,
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 4), slept::add, log::add);
    }

    private static LedgerEvents.Event event(String name, String task, long block) {
        return new LedgerEvents.Event(name, Optional.ofNullable(task), block, "tx" + block);
    }

    @Test
    void catchesUpAtStartThenHandlesAndCheckpointsEachEvent() throws IOException {
        events.script.add(event(EventNames.UPDATE_SUBMITTED, taskId, 5));
        events.script.add(event(EventNames.ROUND_AGGREGATED, "someone-elses-task", 6));
        events.script.add(event(EventNames.ROUND_AGGREGATED, taskId, 7));

        assertThatThrownBy(node()::run).isInstanceOf(InterruptedException.class);

        assertThat(ledger.accepted).hasSize(1);
        assertThat(training.calls).isOne();
        assertThat(events.checkpointed).extracting(LedgerEvents.Event::blockNumber).containsExactly(5L, 6L, 7L);
        assertThat(log).anySatisfy(line -> assertThat(line).contains("SUBMITTED"));
    }

    @Test
    void retriesATransientFailureWithGrowingDelays() throws IOException, InterruptedException {
        blobs.failuresLeft = 3;

        RoundParticipant.Result result = node().step(taskId);

        assertThat(result.outcome()).isEqualTo(RoundParticipant.Outcome.SUBMITTED);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void givesUpForNowWhenRetriesRunOutAndSaysSo() throws IOException, InterruptedException {
        blobs.failuresLeft = 10;

        assertThat(node().step(taskId)).isNull();

        assertThat(slept).hasSize(3);
        assertThat(log).last().asString().contains("giving up for now after 4 attempt(s)");
    }

    @Test
    void reconnectsAfterTheEventStreamFailsAndCatchesUpAgain() throws IOException {
        events.script.add(new MedfedException(MedfedException.UNAVAILABLE, "stream broke", null));

        assertThatThrownBy(node()::run).isInstanceOf(InterruptedException.class);

        assertThat(events.subscriptions).isEqualTo(2);
        assertThat(slept).containsExactly(Duration.ofSeconds(1));
        assertThat(ledger.accepted).as("caught up once at start; the second catch-up finds it submitted").hasSize(1);
    }

    @Test
    void backoffDoublesUpToItsCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3), 5);

        assertThat(List.of(backoff.delay(1), backoff.delay(2), backoff.delay(3), backoff.delay(4)))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(3));
    }
}
