package org.medfed.chaincode.scenario;

import static org.medfed.chaincode.testing.AccessConsortium.CLINICIAN;
import static org.medfed.chaincode.testing.AccessConsortium.PATIENT;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.medfed.chaincode.testing.AccessConsortium;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.testing.TestIdentity;

/** The refusals of the access contract, each provoked once for {@link EveryErrorCodeTest}. */
final class AccessRefusals {
    private AccessRefusals() {}

    static void provoke(ErrorCode code, AccessConsortium net) {
        switch (code) {
            case NO_ACCESS_POLICY -> net.ledger.refused(code, ADMIN, ctx -> net.access.getPolicy(ctx, ""));
            case POLICY_VERSION_CONFLICT ->
                net.ledger.refused(
                        code, ADMIN, ctx -> net.access.setPolicy(ctx, Fixtures.json(AccessConsortium.policy(2))));
            case NOT_A_RISK_TASK -> attest(net, code, HOSPITAL, claim -> claim.put("taskId", Consortium.TASK));
            case NOT_A_GLOBAL_MODEL -> attest(net, code, HOSPITAL, claim -> claim.put("round", 2L));
            case ATTESTATION_EXPIRED ->
                attest(
                        net,
                        code,
                        HOSPITAL,
                        claim -> claim.put("ttlSeconds", 1L),
                        net.ledger.now().minusSeconds(1));
            case STALE_ATTESTATION -> {
                net.attest(PATIENT, 1);
                attest(net, code, HOSPITAL, claim -> {});
            }
            case NOT_PATIENT_HOLDER -> {
                net.attest(PATIENT, 1);
                attest(net, code, CLINIC, claim -> {});
            }
            case NO_LIVE_GRANT ->
                net.ledger.refused(
                        code,
                        HOSPITAL,
                        ctx -> net.access.checkGrant(ctx, CLINICIAN.participantId(), PATIENT, "vitals"));
            default -> throw new AssertionError(code + " is no access refusal");
        }
    }

    private static void attest(
            AccessConsortium net, ErrorCode code, TestIdentity holder, Consumer<Map<String, Object>> change) {
        attest(net, code, holder, change, net.ledger.now());
    }

    private static void attest(
            AccessConsortium net,
            ErrorCode code,
            TestIdentity holder,
            Consumer<Map<String, Object>> change,
            Instant observedAt) {
        Map<String, Object> claim = new TreeMap<>(AccessConsortium.claim(PATIENT, holder, 1, observedAt, 3600));
        change.accept(claim);
        net.ledger.refused(code, holder, ctx -> net.access.postAttestation(ctx, Fixtures.json(claim)));
    }
}
