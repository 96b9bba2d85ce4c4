package org.medfed.common.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.reputation.ReputationPolicy;

/**
 * What an admin asks the consortium to train, fixed at creation. {@code quorum} is the minimum number of accepted
 * updates for a round to be aggregated; a round lasts {@code roundDurationSeconds} of ledger time; after
 * {@code maxAbortsBeforePause} consecutive aborts of a round the task pauses. Eligible participant ids and admitted
 * dataset ids are kept sorted, so the same spec in any order is the same record. {@code dp} is null for a task
 * without differential privacy (absent from the JSON), which the ledger then shows openly: its updates declare no
 * noise and charge no privacy budget. Prefer {@link #dpPolicy()} and {@link #differentiallyPrivate()} to {@code dp()}.
 * {@code secureAggregation} is null for a task in clear (absent from the JSON); with it, each round's updates are
 * masked and only their sum is seen (docs/secure-aggregation.md). {@code usePurpose} (null: none) says what the task
 * uses its datasets for; with it, each dataset's holder must approve before the task trains on it. {@code risk}
 * (null: none) makes the task a risk task whose global models attest patients' risk; a risk task must declare a
 * purpose (docs/access.md). {@code sharedSubset} (null: none) makes it a two-stage task: the initial model is warmed
 * up on rows its contributors share before round 1 opens to updates (docs/non-iid.md). {@code retention} (null: keep
 * everything, absent from the JSON) says when the organisations' IPFS nodes may unpin a round's update blobs
 * ({@link RetentionPolicy}).
 */
