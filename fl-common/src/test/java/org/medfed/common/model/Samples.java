package org.medfed.common.model;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.reputation.ReputationPolicy;

/** Valid records for fl-common tests; vary one field at a time. */
public final class Samples {
    public static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    public static final String ALICE = participant("alice");
    public static final String BOB = participant("bob");
    public static final String CAROL = participant("carol");
    public static final String ADMIN = participant("admin");

    private Samples() {}

    public static String sha(String label) {
        return Hashing.sha256Hex(label.getBytes(UTF_8));
    }

    public static ContentRef ref(String label) {
        return new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha(label)), sha(label));
    }

    public static String participant(String name) {
        return ParticipantIds.of("Org1MSP", "CN=" + name + ",OU=client,O=Org1");
    }

    public static ModelSpec model() {
        return new ModelSpec("mlp", 4, List.of(3L), "relu", 2, ref("initial"));
    }

    public static DpPolicy dpPolicy() {
        return new DpPolicy(
                BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("0.00001"), BigDecimal.TEN, EpsilonConversion.IMPROVED);
    }

    public static ReputationPolicy reputationPolicy() {
        return new ReputationPolicy(
                new BigDecimal("0.5"),
                new BigDecimal("0.5"),
                new BigDecimal("0.2"),
                new BigDecimal("0.25"),
                new BigDecimal("0.3"));
    }

    /** Three eligible participants, quorum 2, three rounds of 600 s, pause after 2 aborts. */
    public static TaskSpec spec() {
        return spec(List.of(ALICE, BOB, CAROL), 2);
    }

    public static TaskSpec spec(List<String> eligible, long quorum) {
        return new TaskSpec(
                "sepsis",
                "Sepsis early warning",
                model(),
                new TrainingSpec(1, 32, new BigDecimal("0.01"), "sgd", BigDecimal.ZERO),
                3,
                quorum,
                600,
                2,
                new StrategySpec("fedavg", new TreeMap<>()),
                dpPolicy(),
                reputationPolicy(),
                eligible,
                List.of("ds-alice", "ds-bob", "ds-carol"));
    }

    /** Secure aggregation over a complete graph of three (k 2, t 2), two survivors, q 0.5, 2^12 grid. */
    public static SecureAggregationSpec secureAggregation() {
        return new SecureAggregationSpec(2, 2, 2, new BigDecimal("0.5"), 12, 64, 32, 60, 60, 120);
    }

    /** {@link #spec()} aggregated securely ({@link #secureAggregation()}). */
    public static TaskSpec secureSpec() {
        return spec().withSecureAggregation(secureAggregation());
    }

    /** {@link #spec()} with {@code strategy} (e.g. {@code scaffold}, which keeps a control variate). */
    public static TaskSpec spec(StrategySpec strategy) {
        TaskSpec base = spec();
        return new TaskSpec(
                base.id(),
                base.title(),
                base.model(),
                base.training(),
                base.rounds(),
                base.quorum(),
                base.roundDurationSeconds(),
                base.maxAbortsBeforePause(),
                strategy,
                base.dp(),
                base.reputation(),
                base.eligibleParticipants(),
                base.admittedDatasets());
    }

    /** {@link #spec()} without a differential-privacy policy. */
    public static TaskSpec specWithoutDp() {
        return spec().with(spec().id(), null);
    }

    /** An update that declares no noise, as one for a task without DP must. */
    public static UpdateSubmission unnoisedUpdate(String datasetId, long round, String baseSha256) {
        UpdateSubmission update = update(datasetId, round, baseSha256);
        return new UpdateSubmission(
                update.taskId(),
                round,
                datasetId,
                update.cid(),
                update.sha256(),
                update.parameterCount(),
                update.numExamples(),
                baseSha256,
                update.kind(),
                update.metrics(),
                new DpUsage(new BigDecimal("0.01"), BigDecimal.ZERO, 100, BigDecimal.ONE));
    }

    public static Task task() {
        return Task.create(spec(), T0, ADMIN);
    }

    public static Participant registered(String name, Role role) {
        return Participant.register("Org1MSP", "CN=" + name + ",OU=client,O=Org1", role, name, T0, ADMIN);
    }

    public static DatasetDescription dataset(String id, String owner) {
        return new DatasetDescription(
                id, owner, sha("schema"), 100, sha("content-" + id), "research", "consent", "licence", T0);
    }

    public static DpUsage dpUsage() {
        return new DpUsage(new BigDecimal("0.01"), BigDecimal.ONE, 100, BigDecimal.ONE);
    }

    public static UpdateSubmission update(String datasetId, long round, String baseSha256) {
        return new UpdateSubmission(
                "sepsis",
                round,
                datasetId,
                ref("update").cid(),
                sha("update"),
                23,
                1000,
                baseSha256,
                UpdateKind.DELTA,
                new TreeMap<>(Map.of("auc", new BigDecimal("0.8"))),
                dpUsage());
    }
}
