package org.medfed.chaincode.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.subset.TwoStage.CLINIC_ROWS;
import static org.medfed.chaincode.subset.TwoStage.HOSPITAL_ROWS;
import static org.medfed.chaincode.subset.TwoStage.ORG1_ADMIN;
import static org.medfed.chaincode.subset.TwoStage.ORG1_KEY;
import static org.medfed.chaincode.subset.TwoStage.ORG2_ADMIN;
import static org.medfed.chaincode.subset.TwoStage.ORG2_KEY;
import static org.medfed.chaincode.subset.TwoStage.TASK;
import static org.medfed.chaincode.subset.TwoStage.altered;
import static org.medfed.chaincode.subset.TwoStage.json;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.secagg.X25519;
import org.medfed.contract.support.Env;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

/** Each refusal of the subset transactions and of {@code aggregator:warmUp}, provoked by one change; none writes. */
class SubsetRefusalsTest {
    private static final String HOSPITAL_DATASET = Consortium.datasetOf(HOSPITAL);
    private static final String CLINIC_DATASET = Consortium.datasetOf(CLINIC);

    private final LedgerHarness ledger = new LedgerHarness();
    private final TwoStage stage = TwoStage.create(ledger);
    private final SubsetContract subset = stage.subset;

    @AfterEach
    void unhost() {
        Env.host(Map.of());
    }

    private void refused(ErrorCode code, TestIdentity caller, Function<LedgerContext, ?> transaction) {
        List<Write> before = ledger.worldState();
        int writeSets = ledger.writeSets().size();
        int adds = stage.ipfs.adds;
        ledger.refused(code, caller, transaction);
        assertThat(ledger.worldState()).isEqualTo(before);
        assertThat(ledger.writeSets()).hasSize(writeSets);
        assertThat(stage.ipfs.adds).as("warm models pinned").isEqualTo(adds);
    }

    private void contributionRefused(ErrorCode code, TestIdentity caller, String contribution) {
        refused(code, caller, ctx -> subset.contributeRows(ctx, contribution));
    }

    private void declineRefused(ErrorCode code, TestIdentity caller, String taskId, String datasetId) {
        refused(code, caller, ctx -> subset.declineRows(ctx, taskId, datasetId, "not this time"));
    }

    private void warmUpRefused(ErrorCode code, TestIdentity caller, String taskId) {
        AggregatorContract aggregator = stage.aggregator("Org1MSP", ORG1_KEY.privateScalar32());
        refused(code, caller, ctx -> aggregator.warmUp(ctx, taskId));
    }

    private void warmUp() {
        stage.withKeys();
        stage.contribute(HOSPITAL, HOSPITAL_ROWS);
        stage.contribute(CLINIC, CLINIC_ROWS);
        stage.warmUp(HOSPITAL);
    }

    @Nested
    class SetMemberKey {

        @Test
        void onlyAnAdminSetsItsOrganisationsKey() {
            refused(ErrorCode.UNAUTHORIZED, HOSPITAL, ctx -> subset.setMemberKey(ctx, TwoStage.publicKey(ORG1_KEY)));
        }

        @Test
        void refusesAKeyThatIsNotAnX25519PublicKey() {
            for (String bad : List.of(
                    Base64.getEncoder().encodeToString(new byte[32]), // small order
                    Base64.getEncoder().encodeToString(new byte[16]),
                    "not base64 at all!",
                    "A".repeat(65),
                    "")) {
                refused(ErrorCode.INVALID_ARGUMENT, ORG1_ADMIN, ctx -> subset.setMemberKey(ctx, bad));
            }
        }
    }

    @Nested
    class ContributeRows {

        @Test
        void refusesAMalformedContribution() {
            contributionRefused(ErrorCode.INVALID_ARGUMENT, HOSPITAL, "{");
            contributionRefused(
                    ErrorCode.INVALID_ARGUMENT,
                    HOSPITAL,
                    altered(HOSPITAL_ROWS.contribution(), "classCounts", List.of(0L, 0L)));
            contributionRefused(
                    ErrorCode.INVALID_ARGUMENT, HOSPITAL, altered(HOSPITAL_ROWS.contribution(), "extra", "field"));
        }