public record TaskSpec(
        String id,
        String title,
        ModelSpec model,
        TrainingSpec training,
        long rounds,
        long quorum,
        long roundDurationSeconds,
        long maxAbortsBeforePause,
        StrategySpec strategy,
        DpPolicy dp,
        ReputationPolicy reputation,
        List<String> eligibleParticipants,
        List<String> admittedDatasets,
        SecureAggregationSpec secureAggregation,
        UsePurpose usePurpose,
        RiskModelSpec risk,
        SharedSubsetSpec sharedSubset,
        RetentionPolicy retention)
        implements JsonRecord {
    public static final long MAX_ROUNDS = 1_000_000;
    public static final long MAX_ROUND_SECONDS = 366L * 24 * 3600;
    public static final int MAX_PARTICIPANTS = 1000;
    public static final int MAX_DATASETS = 1000;

    public TaskSpec {
        Checks.id("id", id);
        Checks.text("title", title, 256);
        Checks.required("model", model);
        Checks.required("training", training);
        Checks.range("rounds", rounds, 1, MAX_ROUNDS);
        Checks.range("roundDurationSeconds", roundDurationSeconds, 1, MAX_ROUND_SECONDS);
        Checks.range("maxAbortsBeforePause", maxAbortsBeforePause, 1, 1000);
        Checks.required("strategy", strategy);
        Checks.required("reputation", reputation);
        eligibleParticipants =
                Checks.sortedUnique("eligibleParticipants", eligibleParticipants, 1, MAX_PARTICIPANTS, Checks::sha256);
        admittedDatasets = Checks.sortedUnique("admittedDatasets", admittedDatasets, 1, MAX_DATASETS, Checks::id);
        Checks.range("quorum", quorum, 1, eligibleParticipants.size());
        if (risk != null && usePurpose == null) {
            throw new IllegalArgumentException("a risk task must declare its usePurpose, which data holders approve");
        }
        if (risk != null && risk.classes().size() != model.classes()) {
            throw new IllegalArgumentException(
                    "risk.classes names " + risk.classes().size() + " classes, the model has " + model.classes());
        }
        if (sharedSubset != null) {
            for (String contributor : sharedSubset.contributors()) {
                if (!admittedDatasets.contains(contributor)) {
                    throw new IllegalArgumentException("sharedSubset.contributors names dataset " + contributor
                            + ", which the task does not admit");
                }
            }
            if (secureAggregation != null) {
                throw new IllegalArgumentException("a shared subset's stage 2 adds shared rows to each site's "
                        + "training, which a secure round's single DP-SGD step on the sites' own samples does not "
                        + "take: choose one of sharedSubset and secureAggregation");
            }
        }
        if (retention != null && retention.orVerifiedBy() == null && retention.keepUpdatesRounds() >= rounds) {
            throw new IllegalArgumentException("retention.keepUpdatesRounds " + retention.keepUpdatesRounds()
                    + " keeps every update of a task of " + rounds + " rounds: leave retention out to keep everything");
        }
    }

    /** A task that keeps every round's updates (no retention policy). */
    public TaskSpec(
            String id,
            String title,
            ModelSpec model,
            TrainingSpec training,
            long rounds,
            long quorum,
            long roundDurationSeconds,
            long maxAbortsBeforePause,
            StrategySpec strategy,
            DpPolicy dp,
            ReputationPolicy reputation,
            List<String> eligibleParticipants,
            List<String> admittedDatasets,
            SecureAggregationSpec secureAggregation,
            UsePurpose usePurpose,
            RiskModelSpec risk,
            SharedSubsetSpec sharedSubset) {
        this(
                id,
                title,
                model,
                training,
                rounds,
                quorum,
                roundDurationSeconds,
                maxAbortsBeforePause,
                strategy,
                dp,
                reputation,
                eligibleParticipants,
                admittedDatasets,
                secureAggregation,
                usePurpose,
                risk,
                sharedSubset,
                null);
    }

    /** A task without a declared purpose or risk model. */
    public TaskSpec(
            String id,
            String title,
            ModelSpec model,
            TrainingSpec training,
            long rounds,
            long quorum,
            long roundDurationSeconds,
            long maxAbortsBeforePause,
            StrategySpec strategy,
            DpPolicy dp,
            ReputationPolicy reputation,
            List<String> eligibleParticipants,
            List<String> admittedDatasets,
            SecureAggregationSpec secureAggregation) {
        this(
                id,
                title,
                model,
                training,
                rounds,
                quorum,
                roundDurationSeconds,
                maxAbortsBeforePause,
                strategy,
                dp,
                reputation,
                eligibleParticipants,
                admittedDatasets,
                secureAggregation,
                null,
                null,
                null);
    }

    /** A task in clear: no secure aggregation. */
    public TaskSpec(
            String id,
            String title,
            ModelSpec model,
            TrainingSpec training,
            long rounds,
            long quorum,
            long roundDurationSeconds,
            long maxAbortsBeforePause,
            StrategySpec strategy,
            DpPolicy dp,
            ReputationPolicy reputation,
            List<String> eligibleParticipants,
            List<String> admittedDatasets) {
        this(
                id,
                title,
                model,
                training,
                rounds,
                quorum,
                roundDurationSeconds,
                maxAbortsBeforePause,
                strategy,
                dp,
                reputation,
                eligibleParticipants,
                admittedDatasets,
                null);
    }

    /** This task with another {@code id} and DP policy ({@code null}: a task without differential privacy). */
    public TaskSpec with(String otherId, DpPolicy otherDp) {
        Copy copy = new Copy(this);
        copy.id = otherId;
        copy.dp = otherDp;
        return copy.build();
    }

    /** This task with secure aggregation {@code spec} ({@code null}: in clear). */
    public TaskSpec withSecureAggregation(SecureAggregationSpec spec) {
        Copy copy = new Copy(this);
        copy.secureAggregation = spec;
        return copy.build();
    }

    /** This task with {@code purpose} declared ({@code null}: none) and risk model {@code riskModel}. */
    public TaskSpec withUse(UsePurpose purpose, RiskModelSpec riskModel) {
        Copy copy = new Copy(this);
        copy.usePurpose = purpose;
        copy.risk = riskModel;
        return copy.build();
    }

    /** This task with the shared subset {@code subset} ({@code null}: none). */
    public TaskSpec withSharedSubset(SharedSubsetSpec subset) {
        Copy copy = new Copy(this);
        copy.sharedSubset = subset;
        return copy.build();
    }

    /** This task with the retention policy {@code policy} ({@code null}: keep every update). */
    public TaskSpec withRetention(RetentionPolicy policy) {
        Copy copy = new Copy(this);
        copy.retention = policy;
        return copy.build();
    }

    /** A spec's fields to change one or two of: what the with-ers share, checked again by the constructor. */
    private static final class Copy {
        private String id;
        private final String title;
        private final ModelSpec model;
        private final TrainingSpec training;
        private final long rounds;
        private final long quorum;
        private final long roundDurationSeconds;
        private final long maxAbortsBeforePause;
        private final StrategySpec strategy;
        private DpPolicy dp;
        private final ReputationPolicy reputation;
        private final List<String> eligibleParticipants;
        private final List<String> admittedDatasets;
        private SecureAggregationSpec secureAggregation;
        private UsePurpose usePurpose;
        private RiskModelSpec risk;
        private SharedSubsetSpec sharedSubset;
        private RetentionPolicy retention;

        private Copy(TaskSpec spec) {
            id = spec.id;
            title = spec.title;
            model = spec.model;
            training = spec.training;
            rounds = spec.rounds;
            quorum = spec.quorum;
            roundDurationSeconds = spec.roundDurationSeconds;
            maxAbortsBeforePause = spec.maxAbortsBeforePause;
            strategy = spec.strategy;
            dp = spec.dp;
            reputation = spec.reputation;
            eligibleParticipants = spec.eligibleParticipants;
            admittedDatasets = spec.admittedDatasets;
            secureAggregation = spec.secureAggregation;
            usePurpose = spec.usePurpose;
            risk = spec.risk;
            sharedSubset = spec.sharedSubset;
            retention = spec.retention;
        }

        private TaskSpec build() {
            return new TaskSpec(
                    id,
                    title,
                    model,
                    training,
                    rounds,
                    quorum,
                    roundDurationSeconds,
                    maxAbortsBeforePause,
                    strategy,
                    dp,
                    reputation,
                    eligibleParticipants,
                    admittedDatasets,
                    secureAggregation,
                    usePurpose,
                    risk,
                    sharedSubset,
                    retention);
        }
    }

    /** The task's shared subset, empty unless it trains in two stages. */
    public Optional<SharedSubsetSpec> subset() {
        return Optional.ofNullable(sharedSubset);
    }

    /** The task's retention policy, empty when its nodes keep every round's updates. */
    public Optional<RetentionPolicy> retentionPolicy() {
        return Optional.ofNullable(retention);
    }

    /** Whether each admitted dataset's holder must approve the task's use of it before the task trains on it. */
    public boolean requiresDatasetApproval() {
        return usePurpose != null;
    }

    public Optional<UsePurpose> declaredPurpose() {
        return Optional.ofNullable(usePurpose);
    }

    /** The task's risk model, empty unless it is a risk task. */
    public Optional<RiskModelSpec> riskModel() {
        return Optional.ofNullable(risk);
    }

    /** Whether the round's updates are masked and only their sum is ever seen (docs/secure-aggregation.md). */
    public boolean securelyAggregated() {
        return secureAggregation != null;
    }

    /** The task's secure aggregation, empty for a task in clear. */
    public Optional<SecureAggregationSpec> secureAggregationSpec() {
        return Optional.ofNullable(secureAggregation);
    }

    /** Whether the task has a DP policy; without one no update is charged to a privacy budget. */
    public boolean differentiallyPrivate() {
        return dp != null;
    }

    /** The task's DP policy, empty for a task without differential privacy. */
    public Optional<DpPolicy> dpPolicy() {
        return Optional.ofNullable(dp);
    }

    public boolean isEligible(String participantId) {
        return eligibleParticipants.contains(participantId);
    }

    public boolean admits(String datasetId) {
        return admittedDatasets.contains(datasetId);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("id", id);
        json.put("title", title);
        json.put("model", model.toJson());
        json.put("training", training.toJson());
        json.put("rounds", rounds);
        json.put("quorum", quorum);
        json.put("roundDurationSeconds", roundDurationSeconds);
        json.put("maxAbortsBeforePause", maxAbortsBeforePause);
        json.put("strategy", strategy.toJson());
        if (dp != null) {
            json.put("dp", dp.toJson());
        }
        json.put("reputation", reputation.toJson());
        json.put("eligibleParticipants", eligibleParticipants);
        json.put("admittedDatasets", admittedDatasets);
        if (secureAggregation != null) {
            json.put("secureAggregation", secureAggregation.toJson());
        }
        if (usePurpose != null) {
            json.put("usePurpose", usePurpose.toJson());
        }
        if (risk != null) {
            json.put("risk", risk.toJson());
        }
        if (sharedSubset != null) {
            json.put("sharedSubset", sharedSubset.toJson());
        }
        if (retention != null) {
            json.put("retention", retention.toJson());
        }
        return json;
    }

    /**
     * {@code reputation} may be left out of a request; the default policy applies then. {@code dp} left out makes a
     * task without differential privacy; {@code retention} left out keeps every update.
     */
    public static TaskSpec fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "id",
                "title",
                "model",
                "training",
                "rounds",
                "quorum",
                "roundDurationSeconds",
                "maxAbortsBeforePause",
                "strategy",
                "dp",
                "reputation",
                "eligibleParticipants",
                "admittedDatasets",
                "secureAggregation",
                "usePurpose",
                "risk",
                "sharedSubset",
                "retention");
        Map<String, Object> retention = JsonFields.optionalObject(json, "retention");
        Map<String, Object> subset = JsonFields.optionalObject(json, "sharedSubset");
        Map<String, Object> purpose = JsonFields.optionalObject(json, "usePurpose");
        Map<String, Object> risk = JsonFields.optionalObject(json, "risk");
        Map<String, Object> secure = JsonFields.optionalObject(json, "secureAggregation");
        Map<String, Object> reputation = JsonFields.optionalObject(json, "reputation");
        Map<String, Object> dp = JsonFields.optionalObject(json, "dp");
        return new TaskSpec(
                JsonFields.string(json, "id"),
                JsonFields.string(json, "title"),
                ModelSpec.fromJson(JsonFields.object(json, "model")),
                TrainingSpec.fromJson(JsonFields.object(json, "training")),
                JsonFields.integer(json, "rounds"),
                JsonFields.integer(json, "quorum"),
                JsonFields.integer(json, "roundDurationSeconds"),
                JsonFields.integer(json, "maxAbortsBeforePause"),
                StrategySpec.fromJson(JsonFields.object(json, "strategy")),
                dp == null ? null : DpPolicy.fromJson(dp),
                reputation == null ? ReputationPolicy.defaults() : ReputationPolicy.fromJson(reputation),
                JsonFields.strings(json, "eligibleParticipants"),
                JsonFields.strings(json, "admittedDatasets"),
                secure == null ? null : SecureAggregationSpec.fromJson(secure),
                purpose == null ? null : UsePurpose.fromJson(purpose),
                risk == null ? null : RiskModelSpec.fromJson(risk),
                subset == null ? null : SharedSubsetSpec.fromJson(subset),
                retention == null ? null : RetentionPolicy.fromJson(retention));
    }
}
