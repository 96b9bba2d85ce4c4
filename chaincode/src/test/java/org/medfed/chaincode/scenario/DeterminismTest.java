package org.medfed.chaincode.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOLDERS;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medfed.chaincode.round.Recorder;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.model.Role;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

/**
 * What every endorser must agree on does not depend on the order in which inputs arrive: each logical transaction
 * keeps its own id and time (as a client sets them) while the order of independent transactions and of list
 * entries inside arguments is permuted; write sets and the resulting world state must be byte-identical.
 */
class DeterminismTest {
    private static final String INITIAL = Fixtures.sha("initial-" + TASK);

    /** Runs round 1 with the holders submitting in {@code order}; returns close and aggregation write sets. */
    private static Run roundOne(List<TestIdentity> order, List<TestIdentity> reportOrder) {
        LedgerHarness ledger = new LedgerHarness();
        Consortium.withTask(ledger);
        ledger.advance(Duration.ofSeconds(60));
        for (TestIdentity holder : order) {
            ledger.run(
                    "submit-" + holder.name(),
                    holder,
                    ctx -> ledger.rounds.submitUpdate(
                            ctx,
                            Fixtures.json(
                                    Fixtures.update(TASK, 1, Consortium.datasetOf(holder), INITIAL, holder.name()))));
        }
        ledger.advance(Duration.ofSeconds(60));
        ledger.run("close-1", GATEWAY, ctx -> ledger.rounds.closeRound(ctx, TASK, "1"));
        List<Write> close = ledger.lastWriteSet();
        List<Map<String, Object>> contributions = new ArrayList<>();
        for (TestIdentity holder : reportOrder) {
            contributions.add(Map.of("participantId", holder.participantId(), "qualityScore", new BigDecimal("0.8")));
        }
        Map<String, Object> report = Map.of(
                "taskId",
                TASK,
                "round",
                1L,
                "globalModel",
                Fixtures.ref("global-1"),
                "contributions",
                contributions,
                "excluded",
                List.of());
        ledger.run("aggregate-1", CLINIC, ctx -> Recorder.record(ctx, Fixtures.json(report)));
        return new Run(
                close,
                ledger.lastWriteSet(),
                ledger.worldState(),
                ledger.stub().lastEvent().orElseThrow());
    }

    private record Run(List<Write> close, List<Write> aggregate, List<Write> state, Object lastEvent) {}

    static List<List<TestIdentity>> orders() {
        return List.of(
                List.of(HOSPITAL, CLINIC, GATEWAY),
                List.of(GATEWAY, CLINIC, HOSPITAL),
                List.of(CLINIC, GATEWAY, HOSPITAL));
    }

    @ParameterizedTest
    @MethodSource("orders")
    void submissionsInAnyOrderCloseAndAggregateIdentically(List<TestIdentity> order) {
        Run reference = roundOne(HOLDERS, HOLDERS);
        List<TestIdentity> reportOrder = new ArrayList<>(order);
        Collections.reverse(reportOrder);

        Run permuted = roundOne(order, reportOrder);

        assertThat(permuted.close()).isNotEmpty().isEqualTo(reference.close());
        assertThat(permuted.aggregate()).isNotEmpty().isEqualTo(reference.aggregate());
        assertThat(permuted.state()).isEqualTo(reference.state());
        assertThat(permuted.lastEvent()).isEqualTo(reference.lastEvent());
    }

    @Test
    void aTaskSpecListingItsParticipantsInAnyOrderWritesTheSameBytes() {
        List<String> createWrites = new ArrayList<>();
        for (List<TestIdentity> order : orders()) {
            LedgerHarness ledger = Consortium.registered(new LedgerHarness());
            Map<String, Object> spec = Fixtures.taskSpec(
                    TASK,
                    order.stream().map(TestIdentity::participantId).toList(),
                    order.stream().map(Consortium::datasetOf).toList());
            ledger.run("create", ADMIN, ctx -> ledger.tasks.createTask(ctx, Fixtures.json(spec)));
            createWrites.add(ledger.lastWriteSet().toString());
        }

        assertThat(createWrites).hasSize(3).containsOnly(createWrites.get(0));
    }

    @Test
    void listingsDoNotDependOnTheOrderOfRegistration() {
        List<String> listings = new ArrayList<>();
        for (List<TestIdentity> order : orders()) {
            LedgerHarness ledger = new LedgerHarness();
            for (TestIdentity holder : order) {
                ledger.run(
                        "register-" + holder.name(),
                        ADMIN,
                        ctx -> ledger.participants.registerParticipant(
                                ctx, holder.mspId(), holder.subject(), Role.CLINIC.wire(), holder.name()));
            }
            listings.add(ledger.run(ADMIN, ctx -> ledger.participants.listParticipants(ctx, "10", "")));
            listings.add(ledger.run(ADMIN, ctx -> ledger.participants.listParticipants(ctx, "2", "")));
        }

        assertThat(listings.subList(0, 2)).doesNotHaveDuplicates();
        assertThat(List.of(listings.get(2), listings.get(4))).containsOnly(listings.get(0));
        assertThat(List.of(listings.get(3), listings.get(5))).containsOnly(listings.get(1));
    }

    @Test
    void theSameTransactionsOnTwoFreshLedgersProduceIdenticalWriteSetsAndEvents() {
        LedgerHarness first = Consortium.withTask(new LedgerHarness());
        LedgerHarness second = Consortium.withTask(new LedgerHarness());
        for (LedgerHarness ledger : List.of(first, second)) {
            for (TestIdentity holder : HOLDERS) {
                Consortium.submit(ledger, holder, 1, INITIAL);
            }
            Consortium.close(ledger, HOSPITAL, 1);
        }

        assertThat(first.writeSets()).isEqualTo(second.writeSets());
        assertThat(first.stub().events()).isEqualTo(second.stub().events());
    }
}
