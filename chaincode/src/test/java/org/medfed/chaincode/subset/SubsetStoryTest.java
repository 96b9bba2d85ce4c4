package org.medfed.chaincode.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.subset.TwoStage.CLINIC_ROWS;
import static org.medfed.chaincode.subset.TwoStage.HOSPITAL_ROWS;
import static org.medfed.chaincode.subset.TwoStage.ORG1_ADMIN;
import static org.medfed.chaincode.subset.TwoStage.ORG1_KEY;
import static org.medfed.chaincode.subset.TwoStage.ORG2_ADMIN;
import static org.medfed.chaincode.subset.TwoStage.ORG2_KEY;
import static org.medfed.chaincode.subset.TwoStage.TASK;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.common.subset.MemberKeyRecord;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.WarmUpRecord;
import org.medfed.contract.support.Env;
import org.medfed.contract.testing.TestIdentity;

/**
 * A two-stage task from member keys to round 1: both organisations register their keys, both contributors publish
 * their sealed rows, round 1 waits for the warm-up, the warm-up records the warm model and reopens round 1 from it,
 * and an update trained from it is admitted.
 */
class SubsetStoryTest {
    private final LedgerHarness ledger = new LedgerHarness();
    private final TwoStage stage = TwoStage.create(ledger);

    @AfterEach
    void unhost() {
        Env.host(Map.of());
    }

    private Map<String, Object> submit(TestIdentity holder, String baseSha256) {
        return ledger.json(
                holder,
                ctx -> ledger.rounds.submitUpdate(
                        ctx,
                        Fixtures.json(Fixtures.update(
                                TASK, 1, Consortium.datasetOf(holder), baseSha256, holder.name() + "-warm"))));
    }

    private Task task() {
        return Task.fromJson(ledger.json(ADMIN, ctx -> ledger.tasks.getTask(ctx, TASK)));
    }

    private RoundState round1() {
        return RoundState.fromJson(
                JsonFields.object(ledger.json(ADMIN, ctx -> ledger.rounds.getRound(ctx, TASK, "1")), "round"));
    }

    private static List<String> statuses(Map<String, Object> subset) {
        return JsonFields.objects(subset, "shares").stream()
                .map(s -> s.get("status").toString())
                .toList();
    }

    @Test
    void adminsRegisterTheirOrganisationsMemberKeys() {
        Map<String, Object> set = stage.setKey(ORG1_ADMIN, ORG1_KEY);

        MemberKeyRecord record = MemberKeyRecord.fromJson(set);
        assertThat(record.mspId()).isEqualTo("Org1MSP");
        assertThat(record.publicKeyBytes()).isEqualTo(ORG1_KEY.publicKey32());
        assertThat(record.setBy()).isEqualTo(ORG1_ADMIN.participantId());
        assertThat(record.setAt()).isEqualTo(ledger.now());
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.SUBSET_MEMBER_KEY_SET);

        stage.setKey(ORG2_ADMIN, ORG2_KEY);

