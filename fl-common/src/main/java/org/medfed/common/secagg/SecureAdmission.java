package org.medfed.common.secagg;

import java.math.BigDecimal;
import java.time.Instant;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;
import org.medfed.common.round.RoundState;

/**
 * What a secure round asks of a masked input beyond {@link org.medfed.common.round.Admission}, checked after it: the
 * masked-input phase, shares posted in this attempt (else its masks could not be removed if it dropped), and
 * nothing released that the DP guarantee does not cover: no metrics, the registered row count rather than the
 * sample's size, and exactly the task's one DP-SGD step (q, σ, 1, C), which is what the ledger charges.
 */
public final class SecureAdmission {
    private SecureAdmission() {}

    /**
     * @param postedShares whether the participant posted shares in the round's current attempt
     * @param progress     how far the attempt got, which may have opened the masked-input phase early
     * @param dataset      the update's dataset, already admitted
     */
    public static void admitMasked(
            TaskSpec spec,
            RoundState round,
            boolean postedShares,
            SecurePhases.Progress progress,
            DatasetDescription dataset,
            UpdateSubmission update,
            Instant now) {
        SecureAggregationSpec secure = spec.secureAggregationSpec()
                .orElseThrow(() -> new IllegalArgumentException("task " + spec.id() + " aggregates in clear"));
        if (update.kind() != UpdateKind.MASKED) {
            throw refuse(
                    ErrorCode.SECURE_AGGREGATION_UNSUPPORTED,
                    "task " + spec.id() + " aggregates securely: it takes only masked inputs (kind masked), got "
                            + update.kind().wire());
        }
        SecurePhases.require(secure, round, now, progress, SecurePhases.Phase.INPUT);
        if (!postedShares) {
            throw refuse(
                    ErrorCode.ILLEGAL_TRANSITION,
                    "no shares from this participant in attempt " + round.attempt()
                            + ": its masks could not be removed if it dropped, so its masked input is refused");
        }
        if (!update.metrics().isEmpty()) {
            throw refuse(
                    ErrorCode.INVALID_ARGUMENT,
                    "a masked input releases no metrics: they would be outside the DP guarantee, got "
                            + update.metrics().keySet());
        }
        if (update.numExamples() != dataset.rowCount()) {
            throw refuse(
                    ErrorCode.INVALID_ARGUMENT,
                    "a masked input declares its dataset's registered row count " + dataset.rowCount()
                            + " (public), never the size of its private sample; got " + update.numExamples());
        }
        DpUsage step = step(spec);
        if (!same(update.dp(), step)) {
            throw refuse(
                    ErrorCode.DP_POLICY_VIOLATION,
                    "a masked input is exactly one DP-SGD step with the task's parameters " + step.toJson() + ", got "
                            + update.dp().toJson());
        }
    }

    /** The DP parameters of every masked input of the task: one step, the task's q, σ and C. */
    public static DpUsage step(TaskSpec spec) {
        DpPolicy policy = spec.dpPolicy().orElseThrow();
        return new DpUsage(
                spec.secureAggregationSpec().orElseThrow().samplingRate(),
                policy.noiseMultiplier(),
                1,
                policy.clipNorm());
    }

    private static boolean same(DpUsage a, DpUsage b) {
        return equal(a.samplingRate(), b.samplingRate())
                && equal(a.noiseMultiplier(), b.noiseMultiplier())
                && a.steps() == b.steps()
                && equal(a.clipNorm(), b.clipNorm());
    }

    private static boolean equal(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) == 0;
    }

    private static RuleViolation refuse(ErrorCode code, String message) {
        return new RuleViolation(code, message);
    }
}
