package org.medfed.common.round;

import java.time.Instant;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;
import org.medfed.common.reputation.ReputationScore;

/**
 * Whether a round accepts an update ({@code round:submitUpdate}), checked in this order so a refusal names the
 * first problem: task active, participant eligible, round current, open and before its deadline, first update of
 * the participant in the round, trained from the round's base model, of the model's size, with a control delta
 * exactly in a SCAFFOLD task, on an owned and admitted dataset, by a participant above the reputation threshold,
 * within the task's DP policy. The privacy budget is checked after this, by the accountant. A task without DP takes only updates declaring noise multiplier 0: noise
 * it neither checks nor accounts for would let an update look private on the ledger when nothing says it is.
 */
public final class Admission {
    private Admission() {}

    /**
     * @param round the task's current round
     * @param dataset the dataset the update names, or null when it is not registered
     * @param duplicate whether the participant already has an update in this round
     */
    public static void admit(
            Task task,
            RoundState round,
            Participant participant,
            ReputationScore reputation,
            DatasetDescription dataset,
            boolean duplicate,
            UpdateSubmission update,
            Instant now) {
        task.requireActive();
        if (!task.spec().isEligible(participant.id())) {
            throw refuse(
                    ErrorCode.NOT_ELIGIBLE,
                    "participant " + participant.id() + " is not eligible for task " + task.id());
        }
        Rounds.requireCurrent(task, update.round());
        round.requireAccepting(now);
        if (duplicate) {
            throw refuse(
                    ErrorCode.DUPLICATE_SUBMISSION,
                    "participant " + participant.id() + " already submitted an update in round " + round.round());
        }
        if (!update.baseModelSha256().equals(round.baseModel().sha256())) {
            throw refuse(
                    ErrorCode.BASE_MODEL_MISMATCH,
                    "the update starts from " + update.baseModelSha256() + " but round " + round.round()
                            + " starts from " + round.baseModel().sha256());
        }
        long expected = task.spec().model().parameterCount();
        if (update.parameterCount() != expected) {
            throw refuse(
                    ErrorCode.SHAPE_MISMATCH,
                    "the update has " + update.parameterCount() + " parameters; the task's model has " + expected);
        }
        if (update.kind() == UpdateKind.MASKED && !task.spec().securelyAggregated()) {
            throw refuse(
                    ErrorCode.SECURE_AGGREGATION_UNSUPPORTED,
                    "task " + task.id() + " aggregates in clear, so it takes no masked update");
        }
        if (Strategies.needsControlVariate(task.spec().strategy()) != (update.controlDelta() != null)) {
            throw refuse(
                    ErrorCode.CONTROL_VARIATE_MISMATCH,
                    update.controlDelta() == null
                            ? "task " + task.id() + " trains with SCAFFOLD: the update must carry its control delta"
                            : "task " + task.id() + " trains with "
                                    + task.spec().strategy().name()
                                    + ", which keeps no control variate: the update must carry no control delta");
        }
        checkDataset(task, participant, dataset, update.datasetId());
        if (task.spec().reputation().excludes(reputation.score())) {
            throw refuse(
                    ErrorCode.REPUTATION_TOO_LOW,
                    "participant " + participant.id() + " has reputation "
                            + reputation.score().toPlainString() + ", below the task's threshold "
                            + task.spec().reputation().exclusionThreshold().toPlainString());
        }
        task.spec()
                .dpPolicy()
                .ifPresentOrElse(policy -> checkDpPolicy(policy, update.dp()), () -> checkNoNoiseClaimed(update.dp()));
    }

    private static void checkDataset(Task task, Participant participant, DatasetDescription dataset, String id) {
        if (dataset == null) {
            throw refuse(ErrorCode.DATASET_NOT_ADMITTED, "dataset " + id + " is not registered");
        }
        if (!dataset.ownerId().equals(participant.id())) {
            throw refuse(ErrorCode.DATASET_NOT_ADMITTED, "dataset " + id + " is registered by another participant");
        }
        if (!task.spec().admits(id)) {
            throw refuse(ErrorCode.DATASET_NOT_ADMITTED, "task " + task.id() + " does not admit dataset " + id);
        }
    }

    private static void checkDpPolicy(DpPolicy policy, DpUsage used) {
        if (used.noiseMultiplier().compareTo(policy.noiseMultiplier()) < 0) {
            throw refuse(
                    ErrorCode.DP_POLICY_VIOLATION,
                    "noise multiplier " + used.noiseMultiplier().toPlainString() + " is below the task's minimum "
                            + policy.noiseMultiplier().toPlainString());
        }
        if (used.clipNorm().compareTo(policy.clipNorm()) > 0) {
            throw refuse(
                    ErrorCode.DP_POLICY_VIOLATION,
                    "clip norm " + used.clipNorm().toPlainString() + " is above the task's maximum "
                            + policy.clipNorm().toPlainString());
        }
    }

    private static void checkNoNoiseClaimed(DpUsage used) {
        if (used.noiseMultiplier().signum() != 0) {
            throw refuse(
                    ErrorCode.DP_POLICY_VIOLATION,
                    "the task has no differential-privacy policy, so an update"
                            + " declares noise multiplier 0; it declares "
                            + used.noiseMultiplier().toPlainString());
        }
    }

    private static RuleViolation refuse(ErrorCode code, String message) {
        return new RuleViolation(code, message);
    }
}
