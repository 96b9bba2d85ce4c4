package org.medfed.client.ledger;

import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.RoundVerification;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.TxNames;

/** The {@code round} contract's reads and the close; rounds are numbered from 1. */
public final class RoundLedger {

    private final LedgerCalls calls;

    public RoundLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    public Reply<RoundView> get(String taskId, long round) throws MedfedException {
        return calls.evaluate(RoundView::fromJson, TxNames.ROUND_GET, taskId, Long.toString(round));
    }

    /** Submits an update; the answer is the ledger's update record, returned as JSON. */
    public String submitUpdate(UpdateSubmission submission) throws MedfedException {
        return calls.submit(json -> json, TxNames.ROUND_SUBMIT_UPDATE, CanonicalJson.encode(submission.toJson()))
                .json();
    }

    /** Every accepted update of a round, ordered by participant id (all pages of {@code round:listUpdates}). */
    public Reply<Page<UpdateRecord>> updates(String taskId, long round) throws MedfedException {
        return calls.all(
                UpdateRecord::fromJson,
                TxNames.ROUND_LIST_UPDATES,
                LedgerCalls.MAX_PAGE_SIZE,
                taskId,
                Long.toString(round));
    }

    public Reply<CloseResult> close(String taskId, long round) throws MedfedException {
        return calls.submit(CloseResult::fromJson, TxNames.ROUND_CLOSE, taskId, Long.toString(round));
    }

    /** The recorded aggregation of a round ({@code NOT_FOUND} until it is aggregated). */
    public Reply<AggregationRecord> aggregation(String taskId, long round) throws MedfedException {
        return calls.evaluate(AggregationRecord::fromJson, TxNames.ROUND_GET_AGGREGATION, taskId, Long.toString(round));
    }

    /**
     * {@code round:attestVerification}: the caller's organisation (an admin of it) attests that it recomputed the
     * round and got the recorded model {@code modelSha256}.
     */
    public Reply<RoundVerification> attestVerification(String taskId, long round, String modelSha256)
            throws MedfedException {
        return calls.submit(
                RoundVerification::fromJson,
                TxNames.ROUND_ATTEST_VERIFICATION,
                taskId,
                Long.toString(round),
                modelSha256);
    }

    /** {@code round:listVerifications}: the organisations' attestations of the round, by MSP id. */
    public Reply<List<RoundVerification>> verifications(String taskId, long round) throws MedfedException {
        return calls.evaluate(
                json -> JsonFields.objects(json, "items").stream()
                        .map(RoundVerification::fromJson)
                        .toList(),
                TxNames.ROUND_LIST_VERIFICATIONS,
                taskId,
                Long.toString(round));
    }

    /** The participant's ε spent in the task; {@link PrivacyBudget#remaining()} equals the ledger's "remaining". */
    public Reply<PrivacyBudget> privacyBudget(String taskId, String participantId) throws MedfedException {
        return calls.evaluate(PrivacyBudget::fromJson, TxNames.ROUND_GET_PRIVACY_BUDGET, taskId, participantId);
    }
}
