package org.medfed.common.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * An accepted update as the ledger keeps it: the submission plus who sent it, when, in which transaction, the
 * participant's cumulative ε in the task after this update (and the RDP order that gave it), and its reputation at
 * the time, so the provenance of a model needs no recomputation. In a task without differential privacy nothing is
 * charged: {@code epsilon} and {@code epsilonOrder} are both null, and absent from the JSON.
 */
public record UpdateRecord(
        UpdateSubmission submission,
        String participantId,
        Instant submittedAt,
        String txId,
        BigDecimal epsilon,
        BigDecimal epsilonOrder,
        BigDecimal reputation)
        implements JsonRecord {

    public UpdateRecord {
        Checks.required("submission", submission);
        Checks.sha256("participantId", participantId);
        Checks.required("submittedAt", submittedAt);
        Checks.text("txId", txId, 256);
        if ((epsilon == null) != (epsilonOrder == null)) {
            throw new IllegalArgumentException("epsilon and epsilonOrder are both set (a DP task) or both absent");
        }
        epsilon = epsilon == null ? null : Checks.decimal("epsilon", epsilon, BigDecimal.ZERO, null);
        epsilonOrder = epsilonOrder == null ? null : Checks.positive("epsilonOrder", epsilonOrder);
        reputation = Checks.decimal("reputation", reputation, BigDecimal.ZERO, BigDecimal.ONE);
    }

    /** The participant's cumulative ε after this update; empty in a task without differential privacy. */
    public Optional<BigDecimal> epsilonSpent() {
        return Optional.ofNullable(epsilon);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("submission", submission.toJson());
        json.put("participantId", participantId);
        json.put("submittedAt", submittedAt.toString());
        json.put("txId", txId);
        if (epsilon != null) {
            json.put("epsilon", epsilon);
            json.put("epsilonOrder", epsilonOrder);
        }
        json.put("reputation", reputation);
        return json;
    }

    public static UpdateRecord fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json, "submission", "participantId", "submittedAt", "txId", "epsilon", "epsilonOrder", "reputation");
        return new UpdateRecord(
                UpdateSubmission.fromJson(JsonFields.object(json, "submission")),
                JsonFields.string(json, "participantId"),
                JsonFields.instant(json, "submittedAt"),
                JsonFields.string(json, "txId"),
                JsonFields.optionalDecimal(json, "epsilon"),
                JsonFields.optionalDecimal(json, "epsilonOrder"),
                JsonFields.decimal(json, "reputation"));
    }
}
