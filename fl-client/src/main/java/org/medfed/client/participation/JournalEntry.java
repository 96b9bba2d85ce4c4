package org.medfed.client.participation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.UpdateSubmission;

/**
 * Where this node stands in one round of one task. {@code baseModelSha256} identifies the round's starting point: a
 * round re-opened after an abort keeps its base model, so an update already uploaded for it is submitted again
 * rather than trained again (re-publishing the same update costs no privacy budget; training again would).
 */
public record JournalEntry(
        String taskId,
        long round,
        String baseModelSha256,
        Phase phase,
        UpdateSubmission submission,
        String detail,
        Instant at) {

    /** Stable names: they are written to the journal file. */
    public enum Phase {
        /** Trained and added to IPFS; the submission below is ready but not known to be on the ledger. */
        UPLOADED,
        /** On the ledger. */
        SUBMITTED,
        /** Local training declined the round (budget, data); not retried. */
        REFUSED,
        /** The ledger refused the submission for good (round no longer open, stale, policy); not retried. */
        MISSED
    }

    public JournalEntry {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(baseModelSha256, "baseModelSha256");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(at, "at");
        if (phase == Phase.UPLOADED && submission == null) {
            throw new IllegalArgumentException("an uploaded entry needs its submission");
        }
    }

    public boolean isFor(long otherRound, String otherBaseSha256) {
        return round == otherRound && baseModelSha256.equals(otherBaseSha256);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("baseModelSha256", baseModelSha256);
        json.put("phase", phase.name());
        json.put("submission", submission == null ? null : submission.toJson());
        json.put("detail", detail);
        json.put("at", at.toString());
        return json;
    }

    static JournalEntry fromJson(Map<String, Object> json) {
        Map<String, Object> submission = JsonFields.optionalObject(json, "submission");
        return new JournalEntry(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                JsonFields.string(json, "baseModelSha256"),
                Phase.valueOf(JsonFields.string(json, "phase")),
                submission == null ? null : UpdateSubmission.fromJson(submission),
                JsonFields.optionalString(json, "detail"),
                Instant.parse(JsonFields.string(json, "at")));
    }
}