        @Test
        void onlyARegisteredDataHolderContributes() {
            stage.withKeys();
            contributionRefused(
                    ErrorCode.NOT_REGISTERED, TestIdentity.ORG2_RESEARCHER, json(HOSPITAL_ROWS.contribution()));
        }

        @Test
        void aTaskWithoutASharedSubsetTakesNoRows() {
            stage.withKeys();
            Consortium.createTask(ledger, "plain", spec -> {});
            contributionRefused(
                    ErrorCode.NO_SHARED_SUBSET, HOSPITAL, altered(HOSPITAL_ROWS.contribution(), "taskId", "plain"));
            contributionRefused(
                    ErrorCode.NOT_FOUND, HOSPITAL, altered(HOSPITAL_ROWS.contribution(), "taskId", "unknown"));
        }

        @Test
        void onlyTheDatasetsHolderSharesItsRows() {
            stage.withKeys();
            contributionRefused(ErrorCode.UNAUTHORIZED, CLINIC, json(HOSPITAL_ROWS.contribution()));
        }

        @Test
        void anAdmittedDatasetThatIsNoContributorSharesNothing() {
            stage.withKeys();
            contributionRefused(
                    ErrorCode.DATASET_NOT_ADMITTED,
                    GATEWAY,
                    altered(HOSPITAL_ROWS.contribution(), "datasetId", Consortium.datasetOf(GATEWAY)));
        }

        @Test
        void aTaskWithAPurposeNeedsTheHoldersApprovalFirst() {
            stage.withKeys();
            stage.createTask("two-stage-purpose", spec -> spec.put("usePurpose", Consortium.usePurpose()));
            String contribution = altered(HOSPITAL_ROWS.contribution(), "taskId", "two-stage-purpose");

            contributionRefused(ErrorCode.DATASET_USE_NOT_APPROVED, HOSPITAL, contribution);
            Consortium.decide(ledger, HOSPITAL, "two-stage-purpose", DatasetUseStatus.DECLINED, "no");
            contributionRefused(ErrorCode.DATASET_USE_NOT_APPROVED, HOSPITAL, contribution);

            Consortium.decide(ledger, HOSPITAL, "two-stage-purpose", DatasetUseStatus.APPROVED, "yes");
            ledger.run(HOSPITAL, ctx -> subset.contributeRows(ctx, contribution));
        }

        @Test
        void aDatasetAnswersOnce() {
            stage.withKeys();
            stage.contribute(HOSPITAL, HOSPITAL_ROWS);
            contributionRefused(ErrorCode.ALREADY_EXISTS, HOSPITAL, json(HOSPITAL_ROWS.contribution()));
        }

        @Test
        void theSubsetClosesWithTheWarmUp() {
            warmUp();
            contributionRefused(ErrorCode.SUBSET_CLOSED, HOSPITAL, json(HOSPITAL_ROWS.contribution()));
        }

        @Test
        void theConsentMustBeTheTasksVerbatim() {
            stage.withKeys();
            contributionRefused(
                    ErrorCode.CONSENT_MISMATCH,
                    HOSPITAL,
                    altered(HOSPITAL_ROWS.contribution(), "consent", TwoStage.CONSENT + "."));
        }

        @Test
        void noClassGetsMoreRowsThanTheSubsetAsks() {
            stage.withKeys();
            contributionRefused(
                    ErrorCode.SUBSET_CLASS_FULL,
                    HOSPITAL,
                    altered(HOSPITAL_ROWS.contribution(), "classCounts", List.of(5L, 0L)));
            stage.contribute(HOSPITAL, HOSPITAL_ROWS); // 2 + 1
            contributionRefused(
                    ErrorCode.SUBSET_CLASS_FULL,
                    CLINIC,
                    altered(CLINIC_ROWS.contribution(), "classCounts", List.of(3L, 0L))); // 2 + 3 > 4
            contributionRefused(
                    ErrorCode.SUBSET_CLASS_FULL,
                    CLINIC,
                    altered(CLINIC_ROWS.contribution(), "classCounts", List.of(0L, 4L))); // 1 + 4 > 4
        }