        assertThat(JsonFields.objects(ledger.json(HOSPITAL, ctx -> stage.subset.listMemberKeys(ctx)), "items"))
                .extracting(k -> k.get("mspId"))
                .containsExactly("Org1MSP", "Org2MSP");
    }

    @Test
    void aNewKeyReplacesTheOrganisationsOldOne() {
        stage.setKey(ORG1_ADMIN, ORG2_KEY);
        stage.setKey(ORG1_ADMIN, ORG1_KEY);

        List<Map<String, Object>> keys =
                JsonFields.objects(ledger.json(HOSPITAL, ctx -> stage.subset.listMemberKeys(ctx)), "items");
        assertThat(keys)
                .singleElement()
                .satisfies(k -> assertThat(k).containsEntry("publicKey", TwoStage.publicKey(ORG1_KEY)));
    }

    @Test
    void contributionsShowAsStatusesAndClassTotalsUntilTheSubsetIsReady() {
        stage.withKeys();
        Map<String, Object> before = stage.show();
        assertThat(before).containsEntry("status", "collecting").containsEntry("classTotals", List.of(0L, 0L));
        assertThat(before.get("warmUp")).isNull();
        assertThat(statuses(before)).containsExactly("pending", "pending");

        SubsetShare share = SubsetShare.fromJson(stage.contribute(HOSPITAL, HOSPITAL_ROWS));

        assertThat(share.contribution()).isEqualTo(HOSPITAL_ROWS.contribution());
        assertThat(share.holderId()).isEqualTo(HOSPITAL.participantId());
        assertThat(share.answeredAt()).isEqualTo(ledger.now());
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.SUBSET_ROWS_CONTRIBUTED);
        Map<String, Object> half = stage.show();
        assertThat(half).containsEntry("status", "collecting").containsEntry("classTotals", List.of(2L, 1L));
        assertThat(statuses(half)).containsExactly("contributed", "pending");

        stage.contribute(CLINIC, CLINIC_ROWS);

        Map<String, Object> ready = stage.show();
        assertThat(ready).containsEntry("status", "ready").containsEntry("classTotals", List.of(3L, 2L));
        assertThat(statuses(ready)).containsExactly("contributed", "contributed");
        assertThat(JsonFields.object(ready, "spec"))
                .isEqualTo(TwoStage.subsetSpec().toJson());
    }

    @Test
    void aDeclineIsAnAnswerWithItsReason() {
        stage.withKeys();
        stage.contribute(HOSPITAL, HOSPITAL_ROWS);

        SubsetShare declined = SubsetShare.fromJson(stage.decline(CLINIC, "our ethics board did not approve"));

        assertThat(declined.contributed()).isFalse();
        assertThat(declined.reason()).isEqualTo("our ethics board did not approve");
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.SUBSET_ROWS_DECLINED);
        Map<String, Object> ready = stage.show();
        assertThat(ready).containsEntry("status", "ready").containsEntry("classTotals", List.of(2L, 1L));
        assertThat(statuses(ready)).containsExactly("contributed", "declined");
    }

    @Test
    void roundOneWaitsForTheWarmUpThenStartsFromTheWarmModel() {
        stage.withKeys();
        stage.contribute(HOSPITAL, HOSPITAL_ROWS);
        stage.contribute(CLINIC, CLINIC_ROWS);
        String initialSha = TwoStage.initialRef().sha256();
        ledger.refused(
                ErrorCode.SUBSET_NOT_WARMED,
                HOSPITAL,
                ctx -> ledger.rounds.submitUpdate(
                        ctx,
                        Fixtures.json(
                                Fixtures.update(TASK, 1, Consortium.datasetOf(HOSPITAL), initialSha, "too-early"))));
        ledger.refused(ErrorCode.SUBSET_NOT_WARMED, CLINIC, ctx -> ledger.rounds.closeRound(ctx, TASK, "1"));
        ledger.advance(Duration.ofSeconds(700)); // past round 1's first deadline: the warm-up gives it a new one

        Map<String, Object> result = stage.warmUp(CLINIC);

        byte[] expected = TwoStage.warmModelOfBoth();
        ContentRef warm = new ContentRef(Cids.rawLeafCidV1(expected), Hashing.sha256Hex(expected));
        WarmUpRecord record = WarmUpRecord.fromJson(JsonFields.object(result, "warmUp"));
        assertThat(record.request().warmModel()).isEqualTo(warm);
        assertThat(stage.ipfs.blobs.get(warm.cid())).isEqualTo(expected);
        assertThat(stage.ipfs.adds).isEqualTo(1);
        assertThat(record.request().used()).containsExactly("ds-org1-client", "ds-org2-client");
        assertThat(record.request().excluded()).isEmpty();
        assertThat(record.request().classCounts()).containsExactly(3L, 2L);
        assertThat(record.initialModel()).isEqualTo(TwoStage.initialRef());
        assertThat(record.recordedBy()).isEqualTo(CLINIC.participantId());
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.SUBSET_WARMED_UP);

        Task task = task();
        assertThat(task.globalModel()).isEqualTo(warm);
        assertThat(task.currentRound()).isEqualTo(1);
        RoundState round = round1();
        assertThat(round.baseModel()).isEqualTo(warm);
        assertThat(round.status()).isEqualTo(RoundStatus.OPEN);
        assertThat(round.deadline()).isEqualTo(ledger.now().plusSeconds(600));
        Map<String, Object> shown = stage.show();
        assertThat(shown).containsEntry("status", "warmed");
        assertThat(WarmUpRecord.fromJson(JsonFields.object(shown, "warmUp"))).isEqualTo(record);

        ledger.refused(
                ErrorCode.BASE_MODEL_MISMATCH,
                HOSPITAL,
                ctx -> ledger.rounds.submitUpdate(
                        ctx,
                        Fixtures.json(
                                Fixtures.update(TASK, 1, Consortium.datasetOf(HOSPITAL), initialSha, "from-initial"))));
        Map<String, Object> admitted = submit(HOSPITAL, warm.sha256());
        assertThat(admitted).isNotEmpty();
        submit(CLINIC, warm.sha256());
        assertThat(JsonFields.strings(ledger.json(ADMIN, ctx -> ledger.rounds.getRound(ctx, TASK, "1")), "submitted"))
                .containsExactlyInAnyOrder(HOSPITAL.participantId(), CLINIC.participantId());
    }

    @Test
    void theWarmUpUsesTheRowsOfThoseWhoContributedOnly() {
        stage.withKeys();
        stage.decline(HOSPITAL, "too few rows of class 1");
        stage.contribute(CLINIC, CLINIC_ROWS);

        WarmUpRecord record = WarmUpRecord.fromJson(JsonFields.object(stage.warmUp(HOSPITAL), "warmUp"));

        byte[] expected = TwoStage.warmModel(TwoStage.CLINIC_X, TwoStage.CLINIC_Y);
        assertThat(record.request().warmModel().sha256()).isEqualTo(Hashing.sha256Hex(expected));
        assertThat(record.request().used()).containsExactly("ds-org2-client");
        assertThat(record.request().classCounts()).containsExactly(1L, 1L);
    }

    @Test
    void whenEveryContributorDeclinesTheTaskTrainsOnFromItsInitialModel() {
        stage.withKeys();
        stage.decline(HOSPITAL, "no");
        stage.decline(CLINIC, "no");

        WarmUpRecord record = WarmUpRecord.fromJson(JsonFields.object(stage.warmUp(HOSPITAL), "warmUp"));

        assertThat(record.request().used()).isEmpty();
        assertThat(record.request().classCounts()).containsExactly(0L, 0L);
        assertThat(record.request().warmModel()).isEqualTo(record.initialModel());
    }

    @Test
    void aContributionWhoseBlobDoesNotMatchIsExcludedOnTheLedgerWithItsReason() {
        stage.withKeys();
        stage.contribute(HOSPITAL, HOSPITAL_ROWS);
        stage.contribute(CLINIC, CLINIC_ROWS);
        stage.ipfs.blobs.put(HOSPITAL_ROWS.contribution().cid(), CLINIC_ROWS.blob());

        WarmUpRecord record = WarmUpRecord.fromJson(JsonFields.object(stage.warmUp(HOSPITAL), "warmUp"));

        assertThat(record.request().used()).containsExactly("ds-org2-client");
        assertThat(record.request().excluded()).singleElement().satisfies(e -> {
            assertThat(e.datasetId()).isEqualTo("ds-org1-client");
            assertThat(e.detail()).startsWith("the sealed blob hashes to");
        });
        assertThat(record.request().warmModel().sha256())
                .isEqualTo(Hashing.sha256Hex(TwoStage.warmModel(TwoStage.CLINIC_X, TwoStage.CLINIC_Y)));
    }

    @Test
    void theGetWarmUpInputIsWhatTheWarmUpRead() {
        stage.withKeys();
        stage.contribute(HOSPITAL, HOSPITAL_ROWS);
        stage.contribute(CLINIC, CLINIC_ROWS);
        var aggregator = stage.aggregator("Org2MSP", ORG2_KEY.privateScalar32());

        Map<String, Object> input = ledger.json(ADMIN, ctx -> aggregator.getWarmUpInput(ctx, TASK));

        assertThat(JsonFields.object(input, "initialModel"))
                .isEqualTo(TwoStage.initialRef().toJson());
        assertThat(JsonFields.objects(input, "contributions"))
                .containsExactly(
                        HOSPITAL_ROWS.contribution().toJson(),
                        CLINIC_ROWS.contribution().toJson());
    }
}
