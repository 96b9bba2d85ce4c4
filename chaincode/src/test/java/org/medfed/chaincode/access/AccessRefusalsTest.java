package org.medfed.chaincode.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.AccessConsortium.CLINICIAN;
import static org.medfed.chaincode.testing.AccessConsortium.OTHER_PATIENT;
import static org.medfed.chaincode.testing.AccessConsortium.PATIENT;
import static org.medfed.chaincode.testing.AccessConsortium.RISK_TASK;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.testing.AccessConsortium;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

/** Each refusal of the access contract, provoked by changing one input; none writes anything. */
class AccessRefusalsTest {
    private final LedgerHarness ledger = new LedgerHarness();
    private final AccessConsortium consortium = AccessConsortium.create(ledger);
    private final AccessContract access = consortium.access;

    private void refused(ErrorCode code, TestIdentity caller, Function<LedgerContext, ?> transaction) {
        List<Write> before = ledger.worldState();
        int writeSets = ledger.writeSets().size();
        ledger.refused(code, caller, transaction);
        assertThat(ledger.worldState()).isEqualTo(before);
        assertThat(ledger.writeSets()).hasSize(writeSets);
    }

    @Nested
    class SetPolicy {

        @Test
        void onlyAnAdminSetsThePolicy() {
            refused(ErrorCode.UNAUTHORIZED, CLINICIAN, ctx -> access.setPolicy(ctx, policy(1)));
        }

        @Test
        void versionsCountUpFromOneWithoutGaps() {
            refused(ErrorCode.POLICY_VERSION_CONFLICT, ADMIN, ctx -> access.setPolicy(ctx, policy(2)));
            consortium.setPolicy(1);
            refused(ErrorCode.POLICY_VERSION_CONFLICT, ADMIN, ctx -> access.setPolicy(ctx, policy(1)));
            refused(ErrorCode.POLICY_VERSION_CONFLICT, ADMIN, ctx -> access.setPolicy(ctx, policy(3)));

            consortium.setPolicy(2);

            assertThat(ledger.json(ADMIN, ctx -> access.getPolicy(ctx, ""))).containsEntry("version", 2L);
            assertThat(ledger.json(ADMIN, ctx -> access.getPolicy(ctx, "1"))).containsEntry("version", 1L);
        }

        @Test
        void refusesAMalformedPolicy() {
            Map<String, Object> policy = new TreeMap<>(AccessConsortium.policy(1));
            policy.put("setBy", ADMIN.participantId());
            refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> access.setPolicy(ctx, Fixtures.json(policy)));
        }

