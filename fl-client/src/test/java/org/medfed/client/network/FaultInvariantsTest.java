package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.client.network.FaultInvariants.Acknowledged;
import org.medfed.client.network.FaultInvariants.RoundFacts;
import org.medfed.common.aggregation.round.AcceptedUpdate;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.budget.PrivacyAccounting;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.round.RoundClosing;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.Standing;

/**
 * The fault ITs' checks on hand-built ledger records (no network): a round that went by the rules passes, and each
 * kind of damage a fault could do is named: a lost acknowledged update, an update left out of the aggregation, a
 * round charged twice, an ε that is not the accountant's.
 */
class FaultInvariantsTest {
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final List<String> PARTICIPANTS =
            List.of(id("a"), id("b"), id("c")).stream().sorted().toList();
    private static final ContentRef INITIAL = blob("initial");
    private static final ContentRef MODEL = blob("model");
    private static final TaskSpec SPEC = RealNetwork.smallTask(
            "t",
            "faults",
            INITIAL,
            1,
            600,
            new StrategySpec("fedavg", new TreeMap<>()),
            PARTICIPANTS,
            List.of("d-a", "d-b", "d-c"));
    private static final DpPolicy POLICY = SPEC.dpPolicy().orElseThrow();

    private final FaultInvariants invariants = new FaultInvariants(null, "unused");
    private final Task task = Task.create(SPEC, T0, id("admin"));
    private final List<UpdateRecord> updates = new ArrayList<>();
    private final Map<String, PrivacyBudget> budgets = new TreeMap<>();

    FaultInvariantsTest() {
        for (String p : PARTICIPANTS) {
            PrivacyBudget budget = charge(PrivacyBudget.unspent("t", p, POLICY), 1);
            budgets.put(p, budget);
            ContentRef blob = blob("update " + p);
            updates.add(new UpdateRecord(
                    new UpdateSubmission(
                            "t",
                            1,
                            "d-" + p.substring(0, 8),
                            blob.cid(),
                            blob.sha256(),
                            23,
                            100,
                            INITIAL.sha256(),
                            UpdateKind.FULL,
                            new TreeMap<>(),
                            RealNetwork.DP_USED),
                    p,
                    T0.plusSeconds(1),
                    "tx-" + p,
                    budget.epsilon(),
                    budget.epsilonOrder(),
                    new BigDecimal("0.5")));
            invariants.acknowledge(new Acknowledged("t", 1, p, blob, "tx-" + p));
        }
    }

    @Test
    void aRoundAggregatedFromEveryAcknowledgedUpdateChargedOncePasses() {
        List<RoundFacts> rounds = List.of(aggregated(updates));

        assertThatCode(() -> {
                    FaultInvariants.roundsWentByTheRules(task.advance(MODEL, T0.plusSeconds(20)), rounds);
                    invariants.noAcknowledgedUpdateLost("t", rounds);
                    FaultInvariants.nobodyChargedTwice(task, rounds, budgets);
                })
                .doesNotThrowAnyException();
    }

    @Test
    void anAcknowledgedUpdateMissingFromItsRoundIsLost() {
        List<RoundFacts> rounds = List.of(open(updates.subList(1, 3)));

        assertThatThrownBy(() -> invariants.noAcknowledgedUpdateLost("t", rounds))
                .hasMessageContaining("in the round's updates");
    }

    @Test
    void anAcknowledgedUpdateReplacedByAnotherBlobIsLost() {
        invariants.acknowledge(new Acknowledged("t", 1, PARTICIPANTS.get(0), blob("another"), null));

        assertThatThrownBy(() -> invariants.noAcknowledgedUpdateLost("t", List.of(open(updates))))
                .hasMessageContaining("its blob");
    }

    @Test
    void anAcceptedUpdateLeftOutOfTheAggregationIsNamed() {
        RoundFacts full = aggregated(updates);
        AggregationRequest report = full.aggregation().report();
        AggregationRecord twoOfThree = new AggregationRecord(
                new AggregationRequest("t", 1, MODEL, report.contributions().subList(0, 2), List.of()),
                INITIAL,
                id("admin"),
                T0.plusSeconds(20),
                "tx-aggregate");
        List<RoundFacts> rounds = List.of(new RoundFacts(full.state(), full.updates(), twoOfThree, full.input()));

        assertThatThrownBy(() -> FaultInvariants.roundsWentByTheRules(task.advance(MODEL, T0.plusSeconds(20)), rounds))
                .hasMessageContaining("accounts for exactly the accepted updates");
    }

    @Test
    void aRoundChargedTwiceIsNamed() {
        String p = PARTICIPANTS.get(0);
        budgets.put(p, charge(budgets.get(p), 1));

        assertThatThrownBy(() -> FaultInvariants.nobodyChargedTwice(task, List.of(open(updates)), budgets))
                .hasMessageContaining("one charge per round with an update");
    }

    @Test
    void anEpsilonThatIsNotTheAccountantsIsNamed() {
        String p = PARTICIPANTS.get(1);
        PrivacyBudget b = budgets.get(p);
        budgets.put(
                p,
                new PrivacyBudget(
                        "t",
                        p,
                        b.delta(),
                        b.conversion(),
                        b.maxEpsilon(),
                        b.epsilon().add(new BigDecimal("0.001")),
                        b.epsilonOrder(),
                        b.charges(),
                        b.updatedAt()));

        assertThatThrownBy(() -> FaultInvariants.nobodyChargedTwice(task, List.of(open(updates)), budgets))
                .hasMessageContaining("ε of exactly its accepted updates");
    }

    // ------------------------------------------------------------------------------------------------------------

    private RoundFacts open(List<UpdateRecord> submitted) {
        return new RoundFacts(RoundState.open("t", 1, INITIAL, T0, 600), submitted, null, null);
    }

    private RoundFacts aggregated(List<UpdateRecord> submitted) {
        Map<String, Standing> standings = new TreeMap<>();
        PARTICIPANTS.forEach(p -> standings.put(p, Standing.GOOD));
        RoundState closed = RoundClosing.close(
                        task,
                        RoundState.open("t", 1, INITIAL, T0, 600),
                        T0.plusSeconds(10),
                        submitted.stream().map(UpdateRecord::participantId).toList(),
                        standings)
                .round();
        RoundInput input = new RoundInput(
                SPEC,
                1,
                INITIAL,
                submitted.stream()
                        .map(u -> new AcceptedUpdate(
                                u.participantId(),
                                new ContentRef(
                                        u.submission().cid(), u.submission().sha256()),
                                23,
                                100,
                                UpdateKind.FULL,
                                new BigDecimal("0.5")))
                        .toList());
        AggregationRecord record = new AggregationRecord(
                new AggregationRequest(
                        "t",
                        1,
                        MODEL,
                        submitted.stream()
                                .map(u -> new Contribution(u.participantId(), new BigDecimal("0.9")))
                                .toList(),
                        List.of()),
                INITIAL,
                id("admin"),
                T0.plusSeconds(20),
                "tx-aggregate");
        return new RoundFacts(closed.aggregated(T0.plusSeconds(20), MODEL), submitted, record, input);
    }

    private static PrivacyBudget charge(PrivacyBudget spent, long round) {
        return new PrivacyAccounting(new RdpEpsilonAccountant())
                .charge(spent, POLICY, round, RealNetwork.DP_USED, T0.plusSeconds(1));
    }

    private static ContentRef blob(String content) {
        String sha = Hashing.sha256Hex(content.getBytes(UTF_8));
        return new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha), sha);
    }

    private static String id(String name) {
        return Hashing.sha256Hex(name.getBytes(UTF_8));
    }
}