        @Test
        void theClassCountsAreOnePerClassOfTheModel() {
            stage.withKeys();
            contributionRefused(
                    ErrorCode.INVALID_ARGUMENT,
                    HOSPITAL,
                    altered(HOSPITAL_ROWS.contribution(), "classCounts", List.of(1L, 1L, 1L)));
            contributionRefused(
                    ErrorCode.INVALID_ARGUMENT,
                    HOSPITAL,
                    altered(HOSPITAL_ROWS.contribution(), "classCounts", List.of(3L)));
        }

        @Test
        void everyOrganisationOfTheTaskNeedsAMemberKey() {
            contributionRefused(ErrorCode.MEMBER_KEY_MISSING, HOSPITAL, json(HOSPITAL_ROWS.contribution()));
            stage.setKey(ORG1_ADMIN, ORG1_KEY);
            contributionRefused(ErrorCode.MEMBER_KEY_MISSING, HOSPITAL, json(HOSPITAL_ROWS.contribution()));
        }

        @Test
        void theContentKeyIsWrappedForExactlyTheRegisteredMembers() {
            stage.withKeys();
            TwoStage.Sealed org1Only =
                    TwoStage.seal(HOSPITAL, TwoStage.HOSPITAL_X, TwoStage.HOSPITAL_Y, TwoStage.members(ORG1_KEY));
            X25519.KeyMaterial org3 = X25519.generate(TwoStage.RANDOM);
            TwoStage.Sealed withOrg3 = TwoStage.seal(
                    HOSPITAL, TwoStage.HOSPITAL_X, TwoStage.HOSPITAL_Y, TwoStage.members(ORG1_KEY, ORG2_KEY, org3));

            contributionRefused(ErrorCode.WRAPPED_KEYS_MISMATCH, HOSPITAL, json(org1Only.contribution()));
            contributionRefused(ErrorCode.WRAPPED_KEYS_MISMATCH, HOSPITAL, json(withOrg3.contribution()));
        }
    }

    @Nested
    class DeclineRows {

        @Test
        void refusesMalformedArguments() {
            declineRefused(ErrorCode.INVALID_ARGUMENT, HOSPITAL, "bad|id", HOSPITAL_DATASET);
            refused(ErrorCode.INVALID_ARGUMENT, HOSPITAL, ctx -> subset.declineRows(ctx, TASK, HOSPITAL_DATASET, " "));
            refused(
                    ErrorCode.INVALID_ARGUMENT,
                    HOSPITAL,
                    ctx -> subset.declineRows(ctx, TASK, HOSPITAL_DATASET, "x".repeat(513)));
        }

        @Test
        void refusesWhatAContributionIsRefusedForWithoutKeysOrConsent() {
            Consortium.createTask(ledger, "plain", spec -> {});
            declineRefused(ErrorCode.NO_SHARED_SUBSET, HOSPITAL, "plain", HOSPITAL_DATASET);
            declineRefused(ErrorCode.UNAUTHORIZED, CLINIC, TASK, HOSPITAL_DATASET);
            declineRefused(ErrorCode.DATASET_NOT_ADMITTED, GATEWAY, TASK, Consortium.datasetOf(GATEWAY));
            stage.createTask("two-stage-purpose", spec -> spec.put("usePurpose", Consortium.usePurpose()));
            declineRefused(ErrorCode.DATASET_USE_NOT_APPROVED, HOSPITAL, "two-stage-purpose", HOSPITAL_DATASET);

            stage.decline(HOSPITAL, "no rows to spare"); // no member key is needed to decline
            declineRefused(ErrorCode.ALREADY_EXISTS, HOSPITAL, TASK, HOSPITAL_DATASET);
            contributionRefused(ErrorCode.ALREADY_EXISTS, HOSPITAL, json(HOSPITAL_ROWS.contribution()));
        }

        @Test
        void theSubsetClosesWithTheWarmUp() {
            warmUp();
            declineRefused(ErrorCode.SUBSET_CLOSED, CLINIC, TASK, CLINIC_DATASET);
        }
    }

    @Nested
    class WarmUp {

