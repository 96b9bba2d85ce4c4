package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.TimeUnit;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;

/**
 * What the Fabric fault cases ({@code PeerFaultIT}, {@code OrdererFaultIT}) and the multi-host rehearsal
 * ({@code MultiHostPartitionIT}) submit through a fault and check afterwards (issue 18), through each organisation's
 * own gateway, whose evaluations its own peer answers: no acknowledged update lost, nobody charged ε twice for a
 * round, every peer's answers about the round equal, {@code medfed verify} OK for an aggregated round. Block heights
 * and Raft leadership: {@link FabricMetrics}. E's {@code FaultInvariants} checks the same for the other faults; the
 * lead merges the two.
 */
final class FabricFaultChecks {
    private final RealNetwork net;
    private final FabricFaultTask task;
    /** Per participant, the rounds in which an update of it was acknowledged (its submit returned). */
    private final Map<String, Set<Long>> acknowledged = new ConcurrentHashMap<>();

    FabricFaultChecks(RealNetwork net, FabricFaultTask task) {
        this.net = net;
        this.task = task;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Submitting through a fault

    /**
     * Submits {@code update} as {@code org}'s User1 through its own gateway until it is acknowledged (the submit
     * returns: committed on that peer), retrying transport failures for {@code timeout} as a client node does. A
     * {@code DUPLICATE_SUBMISSION} after a failed attempt means that attempt was committed after all (its answer
     * was lost): acknowledged too, and {@link #assertChargedOnce} then proves it was charged once. Returns the
     * milliseconds until acknowledged.
     */
    long submitUntilAcknowledged(String org, UpdateSubmission update, Duration timeout) throws Exception {
        long millis = untilCommitted(
                org + "'s update of round " + update.round(),
                timeout,
                refusal -> ErrorCode.DUPLICATE_SUBMISSION.name().equals(refusal.code()),
                org,
                "round:submitUpdate",
                update.toJson());
        acknowledged
                .computeIfAbsent(task.participants.get(org), p -> new ConcurrentSkipListSet<>())
                .add(update.round());
        return millis;
    }

    /** Closes {@code round} as {@code org}'s User1 through a fault: {@link #untilCommitted}, done once not open. */
    long closeRound(String org, long round, Duration timeout) throws Exception {
        return untilCommitted(
                "the close of round " + round,
                timeout,
                refusal -> !"open".equals(status(org, round)),
                org,
                "round:closeRound",
                task.id,
                round);
    }

    /** Aggregates {@code round} with the endorsers discovery picks, through a fault; done once aggregated. */
    long aggregate(String org, long round, Duration timeout) throws Exception {
        return untilCommitted(
                "the aggregation of round " + round,
                timeout,
                refusal -> "aggregated".equals(status(org, round)),
                org,
                "aggregator:aggregateRound",
                task.id,
                round);
    }

    /** A refusal that means an earlier attempt, whose answer was lost, committed after all. */
    private interface Done {
        boolean committedBefore(MedfedException refusal) throws Exception;
    }

    /**
     * Submits {@code tx} as {@code org}'s User1 until it commits, retrying transport failures (an unreachable or
     * killed node, no Raft leader, a commit that never came) every 500 ms for {@code timeout}. A chaincode refusal
     * fails, except after a failed attempt when {@code done} says that attempt committed. Returns the milliseconds.
     */
    private long untilCommitted(String what, Duration timeout, Done done, String org, String tx, Object... args)
            throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int failures = 0;
        while (true) {
            try {
                net.submit(org, "user1", tx, args);
                break;
            } catch (MedfedException e) {
                if (failures > 0 && e.isFromChaincode() && done.committedBefore(e)) {
                    break;
                }
                if (e.isFromChaincode() || System.nanoTime() > deadline) {
                    throw e;
                }
                failures++;
                System.out.printf(
                        "[fault] %s: %s (%s), retrying%n",
                        what, e.code(), e.getMessage().lines().findFirst().orElse(""));
                Thread.sleep(500);
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("[fault] %s committed after %d ms (%d failed attempts)%n", what, millis, failures);
        return millis;
    }

    /**
     * {@code tx} evaluated as {@code org}'s User1 on its own peer, retrying transport failures as a client does: the
     * first call on a connection a partition broke fails once with "connection reset" (measured on the multi-host
     * rehearsal) before gRPC connects again.
     */
    private Map<String, Object> evaluate(String org, String tx, Object... args) throws Exception {
        return LedgerJson.json(LedgerRetry.withRetry(() -> net.evaluate(org, "user1", tx, args)));
    }

    /** The round's status as {@code org}'s peer has it. */
    String status(String org, long round) throws Exception {
        return (String)
                LedgerJson.obj(evaluate(org, "round:getRound", task.id, round).get("round"))
                        .get("status");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Invariants

    /**
     * Every peer, asked through its own organisation's gateway, gives the same answer about {@code round}: its state
     * and submitters, its updates, its aggregation when there is one; and holds every acknowledged update of it.
     * Returns the agreed state ({@code getRound}'s {@code round}).
     */
    Map<String, Object> assertRoundAgrees(long round) throws Exception {
        String id = task.id;
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, Object> state = null;
        for (String org : RealNetwork.ORGS) {
            Map<String, Object> view = evaluate(org, "round:getRound", id, round);
            state = LedgerJson.obj(view.get("round"));
            List<Map<String, Object>> updates = LedgerJson.maps(
                    evaluate(org, "round:listUpdates", id, round, 100, "").get("items"));
            List<Object> answer = new ArrayList<>(List.of(view, updates));
            if ("aggregated".equals(state.get("status"))) {
                answer.add(evaluate(org, "round:getAggregation", id, round));
            }
            answers.put(org, CanonicalJson.encode(answer));
            Set<String> submitted = new TreeSet<>();
            updates.forEach(u -> submitted.add((String) u.get("participantId")));
            acknowledged.forEach((participant, rounds) -> {
                if (rounds.contains(round)) {
                    assertThat(submitted)
                            .as("%s's peer holds the acknowledged update of %s in round %d", org, participant, round)
                            .contains(participant);
                }
            });
        }
        assertThat(Set.copyOf(answers.values()))
                .as("every peer's answer about round %d of %s: %s", round, id, answers)
                .hasSize(1);
        return state;
    }

    /**
     * No participant was charged ε twice: on every peer, each participant's privacy budget in the task holds exactly
     * one charge per round (1..{@code lastRound}) in which its update is on the ledger, and none for another round.
     */
    void assertChargedOnce(long lastRound) throws Exception {
        String id = task.id;
        for (String org : RealNetwork.ORGS) {
            for (String participant : task.participants.values()) {
                List<Long> rounds = new ArrayList<>();
                for (Map<String, Object> charge : LedgerJson.maps(
                        evaluate(org, "round:getPrivacyBudget", id, participant).get("charges"))) {
                    rounds.add(((Number) charge.get("round")).longValue());
                }
                List<Long> onLedger = new ArrayList<>();
                for (long round = 1; round <= lastRound; round++) {
                    boolean submitted = LedgerJson.list(
                                    evaluate(org, "round:getRound", id, round).get("submitted"))
                            .contains(participant);
                    if (submitted) {
                        onLedger.add(round);
                    }
                }
                assertThat(rounds)
                        .as("%s's peer: ε charges of %s in %s, one per round with an update", org, participant, id)
                        .containsExactlyElementsOf(onLedger);
            }
        }
    }

    /** {@code medfed verify round} recomputes {@code round} as every organisation's User1, from its own Kubo node. */
    void assertVerified(long round) {
        for (String org : RealNetwork.ORGS) {
            MedfedCli.Run run = net.cli(
                    "verify", "round", task.id, Long.toString(round), "--profile", org.toLowerCase() + "-user1");
            assertThat(run.exit())
                    .as("verify round %d as %s: %s%s", round, org, run.out(), run.err())
                    .isZero();
            assertThat(run.out()).startsWith("OK");
        }
    }
}
