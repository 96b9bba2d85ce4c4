package org.medfed.chaincode.testing;

import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOLDERS;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.chaincode.access.AccessContract;
import org.medfed.chaincode.round.Recorder;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.Role;
import org.medfed.contract.testing.TestIdentity;

/**
 * The consortium of {@link Consortium} with what access needs: a clinician (Org2's researcher identity), a privacy
 * officer (Org3's client) and a payer (Org2's admin identity, registered with role payer); risk task
 * {@value #RISK_TASK} (the test model's two classes are stable and critical, purpose TREAT) whose use every holder
 * approved, with round 1 aggregated into {@link #GLOBAL_1}. Approvals are written straight to the ledger, as
 * {@code dataset:approveDatasetUse} would.
 */
public final class AccessConsortium {
    public static final String RISK_TASK = "maternal-risk";
    public static final TestIdentity CLINICIAN = TestIdentity.ORG2_RESEARCHER;
    public static final TestIdentity OFFICER = TestIdentity.ORG3_CLIENT;
    public static final TestIdentity PAYER = TestIdentity.ORG2_ADMIN;
    public static final String GLOBAL_1 = Fixtures.cid("risk-global-1");
    public static final String PATIENT = Fixtures.sha("patient-1");
    public static final String OTHER_PATIENT = Fixtures.sha("patient-2");

    public final LedgerHarness ledger;
    public final AccessContract access = new AccessContract();

    private AccessConsortium(LedgerHarness ledger) {
        this.ledger = ledger;
    }

    /** Registers the holders and their datasets, then everything access needs. */
    public static AccessConsortium create(LedgerHarness ledger) {
        return on(Consortium.registered(ledger));
    }

    /** On a ledger where the holders of {@link Consortium} are registered already. */
    public static AccessConsortium on(LedgerHarness ledger) {
        Consortium.register(ledger, CLINICIAN, Role.CLINICIAN);
        Consortium.register(ledger, OFFICER, Role.PRIVACY_OFFICER);
        Consortium.register(ledger, PAYER, Role.PAYER);
        Consortium.createTask(ledger, RISK_TASK, spec -> {
            spec.put("usePurpose", Map.of("code", "TREAT", "statement", "score maternal risk for treatment"));
            spec.put("risk", Map.of("classes", List.of("stable", "critical")));
        });
        for (TestIdentity holder : HOLDERS) {
            approve(ledger, holder);
        }
        String initial = Fixtures.sha("initial-" + RISK_TASK);
        Map<String, BigDecimal> qualities = new TreeMap<>();
        for (TestIdentity holder : HOLDERS) {
            ledger.run(
                    holder,
                    ctx -> ledger.rounds.submitUpdate(
                            ctx,
                            Fixtures.json(Fixtures.update(
                                    RISK_TASK, 1, Consortium.datasetOf(holder), initial, "risk-" + holder.name()))));
            qualities.put(holder.participantId(), BigDecimal.ONE);
        }
        ledger.run(CLINIC, ctx -> ledger.rounds.closeRound(ctx, RISK_TASK, "1"));
        ledger.run(
                CLINIC,
                ctx -> Recorder.record(
                        ctx, Fixtures.json(Fixtures.report(RISK_TASK, 1, "risk-global-1", qualities, List.of()))));
        return new AccessConsortium(ledger);
    }

    /** Writes {@code holder}'s approval of the risk task's use of its dataset. */
    public static void approve(LedgerHarness ledger, TestIdentity holder) {
        String dataset = Consortium.datasetOf(holder);
        ledger.run(holder, ctx -> {
            DatasetUseApproval approval = new DatasetUseApproval(
                    RISK_TASK,
                    dataset,
                    holder.participantId(),
                    PurposeOfUse.TREAT,
                    DatasetUseStatus.APPROVED,
                    null,
                    ctx.txTimestamp());
            return ctx.ledger().put(ctx.ledger().keys().datasetUse(RISK_TASK, dataset), approval);
        });
    }

    /**
     * Rule 0: clinicians treating critical patients see everything for an hour; rule 1: clinicians treating stable
     * patients see the summary for ten minutes; rule 2: payers are denied. Break-glass: summary and vitals for 15
     * minutes, flagged from the second within a day.
     */
    public static Map<String, Object> policy(long version) {
        Map<String, Object> policy = new TreeMap<>();
        policy.put("version", version);
        policy.put(
                "rules",
                List.of(
                        allow(
                                List.of("clinician"),
                                List.of("TREAT"),
                                List.of("critical"),
                                List.of("summary", "vitals", "notes"),
                                3600),
                        allow(List.of("clinician"), List.of("TREAT"), List.of("stable"), List.of("summary"), 600),
                        Map.of(
                                "roles",
                                List.of("payer"),
                                "purposes",
                                List.of("HPAYMT", "TREAT"),
                                "risks",
                                List.of("stable", "serious", "critical", "unknown"),
                                "effect",
                                "deny")));
        policy.put(
                "breakGlass",
                Map.of(
                        "roles",
                        List.of("clinician"),
                        "scopes",
                        List.of("summary", "vitals"),
                        "grantSeconds",
                        900L,
                        "repeatWindowSeconds",
                        86_400L,
                        "repeatThreshold",
                        2L));
        return policy;
    }

    private static Map<String, Object> allow(
            List<String> roles, List<String> purposes, List<String> risks, List<String> scopes, long seconds) {
        return Map.of(
                "roles",
                roles,
                "purposes",
                purposes,
                "risks",
                risks,
                "effect",
                "allow",
                "scopes",
                scopes,
                "grantSeconds",
                seconds);
    }

    /** {@code holder}'s attestation of {@code patientRef} in class {@code classIndex} (0 stable, 1 critical). */
    public static Map<String, Object> claim(
            String patientRef, TestIdentity holder, long classIndex, Instant observedAt, long ttlSeconds) {
        Map<String, Object> claim = new TreeMap<>();
        claim.put("patientRef", patientRef);
        claim.put("datasetId", Consortium.datasetOf(holder));
        claim.put("taskId", RISK_TASK);
        claim.put("round", 1L);
        claim.put("modelCid", GLOBAL_1);
        claim.put("classIndex", classIndex);
        claim.put("probability", new BigDecimal("0.87"));
        claim.put("observedAt", observedAt.toString());
        claim.put("ttlSeconds", ttlSeconds);
        return claim;
    }

    public static Map<String, Object> request(String patientRef, String purpose, List<String> scopes, String reason) {
        Map<String, Object> request = new TreeMap<>();
        request.put("patientRef", patientRef);
        request.put("purpose", purpose);
        if (scopes != null) {
            request.put("scopes", scopes);
        }
        if (reason != null) {
            request.put("reason", reason);
        }
        return request;
    }

    public Map<String, Object> setPolicy(long version) {
        return ledger.json(ADMIN, ctx -> access.setPolicy(ctx, Fixtures.json(policy(version))));
    }

    /** The hospital attests {@code patientRef}, observed now with a one-hour time-to-live. */
    public Map<String, Object> attest(String patientRef, long classIndex) {
        return ledger.json(
                HOSPITAL,
                ctx -> access.postAttestation(
                        ctx, Fixtures.json(claim(patientRef, HOSPITAL, classIndex, ledger.now(), 3600))));
    }

    public Map<String, Object> request(TestIdentity who, String purpose, List<String> scopes, String reason) {
        return ledger.json(
                who, ctx -> access.requestAccess(ctx, Fixtures.json(request(PATIENT, purpose, scopes, reason))));
    }
}
