package org.medfed.chaincode.subset;

import static org.medfed.chaincode.subset.TwoStage.CLINIC_ROWS;
import static org.medfed.chaincode.subset.TwoStage.HOSPITAL_ROWS;
import static org.medfed.chaincode.subset.TwoStage.TASK;
import static org.medfed.chaincode.subset.TwoStage.altered;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.util.List;
import java.util.Map;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.Env;

/**
 * The shared subset's error codes for {@code EveryErrorCodeTest}: each provoked on two-stage task {@value
 * TwoStage#TASK} beside the consortium's running task, which it leaves alone.
 */
public final class SubsetProvocations {
    private SubsetProvocations() {}

    /** Provokes {@code code} on {@code ledger}, where the consortium is registered; checks it writes nothing. */
    public static void provoke(ErrorCode code, LedgerHarness ledger) {
        TwoStage stage = TwoStage.on(ledger);
        SubsetContract subset = stage.subset;
        try {
            switch (code) {
                case NO_SHARED_SUBSET -> ledger.refused(code, HOSPITAL, ctx -> subset.getSubset(ctx, Consortium.TASK));
                case MEMBER_KEY_MISSING ->
                    ledger.refused(
                            code,
                            HOSPITAL,
                            ctx -> subset.contributeRows(ctx, TwoStage.json(HOSPITAL_ROWS.contribution())));
                case CONSENT_MISMATCH -> {
                    stage.withKeys();
                    String other = altered(HOSPITAL_ROWS.contribution(), "consent", "other consent");
                    ledger.refused(code, HOSPITAL, ctx -> subset.contributeRows(ctx, other));
                }
                case SUBSET_CLASS_FULL -> {
                    stage.withKeys();
                    String full = altered(HOSPITAL_ROWS.contribution(), "classCounts", List.of(5L, 0L));
                    ledger.refused(code, HOSPITAL, ctx -> subset.contributeRows(ctx, full));
                }
                case WRAPPED_KEYS_MISMATCH -> {
                    stage.withKeys();
                    TwoStage.Sealed org1Only = TwoStage.seal(
                            HOSPITAL, TwoStage.HOSPITAL_X, TwoStage.HOSPITAL_Y, TwoStage.members(TwoStage.ORG1_KEY));
                    ledger.refused(
                            code, HOSPITAL, ctx -> subset.contributeRows(ctx, TwoStage.json(org1Only.contribution())));
                }
                case SUBSET_NOT_READY -> {
                    AggregatorContract aggregator = stage.aggregator("Org1MSP", TwoStage.ORG1_KEY.privateScalar32());
                    ledger.refused(code, HOSPITAL, ctx -> aggregator.warmUp(ctx, TASK));
                }
                case SUBSET_NOT_WARMED ->
                    ledger.refused(
                            code,
                            HOSPITAL,
                            ctx -> ledger.rounds.submitUpdate(
                                    ctx,
                                    Fixtures.json(Fixtures.update(
                                            TASK,
                                            1,
                                            Consortium.datasetOf(HOSPITAL),
                                            TwoStage.initialRef().sha256(),
                                            "early"))));
                case SUBSET_KEY_UNAVAILABLE -> {
                    ready(stage);
                    AggregatorContract keyless = stage.aggregator("Org1MSP", null);
                    ledger.refused(code, HOSPITAL, ctx -> keyless.warmUp(ctx, TASK));
                }
                case SUBSET_CLOSED -> {
                    ready(stage);
                    stage.warmUp(CLINIC);
                    ledger.refused(
                            code,
                            HOSPITAL,
                            ctx -> subset.declineRows(ctx, TASK, Consortium.datasetOf(HOSPITAL), "late"));
                }
                default -> throw new IllegalArgumentException(code + " is not a shared-subset code");
            }
        } finally {
            Env.host(Map.of());
        }
    }

    private static void ready(TwoStage stage) {
        stage.withKeys();
        stage.contribute(HOSPITAL, HOSPITAL_ROWS);
        stage.contribute(CLINIC, CLINIC_ROWS);
    }
}
