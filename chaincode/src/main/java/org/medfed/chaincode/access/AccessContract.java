package org.medfed.chaincode.access;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.ledger.Keys;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.ledger.Page;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.AccessPolicy;
import org.medfed.common.access.AccessRequest;
import org.medfed.common.access.AccessRules;
import org.medfed.common.access.BreakGlassReview;
import org.medfed.common.access.PatientBinding;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.Rules;

/**
 * Risk-based access to patients' records (docs/access.md): the admin's versioned policy, data holders' risk
 * attestations, decisions computed from both by {@link AccessRules} and recorded with every input (a denial is a
 * recorded decision, not an error), break-glass reviews, and the releases holders record before serving data.
 * Grants expire on ledger time.
 */
@Contract(name = ContractNames.ACCESS)
public final class AccessContract implements LedgerContract {
    private static final int MAX_TX_ID = 256;

    /** Sets the next version of the policy {@code {"version", "rules", "breakGlass"}}; consortium admins only. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String setPolicy(LedgerContext ctx, String policy) {
        AccessPolicy next = Args.json(
                "policy",
                policy,
                json -> AccessPolicy.fromRequest(json, ctx.caller().participantId(), ctx.txTimestamp()));
        ctx.access().requireAdmin();
        LedgerStore ledger = ctx.ledger();
        long expected = new AccessRecords(ledger)
                .currentPolicy()
                .map(p -> p.version() + 1)
                .orElse(1L);
        if (next.version() != expected) {
            throw new FlChaincodeException(
                    ErrorCode.POLICY_VERSION_CONFLICT,
                    "the policy's version must be " + expected + ", got " + next.version());
        }
        ledger.put(ledger.keys().accessPolicy(next.version()), next);
        return store(ledger, ledger.keys().currentAccessPolicy(), next, EventNames.ACCESS_POLICY_SET);
    }

    /** The policy of {@code version}, or the current one for {@code ""}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPolicy(LedgerContext ctx, String version) {
        Long number = version == null || version.isEmpty() ? null : Args.positive("version", version, Long.MAX_VALUE);
        ctx.access().requireReader();
        AccessRecords records = new AccessRecords(ctx.ledger());
        return encode(number == null ? records.requirePolicy() : records.policy(number));
    }

    /**
     * Posts the caller's risk attestation of one of its patients
     * {@code {"patientRef", "datasetId", "taskId", "round", "modelCid", "classIndex", "probability", "observedAt",
     * "ttlSeconds"}}; the first one binds the patient to the caller.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String postAttestation(LedgerContext ctx, String attestation) {
        RiskAttestation.Claim claim = Args.json("attestation", attestation, RiskAttestation.Claim::fromJson);
        Participant holder = ctx.access().requireDataHolder();
        LedgerStore ledger = ctx.ledger();
        AccessRecords records = new AccessRecords(ledger);
        RiskAttestation accepted = AttestationCheck.accept(ledger, records, holder, claim, ctx.txTimestamp());
        if (records.binding(claim.patientRef()).isEmpty()) {
            ledger.put(
                    ledger.keys().patient(claim.patientRef()),
                    new PatientBinding(claim.patientRef(), holder.id(), claim.datasetId(), ctx.txTimestamp()));
        }
        return store(ledger, ledger.keys().attestation(claim.patientRef()), accepted, EventNames.RISK_ATTESTED);
    }

    /** {@code {"attestation", "live"}}: the patient's latest attestation and whether it holds at ledger time. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getAttestation(LedgerContext ctx, String patientRef) {
        patientRef(patientRef);
        ctx.access().requireReader();
        RiskAttestation attestation = new AccessRecords(ctx.ledger())
                .attestation(patientRef)
                .orElseThrow(() ->
                        new FlChaincodeException(ErrorCode.NOT_FOUND, "patient " + patientRef + " has no attestation"));
        Map<String, Object> json = new TreeMap<>();
        json.put("attestation", attestation.toJson());
        json.put("live", attestation.liveAt(ctx.txTimestamp()));
        return CanonicalJson.encode(json);
    }

    /**
     * Decides the caller's request {@code {"patientRef", "purpose", "scopes"?, "reason"?}} and records the decision
     * under this transaction's id, granted or denied.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String requestAccess(LedgerContext ctx, String request) {
        AccessRequest asked = Args.json("request", request, AccessRequest::fromJson);
        Participant requester = ctx.access().requireActive();
        LedgerStore ledger = ctx.ledger();
        AccessRecords records = new AccessRecords(ledger);
        AccessPolicy policy = records.requirePolicy();
        PatientBinding patient = records.requireBinding(asked.patientRef());
        Instant now = ctx.txTimestamp();
        // Counting reads the requester's break-glass range, so two emergencies of one requester in a block conflict
        // rather than both escaping the flag; only a request that may break the glass reads it.
        long prior =
                asked.purpose().emergency() ? records.priorBreakGlass(requester.id(), policy.breakGlass(), now) : 0;
        AccessRules.Verdict verdict = Rules.enforce(() -> AccessRules.decide(
                policy, requester.role(), asked, records.attestation(asked.patientRef()), prior, now));
        AccessDecision decision = AccessDecision.of(
                ctx.txId(),
                requester.id(),
                requester.role(),
                patient.holderId(),
                asked,
                policy.version(),
                verdict,
                now);
        Keys keys = ledger.keys();
        if (decision.granted()) {
            ledger.put(keys.accessGrant(requester.id(), decision.patientRef(), decision.id()), decision);
        }
        if (decision.breakGlass()) {
            ledger.put(keys.breakGlass(requester.id(), decision.id()), decision);
            ledger.put(keys.accessReview(decision.id()), BreakGlassReview.open(decision));
        }
        return store(
                ledger,
                keys.accessDecision(decision.id()),
                decision,
                decision.granted() ? EventNames.ACCESS_GRANTED : EventNames.ACCESS_DENIED);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getDecision(LedgerContext ctx, String decisionId) {
        Args.text("decisionId", decisionId, MAX_TX_ID);
        ctx.access().requireReader();
        return encode(new AccessRecords(ctx.ledger()).decision(decisionId));
    }

    /** {@code {"items", "bookmark", "count"}}, every decision in id order. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listDecisions(LedgerContext ctx, String pageSize, String bookmark) {
        return ctx.listing(Keys::allAccessDecisions, pageSize, bookmark, AccessDecision::fromJson);
    }

    /**
     * The requester's live grant for the patient that covers {@code scope} and lasts longest, at ledger time; what a
     * data holder checks before it serves records. Writes nothing.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String checkGrant(LedgerContext ctx, String requesterId, String patientRef, String scope) {
        Args.participantId("requesterId", requesterId);
        patientRef(patientRef);
        RecordScope wanted = Rules.enforce(() -> RecordScope.fromWire(scope));
        ctx.access().requireReader();
        Instant now = ctx.txTimestamp();
        return encode(new AccessRecords(ctx.ledger())
                .liveGrant(requesterId, patientRef, wanted, now)
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.NO_LIVE_GRANT,
                        "requester " + requesterId + " holds no grant for patient " + patientRef + " covering "
                                + wanted.wire() + " at " + now)));
    }

    /**
     * Records that the caller, the patient's data holder, releases one scope of the records under a live grant:
     * {@code {"decisionId", "scope", "recordsSha256"}}. The release's id is this transaction's id.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String recordRelease(LedgerContext ctx, String release) {
        ReleaseRecord.Request request = Args.json("release", release, ReleaseRecord.Request::fromJson);
        Participant holder = ctx.access().requireActive();
        LedgerStore ledger = ctx.ledger();
        AccessRecords records = new AccessRecords(ledger);
        AccessDecision decision = records.decision(request.decisionId());
        if (!records.requireBinding(decision.patientRef()).holderId().equals(holder.id())) {
            throw new FlChaincodeException(
                    ErrorCode.NOT_PATIENT_HOLDER,
                    "only the data holder of patient " + decision.patientRef() + " releases its records");
        }
        Instant now = ctx.txTimestamp();
        if (!decision.covers(request.scope(), now)) {
            throw new FlChaincodeException(
                    ErrorCode.NO_LIVE_GRANT,
                    "decision " + decision.id() + " is " + (decision.granted() ? "a grant" : "a denial")
                            + (decision.granted() ? " of " + decision.scopes() + " until " + decision.expiresAt() : "")
                            + ", not a live grant of " + request.scope().wire() + " at " + now);
        }
        ReleaseRecord released = ReleaseRecord.of(ctx.txId(), request, decision, now);
        return store(ledger, ledger.keys().release(decision.id(), released.id()), released, EventNames.DATA_RELEASED);
    }

    /** {@code {"items", "bookmark", "count"}}: the releases under one decision, or all for {@code ""}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listReleases(LedgerContext ctx, String decisionId, String pageSize, String bookmark) {
        if (decisionId == null || decisionId.isEmpty()) {
            return ctx.listing(Keys::allReleases, pageSize, bookmark, ReleaseRecord::fromJson);
        }
        Args.text("decisionId", decisionId, MAX_TX_ID);
        return ctx.listing(keys -> keys.releasesOf(decisionId), pageSize, bookmark, ReleaseRecord::fromJson);
    }

    /** Closes the open review of a break-glass grant {@code {"outcome": "justified"|"unjustified", "note"}}. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String closeReview(LedgerContext ctx, String decisionId, String closing) {
        Args.text("decisionId", decisionId, MAX_TX_ID);
        BreakGlassReview.Closing with = Args.json("closing", closing, BreakGlassReview.Closing::fromJson);
        Participant officer = ctx.access().requireActive(Role.PRIVACY_OFFICER);
        LedgerStore ledger = ctx.ledger();
        BreakGlassReview review = new AccessRecords(ledger).review(decisionId);
        BreakGlassReview closed = Rules.enforce(() -> review.close(with, officer.id(), ctx.txTimestamp()));
        return store(ledger, ledger.keys().accessReview(decisionId), closed, EventNames.REVIEW_CLOSED);
    }

    /**
     * {@code {"items", "bookmark", "count"}}: reviews in decision id order, those with {@code status} ("open",
     * "closed") or all for {@code ""}. A filtered page may hold fewer than {@code pageSize} items (even none) while
     * its bookmark leads on: follow bookmarks to the end.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listReviews(LedgerContext ctx, String status, String pageSize, String bookmark) {
        BreakGlassReview.Status wanted = status == null || status.isEmpty()
                ? null
                : Rules.enforce(() -> BreakGlassReview.Status.fromWire(status));
        Args.Paging paging = Args.paging(pageSize, bookmark);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Page<BreakGlassReview> page = ledger.page(
                ledger.keys().allAccessReviews(), paging.size(), paging.bookmark(), BreakGlassReview::fromJson);
        Page<BreakGlassReview> filtered = new Page<>(
                page.items().stream()
                        .filter(review -> wanted == null || review.status() == wanted)
                        .toList(),
                page.bookmark());
        return CanonicalJson.encode(filtered.toJson(BreakGlassReview::toJson));
    }

    private static void patientRef(String patientRef) {
        Rules.enforce(() -> Checks.sha256("patientRef", patientRef));
    }

    private static String store(LedgerStore ledger, String key, JsonRecord record, String event) {
        byte[] json = ledger.put(key, record);
        ledger.emit(event, json);
        return new String(json, UTF_8);
    }

    private static String encode(JsonRecord record) {
        return CanonicalJson.encode(record.toJson());
    }
}
