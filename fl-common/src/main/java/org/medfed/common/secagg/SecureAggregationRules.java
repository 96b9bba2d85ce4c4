package org.medfed.common.secagg;

import java.util.Set;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.dp.noise.GridGaussianSum;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * What a task that aggregates securely must also be (docs/secure-aggregation.md, "The task spec"): only the sum of
 * the updates is ever seen, so every rule that needs one update (robust strategies, norm clipping or reputation
 * weighting per update) is impossible, and distributed DP is sound only for one DP-SGD step per round. Checked at
 * task creation, so a task that could never finish a round is refused before anyone posts a key.
 */
public final class SecureAggregationRules {
    /** The strategies that are linear in the updates, so applying them to the sum is applying them to each. */
    public static final Set<String> LINEAR_STRATEGIES =
            Set.of(Strategies.FEDAVG, Strategies.FEDADAM, Strategies.FEDYOGI);

    private SecureAggregationRules() {}

    /** @throws RuleViolation {@link ErrorCode#SECURE_AGGREGATION_UNSUPPORTED}, naming the field at fault */
    public static void requireCompatible(TaskSpec spec) {
        SecureAggregationSpec secure = spec.secureAggregationSpec().orElse(null);
        if (secure == null) {
            return;
        }
        if (!spec.differentiallyPrivate()) {
            throw refused("secure aggregation needs a dp policy: each site adds its share of the noise of a central"
                    + " DP-SGD step, so a task without dp has nothing to distribute");
        }
        if (spec.training().epochs() != 1) {
            throw refused("training.epochs must be 1 with secure aggregation (a round is one DP-SGD step; several local"
                    + " steps with only a share of the noise have no central guarantee), got "
                    + spec.training().epochs());
        }
        if (!LINEAR_STRATEGIES.contains(spec.strategy().name())) {
            throw refused("strategy " + spec.strategy().name() + " needs to see each update; with secure aggregation"
                    + " only the sum is seen: use one of " + new java.util.TreeSet<>(LINEAR_STRATEGIES));
        }
        for (String decorator : Set.of("maxNorm", "reputationWeighted")) {
            if (spec.strategy().params().containsKey(decorator)) {
                throw refused("strategy parameter " + decorator + " acts on each update, which secure aggregation"
                        + " hides; the DP clip norm already bounds each record's contribution");
            }
        }
        if (spec.quorum() < secure.minSurvivors()) {
            throw refused("quorum " + spec.quorum() + " is below secureAggregation.minSurvivors "
                    + secure.minSurvivors() + ": a round closed with fewer masked inputs could not be unmasked");
        }
        if (secure.minSurvivors() > spec.eligibleParticipants().size()) {
            throw refused("secureAggregation.minSurvivors " + secure.minSurvivors() + " exceeds the "
                    + spec.eligibleParticipants().size() + " eligible participants");
        }
        long parameters = spec.model().parameterCount();
        if (parameters > Integer.MAX_VALUE) {
            throw refused("the model's " + parameters + " parameters do not fit one masked vector");
        }
        int minimumBits = GridGaussianSum.gridBits((int) parameters);
        if (secure.quantizationBits() < minimumBits) {
            throw refused("secureAggregation.quantizationBits " + secure.quantizationBits() + " is below "
                    + minimumBits + ", the grid a model of " + parameters + " parameters needs for an exact"
                    + " sensitivity");
        }
        long eligible = spec.eligibleParticipants().size();
        if (Math.multiplyHigh(eligible, secure.inputBoundSteps()) != 0
                || eligible * secure.inputBoundSteps() >= 1L << 31) {
            throw refused("secureAggregation.inputBound " + secure.inputBound() + " · 2^" + secure.quantizationBits()
                    + " · " + eligible + " eligible participants reaches 2^31: the sum could wrap around modulo 2^32");
        }
        if (secure.keysSeconds() + secure.sharesSeconds() >= spec.roundDurationSeconds()) {
            throw refused("secureAggregation.keysSeconds + sharesSeconds must leave time for the masked inputs within"
                    + " roundDurationSeconds " + spec.roundDurationSeconds());
        }
    }

    private static RuleViolation refused(String message) {
        return new RuleViolation(ErrorCode.SECURE_AGGREGATION_UNSUPPORTED, message);
    }
}
