package org.medfed.chaincode.round;

import org.medfed.chaincode.support.LedgerContext;
import org.medfed.common.model.AggregationRequest;
import org.medfed.contract.support.Args;

/**
 * For ledger tests that need aggregated rounds without blobs: records a hand-made report with exactly the rules
 * {@code aggregator:aggregateRound} applies to its recomputed one ({@link AggregationRecorder}). No gateway path
 * reaches this: {@code round:recordAggregation} is retired.
 */
public final class Recorder {

    private Recorder() {
    }

    public static String record(LedgerContext ctx, String reportJson) {
        return new AggregationRecorder().record(ctx, Args.json("report", reportJson, AggregationRequest::fromJson));
    }
}