        @Test
        void waitsForEveryContributorsAnswer() {
            stage.withKeys();
            warmUpRefused(ErrorCode.SUBSET_NOT_READY, HOSPITAL, TASK);
            stage.contribute(HOSPITAL, HOSPITAL_ROWS);
            warmUpRefused(ErrorCode.SUBSET_NOT_READY, HOSPITAL, TASK);
        }

        @Test
        void runsOnce() {
            warmUp();
            warmUpRefused(ErrorCode.SUBSET_CLOSED, CLINIC, TASK);
        }

        @Test
        void needsATaskWithASubsetAndAnActiveRegisteredCaller() {
            Consortium.createTask(ledger, "plain", spec -> {});
            warmUpRefused(ErrorCode.NO_SHARED_SUBSET, HOSPITAL, "plain");
            warmUpRefused(ErrorCode.NOT_FOUND, HOSPITAL, "unknown");
            warmUpRefused(ErrorCode.NOT_REGISTERED, ADMIN, TASK);
            warmUpRefused(ErrorCode.INVALID_ARGUMENT, HOSPITAL, "bad|id");
            ledger.run(ADMIN, ctx -> ledger.tasks.pauseTask(ctx, TASK, "audit"));
            warmUpRefused(ErrorCode.TASK_NOT_ACTIVE, HOSPITAL, TASK);
        }

        @Test
        void anOrganisationWithoutItsMemberKeyDoesNotEndorse() {
            stage.withKeys();
            stage.contribute(HOSPITAL, HOSPITAL_ROWS);
            stage.contribute(CLINIC, CLINIC_ROWS);

            AggregatorContract keyless = stage.aggregator("Org1MSP", null);
            refused(ErrorCode.SUBSET_KEY_UNAVAILABLE, HOSPITAL, ctx -> keyless.warmUp(ctx, TASK));
            AggregatorContract org3 = stage.aggregator("Org3MSP", ORG2_KEY.privateScalar32());
            refused(ErrorCode.SUBSET_KEY_UNAVAILABLE, HOSPITAL, ctx -> org3.warmUp(ctx, TASK));
        }

        @Test
        void anOrganisationWhoseNodeCannotServeABlobDoesNotEndorse() {
            stage.withKeys();
            stage.contribute(HOSPITAL, HOSPITAL_ROWS);
            stage.contribute(CLINIC, CLINIC_ROWS);
            stage.ipfs.blobs.remove(CLINIC_ROWS.contribution().cid());

            warmUpRefused(ErrorCode.BLOB_UNAVAILABLE, HOSPITAL, TASK);
        }
    }

    @Nested
    class Reads {

        @Test
        void getSubsetNeedsATaskWithASubsetAndAReader() {
            Consortium.createTask(ledger, "plain", spec -> {});
            refused(ErrorCode.NO_SHARED_SUBSET, HOSPITAL, ctx -> subset.getSubset(ctx, "plain"));
            refused(ErrorCode.NOT_REGISTERED, TestIdentity.ORG2_RESEARCHER, ctx -> subset.getSubset(ctx, TASK));
            refused(ErrorCode.NOT_REGISTERED, TestIdentity.ORG2_RESEARCHER, ctx -> subset.listMemberKeys(ctx));
        }

        @Test
        void getWarmUpInputWaitsForEveryContributor() {
            stage.withKeys();
            stage.contribute(HOSPITAL, HOSPITAL_ROWS);
            AggregatorContract aggregator = stage.aggregator("Org1MSP", ORG1_KEY.privateScalar32());
            refused(ErrorCode.SUBSET_NOT_READY, ADMIN, ctx -> aggregator.getWarmUpInput(ctx, TASK));
        }
    }

    @Test
    void anOrganisationsKeyIsItsAdminsToSet() {
        // Org2's admin sets Org2's key, never Org1's: the MSP id is the caller's
        stage.setKey(ORG2_ADMIN, ORG1_KEY);
        assertThat(ledger.json(HOSPITAL, ctx -> subset.listMemberKeys(ctx)).toString())
                .contains("Org2MSP")
                .doesNotContain("Org1MSP");
    }
}
