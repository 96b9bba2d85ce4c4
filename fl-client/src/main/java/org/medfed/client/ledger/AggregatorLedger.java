package org.medfed.client.ledger;

import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.protocol.TxNames;

/** The {@code aggregator} contract's reads. */
public final class AggregatorLedger {

    private final LedgerCalls calls;

    public AggregatorLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    /** The exact input of a closed or aggregated round: what {@code aggregator:aggregateRound} read. */
    public Reply<RoundInput> roundInput(String taskId, long round) throws MedfedException {
        return calls.evaluate(RoundInput::fromJson, TxNames.AGGREGATOR_GET_ROUND_INPUT, taskId, Long.toString(round));
    }
}