        @Test
        void readsNeedAPolicy() {
            refused(ErrorCode.NO_ACCESS_POLICY, ADMIN, ctx -> access.getPolicy(ctx, ""));
            consortium.setPolicy(1);
            refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> access.getPolicy(ctx, "2"));
        }

        private String policy(long version) {
            return Fixtures.json(AccessConsortium.policy(version));
        }
    }

    @Nested
    class PostAttestation {

        private void refusedClaim(ErrorCode code, TestIdentity holder, Consumer<Map<String, Object>> change) {
            Map<String, Object> claim = new TreeMap<>(AccessConsortium.claim(PATIENT, holder, 1, ledger.now(), 3600));
            change.accept(claim);
            refused(code, holder, ctx -> access.postAttestation(ctx, Fixtures.json(claim)));
        }

        @Test
        void onlyADataHolderAttests() {
            refusedClaim(ErrorCode.UNAUTHORIZED, CLINICIAN, claim -> claim.put("datasetId", "ds-org1-client"));
        }

        @Test
        void onlyForItsOwnDatasetAdmittedByTheTask() {
            refusedClaim(
                    ErrorCode.DATASET_NOT_ADMITTED,
                    HOSPITAL,
                    claim -> claim.put("datasetId", Consortium.datasetOf(CLINIC)));
            refusedClaim(ErrorCode.DATASET_NOT_ADMITTED, HOSPITAL, claim -> claim.put("datasetId", "ds-unknown"));
        }

        @Test
        void onlyWithATaskThatHasARiskModel() {
            Consortium.createTask(ledger, Consortium.TASK, spec -> {});
            refusedClaim(ErrorCode.NOT_A_RISK_TASK, HOSPITAL, claim -> claim.put("taskId", Consortium.TASK));
        }

        @Test
        void onlyWhileTheHolderApprovesTheTasksUse() {
            String dataset = Consortium.datasetOf(HOSPITAL);
            ledger.run(
                    HOSPITAL,
                    ctx -> ctx.ledger()
                            .put(
                                    ctx.ledger().keys().datasetUse(RISK_TASK, dataset),
                                    new DatasetUseApproval(
                                            RISK_TASK,
                                            dataset,
                                            HOSPITAL.participantId(),
                                            PurposeOfUse.TREAT,
                                            DatasetUseStatus.REVOKED,
                                            "consent withdrawn",
                                            ctx.txTimestamp())));
            refusedClaim(ErrorCode.DATASET_USE_NOT_APPROVED, HOSPITAL, claim -> {});
        }

        @Test
        void onlyWithTheGlobalModelOfTheNamedRound() {
            refusedClaim(
                    ErrorCode.NOT_A_GLOBAL_MODEL,
                    HOSPITAL,
                    claim -> claim.put("modelCid", Fixtures.cid("initial-" + RISK_TASK)));
            refusedClaim(ErrorCode.NOT_A_GLOBAL_MODEL, HOSPITAL, claim -> claim.put("round", 2L));
        }

        @Test
        void onlyForAClassOfTheModel() {
            refusedClaim(ErrorCode.INVALID_ARGUMENT, HOSPITAL, claim -> claim.put("classIndex", 2L));
        }

        @Test
        void notObservedMoreThanFiveMinutesAhead() {
            refusedClaim(
                    ErrorCode.INVALID_ARGUMENT,
                    HOSPITAL,
                    claim -> claim.put(
                            "observedAt", ledger.now().plusSeconds(301).toString()));
            ledger.json(
                    HOSPITAL,
                    ctx -> access.postAttestation(
                            ctx,
                            Fixtures.json(AccessConsortium.claim(
                                    PATIENT, HOSPITAL, 1, ledger.now().plusSeconds(300), 3600))));
        }

        @Test
        void notAlreadyExpired() {
            Instant hourAgo = ledger.now().minusSeconds(3600);
            refusedClaim(ErrorCode.ATTESTATION_EXPIRED, HOSPITAL, claim -> claim.put("observedAt", hourAgo.toString()));
        }

        @Test
        void onlyByThePatientsHolder() {
            consortium.attest(PATIENT, 1);
            refusedClaim(ErrorCode.NOT_PATIENT_HOLDER, CLINIC, claim -> {});
        }

        @Test
        void onlyNewerThanThePatientsLatest() {
            consortium.attest(PATIENT, 1);
            refusedClaim(ErrorCode.STALE_ATTESTATION, HOSPITAL, claim -> {});
            refusedClaim(
                    ErrorCode.STALE_ATTESTATION,
                    HOSPITAL,
                    claim ->
                            claim.put("observedAt", ledger.now().minusSeconds(1).toString()));
        }
    }

    @Nested
    class RequestAccess {

        @Test
        void needsAPolicy() {
            consortium.attest(PATIENT, 1);
            refused(ErrorCode.NO_ACCESS_POLICY, CLINICIAN, ctx -> access.requestAccess(ctx, request(PATIENT)));
        }

        @Test
        void needsAnAttestedPatient() {
            consortium.setPolicy(1);
            refused(ErrorCode.NOT_FOUND, CLINICIAN, ctx -> access.requestAccess(ctx, request(OTHER_PATIENT)));
        }

        @Test
        void needsARegisteredRequester() {
            consortium.setPolicy(1);
            consortium.attest(PATIENT, 1);
            refused(
                    ErrorCode.NOT_REGISTERED,
                    TestIdentity.ORG1_ADMIN,
                    ctx -> access.requestAccess(ctx, request(PATIENT)));
        }

        private String request(String patient) {
            return Fixtures.json(AccessConsortium.request(patient, "TREAT", null, null));
        }
    }

    @Nested
    class ReleasesAndReviews {

        @Test
        void refuseUnknownDecisions() {
            String release = Fixtures.json(
                    Map.of("decisionId", "tx-404", "scope", "vitals", "recordsSha256", Fixtures.sha("x")));
            String closing = Fixtures.json(Map.of("outcome", "justified", "note", "fine"));

            refused(ErrorCode.NOT_FOUND, HOSPITAL, ctx -> access.recordRelease(ctx, release));
            refused(ErrorCode.NOT_FOUND, AccessConsortium.OFFICER, ctx -> access.closeReview(ctx, "tx-404", closing));
            refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> access.getDecision(ctx, "tx-404"));
            refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> access.getAttestation(ctx, PATIENT));
        }

        @Test
        void aReviewOfAGrantThatDidNotBreakTheGlassDoesNotExist() {
            consortium.setPolicy(1);
            consortium.attest(PATIENT, 1);
            String id =
                    (String) consortium.request(CLINICIAN, "TREAT", null, null).get("id");
            String closing = Fixtures.json(Map.of("outcome", "unjustified", "note", "no emergency"));

            refused(ErrorCode.NOT_FOUND, AccessConsortium.OFFICER, ctx -> access.closeReview(ctx, id, closing));
            refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> access.listReviews(ctx, "pending", "10", ""));
            refused(
                    ErrorCode.INVALID_ARGUMENT,
                    HOSPITAL,
                    ctx -> access.checkGrant(ctx, CLINICIAN.participantId(), PATIENT, "all"));
        }
    }
}
