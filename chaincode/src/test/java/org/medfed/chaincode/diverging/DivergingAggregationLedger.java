package org.medfed.chaincode.diverging;

import org.medfed.aggregator.AggregationLedger;
import org.medfed.chaincode.round.LedgerAggregationPort;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.codec.Cids;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.subset.WarmUpInput;
import org.medfed.common.subset.WarmUpRequest;
import org.medfed.contract.support.FlContext;

/**
 * Test only: the aggregator's ledger side, except that it records the recomputed model under a SHA-256 one step off
 * (with the raw-leaf CID that goes with it), so this organisation's endorsement differs from every other's and the
 * real-network AggregationIT can provoke an endorsement mismatch. It ships only in {@code chaincode-*-diverging.jar},
 * which the IT puts before the server jar on one organisation's class path ({@code MEDFED_CC_CLASSPATH_<ORG>}); that
 * jar's {@code META-INF/services} entry (src/test/diverging) makes {@link java.util.ServiceLoader} find this provider
 * first. The production jar holds no such switch.
 */
public final class DivergingAggregationLedger implements AggregationLedger {
    private final AggregationLedger ledger = new LedgerAggregationPort();

    @Override
    public RoundInput load(FlContext ctx, String taskId, long round) {
        return ledger.load(ctx, taskId, round);
    }

    @Override
    public RoundInput input(FlContext ctx, String taskId, long round) {
        return ledger.input(ctx, taskId, round);
    }

    @Override
    public String record(FlContext ctx, AggregationRequest report) {
        return ledger.record(ctx, diverged(report));
    }

    @Override
    public WarmUpInput loadWarmUp(FlContext ctx, String taskId) {
        return ledger.loadWarmUp(ctx, taskId);
    }

    @Override
    public WarmUpInput warmUpInput(FlContext ctx, String taskId) {
        return ledger.warmUpInput(ctx, taskId);
    }

    @Override
    public String recordWarmUp(FlContext ctx, WarmUpRequest request) {
        return ledger.recordWarmUp(ctx, request);
    }

    /** The report with another model: nobody stores it, but it is never committed either. */
    static AggregationRequest diverged(AggregationRequest report) {
        String sha256 = offByOne(report.globalModel().sha256());
        ContentRef model = new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha256), sha256);
        return new AggregationRequest(
                report.taskId(),
                report.round(),
                model,
                report.contributions(),
                report.excluded(),
                report.optimizerState());
    }

    private static String offByOne(String sha256) {
        int last = Character.digit(sha256.charAt(sha256.length() - 1), 16);
        return sha256.substring(0, sha256.length() - 1) + Character.forDigit((last + 1) % 16, 16);
    }
}
