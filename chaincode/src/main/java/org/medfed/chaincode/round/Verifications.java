package org.medfed.chaincode.round;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import java.util.Map;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.Records;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.RoundVerification;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;

/**
 * Organisations' attestations that they recomputed a round's aggregate ({@link RoundVerification}): what a task's
 * retention policy counts to release a round's inputs early. One per organisation and round, never changed; the
 * ledger does not recompute anything here, it records who vouches for what.
 */
final class Verifications {

    /**
     * Checks, in this order: arguments; the caller an admin of its organisation; the task; the round aggregated
     * ({@code NOT_FOUND}); {@code modelSha256} the recorded global model ({@code NOT_A_GLOBAL_MODEL}); no earlier
     * attestation of the caller's organisation ({@code ALREADY_EXISTS}).
     */
    String attest(LedgerContext ctx, String taskId, String round, String modelSha256) {
        Args.id("taskId", taskId);
        long number = Args.positive("round", round, Long.MAX_VALUE);
        try {
            Checks.sha256("modelSha256", modelSha256);
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
        String admin = ctx.access().requireAdmin();
        String mspId = ctx.caller().mspId();
        LedgerStore ledger = ctx.ledger();
        Records.task(ledger, taskId);
        AggregationRecord aggregation = ledger.find(
                        ledger.keys().aggregation(taskId, number), AggregationRecord::fromJson)
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.NOT_FOUND,
                        "round " + number + " of task " + taskId + " has no aggregation to verify"));
        if (!aggregation.globalModel().sha256().equals(modelSha256)) {
            throw new FlChaincodeException(
                    ErrorCode.NOT_A_GLOBAL_MODEL,
                    "round " + number + " of task " + taskId + " recorded model "
                            + aggregation.globalModel().sha256() + ", not " + modelSha256
                            + ": only a recomputation that matches the record is attested");
        }
        String key = ledger.keys().verification(taskId, number, mspId);
        if (ledger.exists(key)) {
            throw new FlChaincodeException(
                    ErrorCode.ALREADY_EXISTS,
                    mspId + " already attested that it verified round " + number + " of task " + taskId);
        }
        RoundVerification verification = new RoundVerification(
                taskId, number, mspId, aggregation.globalModel(), admin, ctx.txTimestamp(), ctx.txId());
        byte[] json = ledger.put(key, verification);
        ledger.emit(EventNames.ROUND_VERIFIED, json);
        return new String(json, UTF_8);
    }

    /** {@code {"taskId", "round", "items"}}: the round's attestations by MSP id; none before it is aggregated. */
    String list(LedgerContext ctx, String taskId, String round) {
        Args.id("taskId", taskId);
        long number = Args.positive("round", round, Long.MAX_VALUE);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Records.round(ledger, taskId, number);
        List<Map<String, Object>> items =
                ledger.scan(ledger.keys().verificationsOf(taskId, number), RoundVerification::fromJson).stream()
                        .map(JsonRecord::toJson)
                        .toList();
        return CanonicalJson.encode(Map.of("taskId", taskId, "round", number, "items", items));
    }
}
