package org.medfed.client.ledger;

import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.AccessPolicy;
import org.medfed.common.access.AccessRequest;
import org.medfed.common.access.BreakGlassReview;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.protocol.TxNames;

/**
 * The {@code access} contract (docs/access.md): the policy, risk attestations, decisions (a denial is an answer,
 * not an error), the grant check a data holder runs before serving records, releases and break-glass reviews.
 */
public final class AccessLedger {

    private final LedgerCalls calls;

    public AccessLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    /** {@code access:setPolicy} with {@code {"version", "rules", "breakGlass"}}, sent in canonical form. */
    public Reply<AccessPolicy> setPolicy(String policyJson) throws MedfedException {
        return calls.submit(
                AccessPolicy::fromJson,
                TxNames.ACCESS_SET_POLICY,
                CanonicalJson.encode(CanonicalJson.parse(policyJson)));
    }

    /** The policy of {@code version}, or the current one when {@code version} is null. */
    public Reply<AccessPolicy> policy(Long version) throws MedfedException {
        return calls.evaluate(
                AccessPolicy::fromJson, TxNames.ACCESS_GET_POLICY, version == null ? "" : Long.toString(version));
    }

    public Reply<RiskAttestation> postAttestation(RiskAttestation.Claim claim) throws MedfedException {
        return calls.submit(
                RiskAttestation::fromJson, TxNames.ACCESS_POST_ATTESTATION, CanonicalJson.encode(claim.toJson()));
    }

    public Reply<AttestationView> attestation(String patientRef) throws MedfedException {
        return calls.evaluate(AttestationView::fromJson, TxNames.ACCESS_GET_ATTESTATION, patientRef);
    }

    /** {@code access:requestAccess}: the recorded decision, granted or denied. */
    public Reply<AccessDecision> requestAccess(AccessRequest request) throws MedfedException {
        return calls.submit(AccessDecision::fromJson, TxNames.ACCESS_REQUEST, CanonicalJson.encode(request.toJson()));
    }

    public Reply<AccessDecision> decision(String decisionId) throws MedfedException {
        return calls.evaluate(AccessDecision::fromJson, TxNames.ACCESS_GET_DECISION, decisionId);
    }

    public Reply<Page<AccessDecision>> decisions(int pageSize, String bookmark) throws MedfedException {
        return calls.page(AccessDecision::fromJson, TxNames.ACCESS_LIST_DECISIONS, pageSize, bookmark);
    }

    public Reply<Page<AccessDecision>> allDecisions(int pageSize) throws MedfedException {
        return calls.all(AccessDecision::fromJson, TxNames.ACCESS_LIST_DECISIONS, pageSize);
    }

    /**
     * {@code access:checkGrant}, evaluated: the requester's live grant for the patient covering {@code scope}; a
     * {@code NO_LIVE_GRANT} failure when there is none.
     */
    public Reply<AccessDecision> checkGrant(String requesterId, String patientRef, RecordScope scope)
            throws MedfedException {
        return calls.evaluate(
                AccessDecision::fromJson, TxNames.ACCESS_CHECK_GRANT, requesterId, patientRef, scope.wire());
    }

    /** {@code access:recordRelease}: to be committed before the holder serves the records. */
    public Reply<ReleaseRecord> recordRelease(ReleaseRecord.Request release) throws MedfedException {
        return calls.submit(
                ReleaseRecord::fromJson, TxNames.ACCESS_RECORD_RELEASE, CanonicalJson.encode(release.toJson()));
    }

    /** The releases under {@code decisionId}, or every release when it is null. */
    public Reply<Page<ReleaseRecord>> releases(String decisionId, int pageSize, String bookmark)
            throws MedfedException {
        return calls.page(
                ReleaseRecord::fromJson, TxNames.ACCESS_LIST_RELEASES, pageSize, bookmark, orEmpty(decisionId));
    }

    public Reply<Page<ReleaseRecord>> allReleases(String decisionId, int pageSize) throws MedfedException {
        return calls.all(ReleaseRecord::fromJson, TxNames.ACCESS_LIST_RELEASES, pageSize, orEmpty(decisionId));
    }

    public Reply<BreakGlassReview> closeReview(String decisionId, BreakGlassReview.Closing closing)
            throws MedfedException {
        return calls.submit(
                BreakGlassReview::fromJson,
                TxNames.ACCESS_CLOSE_REVIEW,
                decisionId,
                CanonicalJson.encode(closing.toJson()));
    }

    /**
     * Reviews with {@code status}, or all when it is null. A filtered page may hold fewer items than asked for while
     * its bookmark leads on; {@link #allReviews} follows it to the end.
     */
    public Reply<Page<BreakGlassReview>> reviews(BreakGlassReview.Status status, int pageSize, String bookmark)
            throws MedfedException {
        return calls.page(BreakGlassReview::fromJson, TxNames.ACCESS_LIST_REVIEWS, pageSize, bookmark, wire(status));
    }

    public Reply<Page<BreakGlassReview>> allReviews(BreakGlassReview.Status status, int pageSize)
            throws MedfedException {
        return calls.all(BreakGlassReview::fromJson, TxNames.ACCESS_LIST_REVIEWS, pageSize, wire(status));
    }

    private static String wire(BreakGlassReview.Status status) {
        return status == null ? "" : status.wire();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
