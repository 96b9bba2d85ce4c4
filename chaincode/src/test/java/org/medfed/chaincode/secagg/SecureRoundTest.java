package org.medfed.chaincode.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.SecureConsortium.TASK;
import static org.medfed.chaincode.testing.SecureConsortium.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.chaincode.testing.SecureConsortium;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.SecureParticipant;
import org.medfed.common.secagg.SecureStep;
import org.medfed.common.secagg.ShareKind;

/**
 * A secure round on the fake stub, the three holders playing their sides with the real protocol code: the hospital
 * and the clinic mask inputs of 100 and −40 grid steps, the gateway drops after posting its shares, so the ledger
 * must remove the gateway's pairwise masks from the sum with its reconstructed key and the survivors' self masks
 * with their reconstructed seeds, and take the DP step from the sum 60: Δ = −η·γ·60/(q·N) =
 * −0.01·2^−12·60/(0.5·2400) per parameter.
 */
class SecureRoundTest {
    private final LedgerHarness ledger = new LedgerHarness();
    private SecureConsortium net;

    @BeforeEach
    void createTask() {
        net = new SecureConsortium(ledger);
    }

    @Test
    void unmasksExactlyTheSurvivorsSumAndTakesTheDpStepFromIt() {
        throughMaskedInputs();
        closeAndReveal(HOSPITAL, CLINIC);

        AggregationRecord record =
                AggregationRecord.fromJson(JsonFields.object(net.aggregate(CLINIC, 1), "aggregation"));

        float[] expected = new SecureStep(1, 12, 0.01, 0.5, 2 * SecureConsortium.ROWS).update(input(60));
        assertThat(FloatVectorCodec.decode(
                        net.ipfs.blobs.get(record.globalModel().cid())))
                .containsExactly(expected);
        assertThat(expected[0]).isEqualTo((float) (-0.01 * 60 / 4096 / 1200));
        assertThat(record.contributions())
                .extracting(c -> c.qualityScore().doubleValue())
                .containsExactly(1.0, 1.0);
    }

    @Test
    void aSurvivorThatDoesNotRevealStillCountsWhenTheOthersSharesSuffice() {
        throughMaskedInputs();
        net.close(HOSPITAL, 1);
        net.postReveal(HOSPITAL, 1, net.reveal(HOSPITAL, 1));
        ledger.refused(ErrorCode.PHASE_CLOSED, CLINIC, ctx -> net.aggregator.aggregateRound(ctx, TASK, "1"));

        net.atSecond(1, 600 + 120);
        // t = 2: the clinic's seed has one share (the hospital's); with it silent the round cannot be unmasked.
        ledger.refused(ErrorCode.SHARES_INSUFFICIENT, CLINIC, ctx -> net.aggregator.aggregateRound(ctx, TASK, "1"));
    }

    @Test
    void refusesEachPhaseOutsideItsTimeAndASecondPost() {
        net.atSecond(1, 10);
        net.postKeys(HOSPITAL, 1);
        ledger.refused(
                ErrorCode.ALREADY_EXISTS,
                HOSPITAL,
                ctx -> net.secagg.postKeys(
                        ctx,
                        TASK,
                        "1",
                        net.player(HOSPITAL, 1).maskKey(),
                        net.player(HOSPITAL, 1).shareKey()));
        net.postKeys(CLINIC, 1);
        ledger.refused(
                ErrorCode.PHASE_CLOSED, HOSPITAL, ctx -> net.secagg.postShares(ctx, TASK, "1", "{\"shares\":[]}"));

        net.atSecond(1, 60);
        ledger.refused(
                ErrorCode.PHASE_CLOSED,
                GATEWAY,
                ctx -> net.secagg.postKeys(
                        ctx,
                        TASK,
                        "1",
                        net.player(GATEWAY, 1).maskKey(),
                        net.player(GATEWAY, 1).shareKey()));
        ledger.refused(
                ErrorCode.ILLEGAL_TRANSITION,
                GATEWAY,
                ctx -> net.secagg.postShares(ctx, TASK, "1", sharesJson(net.shares(HOSPITAL, 1))));
    }

    @Test
    void refusesSharesNotAddressedToExactlyTheNeighbours() {
        net.atSecond(1, 10);
        for (var holder : Consortium.HOLDERS) {
            net.postKeys(holder, 1);
        }
        net.atSecond(1, 70);
        List<EncryptedShare> shares = new ArrayList<>(net.shares(HOSPITAL, 1));
        shares.remove(0);
        ledger.refused(
                ErrorCode.WRONG_NEIGHBOUR, HOSPITAL, ctx -> net.secagg.postShares(ctx, TASK, "1", sharesJson(shares)));
    }

