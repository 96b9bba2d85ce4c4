package org.medfed.chaincode.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.dp.DpParams;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.dp.RdpAccountant;
import org.medfed.common.model.Role;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

class SubmitUpdateTest {
    private static final String INITIAL = Fixtures.sha("initial-" + TASK);
    private final LedgerHarness ledger = new LedgerHarness();

    @BeforeEach
    void createTask() {
        Consortium.withTask(ledger);
        ledger.advance(Duration.ofSeconds(30));
    }

    private Map<String, Object> update(TestIdentity holder, Consumer<Map<String, Object>> change) {
        Map<String, Object> update =
                new TreeMap<>(Fixtures.update(TASK, 1, Consortium.datasetOf(holder), INITIAL, holder.name()));
        change.accept(update);
        return update;
    }

    private void refused(ErrorCode code, TestIdentity holder, Map<String, Object> update) {
        ledger.refused(code, holder, ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(update)));
    }

    @Test
    void recordsTheUpdateWithItsParticipantTimeEpsilonAndReputation() {
        UpdateRecord record = UpdateRecord.fromJson(Consortium.submit(ledger, HOSPITAL, 1, INITIAL));

        assertThat(record.participantId()).isEqualTo(HOSPITAL.participantId());
        assertThat(record.submittedAt()).isEqualTo(ledger.now());
        assertThat(record.reputation()).isEqualByComparingTo("0.5");
        double expected = new RdpAccountant()
                .epsilon(List.of(new DpParams(0.01, 1.0, 100)), 1e-5, EpsilonConversion.IMPROVED)
                .epsilon();
        assertThat(record.epsilon()).isEqualTo(CanonicalJson.decimal(expected));
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.UPDATE_SUBMITTED);
    }

    @Test
    void writesOnlyTheParticipantsOwnUpdateAndBudget() {
        Consortium.submit(ledger, HOSPITAL, 1, INITIAL);

        assertThat(ledger.lastWriteSet())
                .extracting(Write::key)
                .containsExactly(
                        "\u0000budget\u0000sepsis\u0000" + HOSPITAL.participantId() + "\u0000",
                        "\u0000update\u0000sepsis\u00000000000001\u0000" + HOSPITAL.participantId() + "\u0000");
    }

    @Test
    void accumulatesEpsilonPerParticipantAndTask() {
        Consortium.submit(ledger, HOSPITAL, 1, INITIAL);
        PrivacyBudget budget = PrivacyBudget.fromJson(
                ledger.json(HOSPITAL, ctx -> ledger.rounds.getPrivacyBudget(ctx, TASK, HOSPITAL.participantId())));
        PrivacyBudget untouched = PrivacyBudget.fromJson(
                ledger.json(HOSPITAL, ctx -> ledger.rounds.getPrivacyBudget(ctx, TASK, CLINIC.participantId())));

        assertThat(budget.charges()).hasSize(1);
        assertThat(budget.epsilon()).isPositive();
        assertThat(untouched.charges()).isEmpty();
        assertThat(untouched.epsilon()).isZero();
    }

    @Test
    void refusesAnUpdateThatWouldExceedThePrivacyBudget() {
        refused(
                ErrorCode.PRIVACY_BUDGET_EXCEEDED,
                HOSPITAL,
                update(HOSPITAL, u -> u.put("dp", Fixtures.dp(new BigDecimal("0.5"), BigDecimal.ONE, 10_000))));
    }

    @Test
    void aDpTaskStillRefusesAnUnnoisedUpdateAndWritesNothing() {
        // Below the policy's minimum σ = 1 first; with a minimum of 0 the accountant's ε = ∞ refuses it.
        // LedgerHarness.refused checks that nothing was written nor emitted.
        Map<String, Object> unnoised = Fixtures.dp(new BigDecimal("0.01"), BigDecimal.ZERO, 100);
        refused(ErrorCode.DP_POLICY_VIOLATION, HOSPITAL, update(HOSPITAL, u -> u.put("dp", unnoised)));
        Consortium.createTask(
                ledger,
                "no-floor",
                spec -> spec.put(
                        "dp",
                        new TreeMap<>(Map.of(
                                "clipNorm",
                                BigDecimal.ONE,
                                "noiseMultiplier",
                                BigDecimal.ZERO,
                                "delta",
                                new BigDecimal("0.00001"),
                                "maxEpsilon",
                                BigDecimal.TEN,
                                "conversion",
                                "improved"))));
        Map<String, Object> update = new TreeMap<>(Fixtures.update(
                "no-floor", 1, Consortium.datasetOf(HOSPITAL), Fixtures.sha("initial-no-floor"), "unnoised"));
        update.put("dp", unnoised);

        refused(ErrorCode.PRIVACY_BUDGET_EXCEEDED, HOSPITAL, update);
    }

    @Test
    void aTaskWithoutDpAcceptsAnUnnoisedUpdateAndChargesNoBudget() {
        Consortium.createTaskWithoutDp(ledger);
        Map<String, Object> update = new TreeMap<>(Fixtures.update(
                Consortium.TASK_WITHOUT_DP,
                1,
                Consortium.datasetOf(HOSPITAL),
                Fixtures.sha("initial-" + Consortium.TASK_WITHOUT_DP),
                "open"));
        update.put("dp", Fixtures.dp(new BigDecimal("0.01"), BigDecimal.ZERO, 100));

        Map<String, Object> json = ledger.json(HOSPITAL, ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(update)));

        assertThat(json).doesNotContainKeys("epsilon", "epsilonOrder");
        assertThat(UpdateRecord.fromJson(json).epsilonSpent()).isEmpty();
        assertThat(ledger.lastWriteSet())
                .extracting(Write::key)
                .containsExactly(
                        "\u0000update\u0000open-data" + "\u00000000000001\u0000" + HOSPITAL.participantId() + "\u0000");
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.UPDATE_SUBMITTED);
    }

    @Test
    void aTaskWithoutDpRefusesAnUpdateThatClaimsNoise() {
        Consortium.createTaskWithoutDp(ledger);

        refused(
                ErrorCode.DP_POLICY_VIOLATION,
                HOSPITAL,
                new TreeMap<>(Fixtures.update(
                        Consortium.TASK_WITHOUT_DP,
                        1,
                        Consortium.datasetOf(HOSPITAL),
                        Fixtures.sha("initial-" + Consortium.TASK_WITHOUT_DP),
                        "noisy")));
    }

    @Test
    void refusesASecondUpdateInTheSameRound() {
        Consortium.submit(ledger, HOSPITAL, 1, INITIAL);

        refused(ErrorCode.DUPLICATE_SUBMISSION, HOSPITAL, update(HOSPITAL, u -> u.put("cid", Fixtures.cid("again"))));
    }

    @Test
    void refusesAnUpdateForAnotherRoundOrFromAnotherBaseModel() {
        refused(ErrorCode.ROUND_NOT_OPEN, HOSPITAL, update(HOSPITAL, u -> u.put("round", 2L)));
        refused(
                ErrorCode.BASE_MODEL_MISMATCH,
                HOSPITAL,
                update(HOSPITAL, u -> u.put("baseModelSha256", Fixtures.sha("stale"))));
        refused(ErrorCode.SHAPE_MISMATCH, HOSPITAL, update(HOSPITAL, u -> u.put("parameterCount", 24L)));
    }

    @Test
    void refusesUpdatesAfterTheDeadline() {
        ledger.advance(Duration.ofSeconds(570));

        refused(ErrorCode.DEADLINE_PASSED, HOSPITAL, update(HOSPITAL, u -> {}));
    }

    @Test
    void refusesDatasetsOfOthersOrNotAdmitted() {
        refused(
                ErrorCode.DATASET_NOT_ADMITTED,
                HOSPITAL,
                update(HOSPITAL, u -> u.put("datasetId", Consortium.datasetOf(CLINIC))));
        ledger.run(HOSPITAL, ctx -> ledger.datasets.registerDataset(ctx, Fixtures.json(Fixtures.dataset("extra"))));
        refused(ErrorCode.DATASET_NOT_ADMITTED, HOSPITAL, update(HOSPITAL, u -> u.put("datasetId", "extra")));
    }

    @Test
    void refusesLessNoiseThanThePolicy() {
        refused(
                ErrorCode.DP_POLICY_VIOLATION,
                HOSPITAL,
                update(HOSPITAL, u -> u.put("dp", Fixtures.dp(new BigDecimal("0.01"), new BigDecimal("0.5"), 100))));
    }

    @Test
    void refusesCallersWhoAreNotEligibleActiveDataHolders() {
        Consortium.register(ledger, TestIdentity.ORG3_CLIENT, Role.CLINIC);
        ledger.run(
                TestIdentity.ORG3_CLIENT,
                ctx -> ledger.datasets.registerDataset(ctx, Fixtures.json(Fixtures.dataset("ds-org3-client"))));
        refused(ErrorCode.NOT_ELIGIBLE, TestIdentity.ORG3_CLIENT, update(TestIdentity.ORG3_CLIENT, u -> {}));
        refused(ErrorCode.NOT_REGISTERED, ADMIN, update(HOSPITAL, u -> {}));
        Consortium.register(ledger, TestIdentity.ORG2_RESEARCHER, Role.RESEARCHER);
        refused(ErrorCode.UNAUTHORIZED, TestIdentity.ORG2_RESEARCHER, update(HOSPITAL, u -> {}));
        ledger.run(ADMIN, ctx -> ledger.participants.suspendParticipant(ctx, HOSPITAL.participantId(), "audit"));
        refused(ErrorCode.PARTICIPANT_SUSPENDED, HOSPITAL, update(HOSPITAL, u -> {}));
    }

    @Test
    void refusesUpdatesWhileTheTaskIsPaused() {
        ledger.run(ADMIN, ctx -> ledger.tasks.pauseTask(ctx, TASK, "maintenance"));

        refused(ErrorCode.TASK_NOT_ACTIVE, HOSPITAL, update(HOSPITAL, u -> {}));
    }

    @Test
    void refusesMalformedUpdates() {
        refused(ErrorCode.INVALID_ARGUMENT, HOSPITAL, update(HOSPITAL, u -> u.put("kind", "partial")));
        refused(ErrorCode.INVALID_ARGUMENT, HOSPITAL, update(HOSPITAL, u -> u.put("weights", List.of(1L, 2L))));
        refused(ErrorCode.INVALID_ARGUMENT, HOSPITAL, update(HOSPITAL, u -> u.remove("sha256")));
        refused(ErrorCode.NOT_FOUND, HOSPITAL, update(HOSPITAL, u -> u.put("taskId", "other")));
    }
}
