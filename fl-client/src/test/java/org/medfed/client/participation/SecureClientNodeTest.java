package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medfed.common.protocol.EventNames;

/**
 * A node's loop in a secure round: the ledger's secure events make it step (a phase may have ended early, the round
 * may await its reveal), and it knows when its attempt next changes phase by the clock alone.
 */
class SecureClientNodeTest extends SecureRoundFixture {

    private SecureRoundParticipant secure(String node) throws Exception {
        return new SecureRoundParticipant(
                ledger.as(node),
                blobs,
                inputs.get(node),
                SecureJournal.open(dir(node)),
                ParticipationJournal.open(dir(node)),
                ledger.clock,
                SETTLE,
                new SecureRandom());
    }

    private ClientNode clientNode(String node) throws Exception {
        ParticipationJournal journal = ParticipationJournal.open(dir(node));
        RoundParticipant participant =
                new RoundParticipant(ledger.as(node), blobs, inputs.get(node), journal, ledger.clock, secure(node));
        return new ClientNode(
                List.of(taskId),
                participant,
                new RoundDriver(ledger.as(node), ledger.clock, (level, message) -> {}),
                () -> {
                    throw new AssertionError("handle() only");
                },
                Backoff.DEFAULT,
                duration -> {},
                Duration.ofMinutes(1),
                (level, message) -> {});
    }

    private LedgerEvents.Event event(String name) {
        return new LedgerEvents.Event(name, Optional.of(taskId), 7, "tx");
    }

    @Test
    void theLastKeysPostedMakeEveryNodeShareBeforeTheKeysPhaseEnds() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        stepAll();

        clientNode(nodes.get(0)).handle(event(EventNames.SECURE_KEYS_POSTED));

        assertThat(ledger.shares).containsOnlyKeys(nodes.get(0));
    }

    @Test
    void aClosedRoundAwaitingRevealsMakesTheNodeReveal() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        stepAll();
        stepAll();
        stepAll();
        drive();

        clientNode(nodes.get(1)).handle(event(EventNames.ROUND_CLOSED));

        assertThat(ledger.reveals).containsOnlyKeys(nodes.get(1));
    }

    @Test
    void theLastRevealMakesTheNodeAggregate() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        for (int i = 0; i < 3; i++) {
            stepAll();
            drive();
        }
        stepAll();
        assertThat(ledger.reveals).hasSize(3);
        assertThat(ledger.unmaskedSum).isNull();

        clientNode(nodes.get(2)).handle(event(EventNames.SECURE_SHARES_REVEALED));

        assertThat(ledger.unmaskedSum).containsExactly(plainSum(nodes));
    }

    @Test
    void afterPostingKeysTheNodeWakesWhenTheKeysPhaseHasSettled() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        SecureRoundParticipant participant = secure(nodes.get(0));
        participant.participate(ledger.task);

        // keysEnd = T0 + 60 s, settled 5 s later; now T0 + 1 s
        assertThat(participant.untilWakeUp()).contains(Duration.ofSeconds(64));
    }
}