    @Test
    void refusesAMaskedInputWithoutSharesOrOutsideItsPhaseOrReleasingMetrics() {
        net.atSecond(1, 10);
        net.postKeys(HOSPITAL, 1);
        net.postKeys(CLINIC, 1);
        net.atSecond(1, 70);
        net.postShares(HOSPITAL, 1, net.shares(HOSPITAL, 1));
        Map<String, Object> early = net.maskedUpdate(HOSPITAL, 1, input(1));
        ledger.refused(ErrorCode.PHASE_CLOSED, HOSPITAL, ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(early)));

        net.atSecond(1, 130);
        Map<String, Object> clinic = net.maskedUpdate(CLINIC, 1, input(1));
        ledger.refused(
                ErrorCode.ILLEGAL_TRANSITION, CLINIC, ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(clinic)));
        Map<String, Object> withMetrics = net.maskedUpdate(HOSPITAL, 1, input(1));
        withMetrics.put("metrics", Map.of("accuracy", java.math.BigDecimal.ONE));
        ledger.refused(
                ErrorCode.INVALID_ARGUMENT,
                HOSPITAL,
                ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(withMetrics)));
        Map<String, Object> clear = net.maskedUpdate(HOSPITAL, 1, input(1));
        clear.put("kind", "delta");
        ledger.refused(
                ErrorCode.SECURE_AGGREGATION_UNSUPPORTED,
                HOSPITAL,
                ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(clear)));
    }

    @Test
    void refusesRevealsFromADropoutOfTheWrongKindOrAgainstTheCommitment() {
        throughMaskedInputs();
        net.close(HOSPITAL, 1);
        List<RevealedShare> honest = net.reveal(HOSPITAL, 1);
        ledger.refused(
                ErrorCode.NOT_SURVIVOR, GATEWAY, ctx -> net.secagg.revealShares(ctx, TASK, "1", revealJson(honest)));

        List<RevealedShare> wrongKind = honest.stream()
                .map(s -> s.kind() == ShareKind.SEED ? new RevealedShare(s.owner(), ShareKind.KEY, s.share()) : s)
                .toList();
        ledger.refused(
                ErrorCode.DOUBLE_REVEAL,
                HOSPITAL,
                ctx -> net.secagg.revealShares(ctx, TASK, "1", revealJson(wrongKind)));

        List<RevealedShare> tampered = honest.stream()
                .map(s -> new RevealedShare(s.owner(), s.kind(), SecureConsortium.tampered(s.share())))
                .toList();
        ledger.refused(
                ErrorCode.BAD_COMMITMENT,
                HOSPITAL,
                ctx -> net.secagg.revealShares(ctx, TASK, "1", revealJson(tampered)));

        net.postReveal(HOSPITAL, 1, honest);
        ledger.refused(
                ErrorCode.ALREADY_EXISTS, HOSPITAL, ctx -> net.secagg.revealShares(ctx, TASK, "1", revealJson(honest)));
    }

    @Test
    void tooFewMaskedInputsAbortTheAttemptAndItsRetryStartsAfreshWithTheInputsGone() {
        net.atSecond(1, 10);
        for (var holder : Consortium.HOLDERS) {
            net.postKeys(holder, 1);
        }
        net.atSecond(1, 70);
        for (var holder : Consortium.HOLDERS) {
            net.postShares(holder, 1, net.shares(holder, 1));
        }
        net.atSecond(1, 130);
        net.submitMasked(HOSPITAL, 1, input(5));
        net.atSecond(1, 600);

        assertThat(JsonFields.string(JsonFields.object(net.close(CLINIC, 1), "round"), "status"))
                .isEqualTo("open");
        assertThat(JsonFields.integer(net.round(1), "attempt")).isEqualTo(2);
        assertThat(JsonFields.strings(net.view(1), "survivors")).isEmpty();
        assertThat(net.keys(1)).isEmpty();

        net.atSecond(1, 10);
        net.postKeys(HOSPITAL, 1);
        assertThat(net.keys(1)).containsOnlyKeys(HOSPITAL.participantId());
    }

    @Test
    void refusesSecureAggregationOnATaskInClearAndARobustStrategyAtCreation() {
        Consortium.createTask(ledger, "clear", spec -> {});
        ledger.refused(
                ErrorCode.SECURE_AGGREGATION_UNSUPPORTED,
                HOSPITAL,
                ctx -> net.secagg.postKeys(
                        ctx,
                        "clear",
                        "1",
                        net.player(HOSPITAL, 1).maskKey(),
                        net.player(HOSPITAL, 1).shareKey()));
        Map<String, Object> spec = new java.util.TreeMap<>(Consortium.spec());
        spec.put("id", "robust");
        spec.put("secureAggregation", SecureConsortium.secureSpec());
        spec.put("strategy", Map.of("name", "median", "params", Map.of()));
        ledger.refused(
                ErrorCode.SECURE_AGGREGATION_UNSUPPORTED,
                ADMIN,
                ctx -> ledger.tasks.createTask(ctx, Fixtures.json(spec)));
    }

    @Test
    void aTaskWithPurposeTakesKeysOnlyFromAHolderWhoseDatasetUseIsApproved() {
        LedgerHarness purposed = new LedgerHarness();
        net = SecureConsortium.withUsePurpose(purposed);
        net.atSecond(1, 10);
        SecureParticipant hospital = net.player(HOSPITAL, 1);

        purposed.refused(
                ErrorCode.DATASET_USE_NOT_APPROVED,
                HOSPITAL,
                ctx -> net.secagg.postKeys(ctx, TASK, "1", hospital.maskKey(), hospital.shareKey()));
        Consortium.decide(purposed, HOSPITAL, TASK, DatasetUseStatus.APPROVED, "");

        assertThat(net.postKeys(HOSPITAL, 1)).containsEntry("participantId", HOSPITAL.participantId());
    }

    @Test
    void eachAggregatedSecureRoundLeavesAReceiptPerMaskedInputWithoutItsHash() {
        LedgerHarness purposed = new LedgerHarness();
        net = SecureConsortium.withUsePurpose(purposed);
        for (var holder : Consortium.HOLDERS) {
            Consortium.decide(purposed, holder, TASK, DatasetUseStatus.APPROVED, "");
        }
        throughMaskedInputs();
        closeAndReveal(HOSPITAL, CLINIC);

        AggregationRecord record =
                AggregationRecord.fromJson(JsonFields.object(net.aggregate(CLINIC, 1), "aggregation"));

        for (var holder : List.of(HOSPITAL, CLINIC)) {
            Map<String, Object> page = purposed.json(
                    ADMIN, ctx -> purposed.datasets.listUsageReceipts(ctx, Consortium.datasetOf(holder), "10", ""));
            assertThat(JsonFields.objects(page, "items")).singleElement().satisfies(json -> {
                UsageReceipt receipt = UsageReceipt.fromJson(json);
                assertThat(receipt.masked()).isTrue();
                assertThat(receipt.numExamples()).isEqualTo(SecureConsortium.ROWS);
                assertThat(receipt.globalModelCid())
                        .isEqualTo(record.globalModel().cid());
                assertThat(receipt.approvalDecidedAt()).isNotNull();
            });
        }
        Map<String, Object> dropout = purposed.json(
                ADMIN, ctx -> purposed.datasets.listUsageReceipts(ctx, Consortium.datasetOf(GATEWAY), "10", ""));
        assertThat(JsonFields.objects(dropout, "items")).isEmpty();
    }

    /** Keys and shares from all three, masked inputs from the hospital (100) and the clinic (−40). */
    private void throughMaskedInputs() {
        net.atSecond(1, 10);
        for (var holder : Consortium.HOLDERS) {
            net.postKeys(holder, 1);
        }
        net.atSecond(1, 70);
        for (var holder : Consortium.HOLDERS) {
            net.postShares(holder, 1, net.shares(holder, 1));
        }
        net.atSecond(1, 130);
        net.submitMasked(HOSPITAL, 1, input(100));
        net.submitMasked(CLINIC, 1, input(-40));
        net.atSecond(1, 600);
    }

    private void closeAndReveal(org.medfed.contract.testing.TestIdentity... revealers) {
        net.close(HOSPITAL, 1);
        for (var holder : revealers) {
            net.postReveal(holder, 1, net.reveal(holder, 1));
        }
    }

    private static String sharesJson(List<EncryptedShare> shares) {
        return Fixtures.json(
                Map.of("shares", shares.stream().map(EncryptedShare::toJson).toList()));
    }

    private static String revealJson(List<RevealedShare> shares) {
        return Fixtures.json(
                Map.of("shares", shares.stream().map(RevealedShare::toJson).toList()));
    }
}
