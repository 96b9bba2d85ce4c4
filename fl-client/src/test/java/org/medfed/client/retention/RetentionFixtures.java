package org.medfed.client.retention;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;

/**
 * Ledger records for retention tests: the example task spec (3 rounds) under another id and policy, a task that has
 * aggregated some rounds, updates and aggregations whose blobs are named by label ({@link #ref}).
 */
public final class RetentionFixtures {
    public static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    public static final String ADMIN = sha("admin");

    private RetentionFixtures() {}

    public static String sha(String label) {
        return Hashing.sha256Hex(label.getBytes(StandardCharsets.UTF_8));
    }

    /** A blob named by its label: the raw-leaf CID of the label's SHA-256. */
    public static ContentRef ref(String label) {
        return new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha(label)), sha(label));
    }

    public static String cid(String label) {
        return ref(label).cid();
    }

    /** The example spec (fl-client's examples/task-spec.json, 3 rounds) as task {@code id} with {@code policy}. */
    public static TaskSpec spec(String id, RetentionPolicy policy) {
        try (InputStream in =
                Objects.requireNonNull(RetentionFixtures.class.getResourceAsStream("/examples/task-spec.json"))) {
            TaskSpec example = TaskSpec.fromJson(
                    JsonFields.object(CanonicalJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
            return example.with(id, example.dp()).withRetention(policy);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Task {@code spec} after {@code aggregated} rounds, round r aggregated into model {@code <id>-global-r}. */
    public static Task task(TaskSpec spec, long aggregated) {
        Task task = Task.create(spec, T0, ADMIN);
        for (long round = 1; round <= aggregated; round++) {
            task = task.advance(ref(spec.id() + "-global-" + round), T0);
        }
        return task;
    }

    /** The update of participant {@code who} in round {@code round}, its blob {@code blob}. */
    public static UpdateRecord update(String taskId, long round, String who, String blob) {
        ContentRef ref = ref(blob);
        UpdateSubmission submission = new UpdateSubmission(
                taskId,
                round,
                "ds-" + who,
                ref.cid(),
                ref.sha256(),
                1442,
                100,
                sha("base"),
                UpdateKind.DELTA,
                new TreeMap<>(),
                new DpUsage(new BigDecimal("0.1"), BigDecimal.ONE, 10, BigDecimal.ONE));
        return new UpdateRecord(submission, sha(who), T0, "tx-" + blob, null, null, new BigDecimal("0.5"));
    }

    /** The same update with a SCAFFOLD control delta {@code delta}. */
    public static UpdateRecord withControlDelta(UpdateRecord update, String delta) {
        return new UpdateRecord(
                update.submission().withControlDelta(ref(delta)),
                update.participantId(),
                update.submittedAt(),
                update.txId(),
                update.epsilon(),
                update.epsilonOrder(),
                update.reputation());
    }

    /** Round {@code round} of {@code taskId} aggregated into {@code <taskId>-global-<round>}, {@code state} if given. */
    public static AggregationRecord aggregation(String taskId, long round, String state, List<String> contributors) {
        return new AggregationRecord(
                new AggregationRequest(
                        taskId,
                        round,
                        ref(taskId + "-global-" + round),
                        contributors.stream()
                                .map(who -> new Contribution(sha(who), BigDecimal.ONE))
                                .toList(),
                        List.of(),
                        state == null ? null : ref(state)),
                round == 1 ? ref(taskId + "-initial") : ref(taskId + "-global-" + (round - 1)),
                ADMIN,
                T0,
                "tx-agg-" + round);
    }
}
