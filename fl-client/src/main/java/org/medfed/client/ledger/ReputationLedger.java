package org.medfed.client.ledger;

import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.reputation.ReputationChange;

/** The {@code reputation} contract: participants' scores per task and how they changed. */
public final class ReputationLedger {

    private final LedgerCalls calls;

    public ReputationLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    public Reply<ReputationView> get(String taskId, String participantId) throws MedfedException {
        return calls.evaluate(ReputationView::fromJson, TxNames.REPUTATION_GET, taskId, participantId);
    }

    /** Every change, oldest first. */
    public Reply<List<ReputationChange>> history(String taskId, String participantId) throws MedfedException {
        return calls.evaluate(
                json -> JsonFields.objects(json, "changes").stream()
                        .map(ReputationChange::fromJson)
                        .toList(),
                TxNames.REPUTATION_GET_HISTORY,
                taskId,
                participantId);
    }
}
