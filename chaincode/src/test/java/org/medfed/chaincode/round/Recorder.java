package org.medfed.chaincode.round;

import org.medfed.chaincode.support.LedgerContext;
import org.medfed.common.model.AggregationRequest;
import org.medfed.contract.support.Args;

/**
 * For ledger tests that need aggregated rounds without blobs: records a hand-made report with exactly the rules
 * {@code aggregator:aggregateRound} applies to its recomputed one ({@link AggregationRecorder}). Test code only: no
 * transaction records a caller's report.
 */
public final class Recorder {

    private Recorder() {}

    public static String record(LedgerContext ctx, String reportJson) {
        return new AggregationRecorder().record(ctx, Args.json("report", reportJson, AggregationRequest::fromJson));
    }
}
