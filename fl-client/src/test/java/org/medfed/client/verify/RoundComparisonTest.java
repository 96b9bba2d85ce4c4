package org.medfed.client.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medfed.common.aggregation.round.BlobSource;
import org.medfed.common.aggregation.round.RoundAggregationException;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.ErrorCode;

/** The order and the rules of the comparison, on hand-made records and outcomes (no recomputation). */
class RoundComparisonTest {
    private static final String P1 = "1".repeat(64);
    private static final String P2 = "2".repeat(64);
    private static final ContentRef BASE = ref(new byte[] {1, 2, 3, 4});
    /** One byte over a raw leaf, so the CID cannot be derived from the hash and must be read back. */
    private static final byte[] LARGE = new byte[262_144 + 4];

    private final Map<String, byte[]> node = new HashMap<>();
    private final BlobSource blobs = (cid, max) -> {
        byte[] data = node.get(cid);
        if (data == null) {
            throw new IOException("not found " + cid);
        }
        return new ByteArrayInputStream(data, 0, (int) Math.min(data.length, max));
    };

    private static ContentRef ref(byte[] blob) {
        return new ContentRef(Cids.rawLeafCidV1(blob), Hashing.sha256Hex(blob));
    }

    private static RoundInput input() throws IOException {
        try (var in = RoundComparisonTest.class.getResourceAsStream("/examples/task-spec.json")) {
            TaskSpec spec = TaskSpec.fromJson(JsonFields.object(
                    CanonicalJson.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))));
            return new RoundInput(spec, 1, BASE, List.of());
        }
    }

    private static RoundOutcome outcome(byte[] blob, List<Contribution> contributions, List<Exclusion> excluded) {
        return new RoundOutcome(new float[0], blob, Hashing.sha256Hex(blob), contributions, excluded);
    }

    private static AggregationRecord record(
            ContentRef parent, ContentRef model, List<Contribution> contributions, List<Exclusion> excluded) {
        return new AggregationRecord(
                new AggregationRequest("wdbc-mlp", 1, model, contributions, excluded),
                parent,
                P1,
                Instant.parse("2026-03-01T09:20:00Z"),
                "tx");
    }

    private static List<Contribution> scores(String p1, String p2) {
        return List.of(new Contribution(P1, new BigDecimal(p1)), new Contribution(P2, new BigDecimal(p2)));
    }

    private Optional<Difference> compare(AggregationRecord recorded, RoundOutcome outcome) throws IOException {
        return RoundComparison.first(input(), recorded, outcome, null, blobs);
    }

    @Test
    void aParticipantsDifferenceComesBeforeTheModelsAndScoresCompareAsValues() throws IOException {
        byte[] model = {5, 6, 7, 8};
        RoundOutcome outcome = outcome(model, scores("0.5", "1"), List.of());

        assertThat(compare(record(BASE, ref(new byte[] {9, 9, 9, 9}), scores("0.50", "0.9"), List.of()), outcome))
                .contains(new Difference(
                        "participant " + P2, "contribution, quality score 0.9", "contribution, quality score 1"));
        assertThat(compare(record(BASE, ref(model), scores("0.500", "1.0"), List.of()), outcome))
                .isEmpty();
    }

    /** P2's blob turned bad: the recomputation excludes it, and P1's score, relative to the round, moves too. */
    @Test
    void whoTookPartComesBeforeTheScoresItMoved() throws IOException {
        byte[] model = {5, 6, 7, 8};
        RoundOutcome outcome = outcome(
                model,
                List.of(new Contribution(P1, new BigDecimal("0.972222"))),
                List.of(new Exclusion(P2, ExclusionReason.CONTENT_INVALID, "HASH_MISMATCH: other bytes")));

        assertThat(compare(record(BASE, ref(new byte[] {9, 9, 9, 9}), scores("0.96", "1"), List.of()), outcome))
                .contains(new Difference(
                        "participant " + P2,
                        "contribution, quality score 1",
                        "excluded: content-invalid (HASH_MISMATCH: other bytes)"));
    }

    @Test
    void exclusionsCompareByReasonNotByDetail() throws IOException {
        byte[] model = {5, 6, 7, 8};
        List<Contribution> one = List.of(new Contribution(P1, BigDecimal.ONE));
        RoundOutcome outcome = outcome(
                model,
                one,
                List.of(new Exclusion(P2, ExclusionReason.CONTENT_INVALID, "HASH_MISMATCH: recomputed words")));

        assertThat(compare(
                        record(
                                BASE,
                                ref(model),
                                one,
                                List.of(new Exclusion(P2, ExclusionReason.CONTENT_INVALID, "other words"))),
                        outcome))
                .isEmpty();
        assertThat(compare(
                        record(
                                BASE,
                                ref(model),
                                one,
                                List.of(new Exclusion(P2, ExclusionReason.QUALITY_REJECTED, null))),
                        outcome))
                .hasValueSatisfying(d -> assertThat(d.recorded()).isEqualTo("excluded: quality-rejected"));
    }

    @Test
    void theBaseModelAndARefusalComeFirst() throws IOException {
        byte[] model = {5, 6, 7, 8};
        AggregationRecord otherBase = record(ref(new byte[] {0, 0, 0, 0}), ref(model), scores("1", "1"), List.of());
        assertThat(compare(otherBase, outcome(model, scores("1", "1"), List.of())))
                .hasValueSatisfying(d -> assertThat(d.field()).isEqualTo("base model"));

        RoundAggregationException refusal = new RoundAggregationException(ErrorCode.QUORUM_NOT_MET, "1 usable", null);
        assertThat(RoundComparison.first(
                        input(), record(BASE, ref(model), scores("1", "1"), List.of()), null, refusal, blobs))
                .hasValueSatisfying(d -> {
                    assertThat(d.field()).isEqualTo("outcome");
                    assertThat(d.recomputed()).isEqualTo("QUORUM_NOT_MET: 1 usable");
                });
    }

    @Test
    void aServerOptimizersStateComparesAfterTheModelByHashThenCid() throws IOException {
        byte[] model = {5, 6, 7, 8};
        byte[] state = {1, 1, 2, 2};
        RoundOutcome outcome = new RoundOutcome(
                new float[0],
                model,
                Hashing.sha256Hex(model),
                scores("1", "1"),
                List.of(),
                new RoundOutcome.StateBlob(null, state, Hashing.sha256Hex(state)));

        assertThat(compare(withState(ref(model), ref(state)), outcome)).isEmpty();
        assertThat(compare(withState(ref(model), ref(new byte[] {3, 3, 3, 3})), outcome))
                .hasValueSatisfying(d -> {
                    assertThat(d.field()).isEqualTo("optimizer state sha256");
                    assertThat(d.recomputed()).isEqualTo(Hashing.sha256Hex(state));
                });
        assertThat(compare(withState(ref(model), null), outcome))
                .hasValueSatisfying(d -> assertThat(d.recorded()).isEqualTo("none"));
        ContentRef wrongCid = new ContentRef(Cids.rawLeafCidV1(model), Hashing.sha256Hex(state));
        assertThat(compare(withState(ref(model), wrongCid), outcome))
                .hasValueSatisfying(d -> assertThat(d.field()).isEqualTo("optimizer state cid"));
        assertThat(compare(withState(ref(new byte[] {9, 9, 9, 9}), ref(state)), outcome))
                .hasValueSatisfying(d -> assertThat(d.field()).isEqualTo("model sha256"));
    }

    @Test
    void scaffoldsControlVariateComparesAfterTheModelByHashThenCid() throws IOException {
        byte[] model = {5, 6, 7, 8};
        byte[] control = {4, 4, 2, 2};
        RoundOutcome outcome = new RoundOutcome(
                new float[0],
                model,
                Hashing.sha256Hex(model),
                scores("1", "1"),
                List.of(),
                null,
                new RoundOutcome.VectorBlob(new float[1], control, Hashing.sha256Hex(control)));

        assertThat(compare(withControl(ref(model), ref(control)), outcome)).isEmpty();
        assertThat(compare(withControl(ref(model), ref(new byte[] {3, 3, 3, 3})), outcome))
                .hasValueSatisfying(d -> {
                    assertThat(d.field()).isEqualTo("control variate sha256");
                    assertThat(d.recomputed()).isEqualTo(Hashing.sha256Hex(control));
                });
        assertThat(compare(withControl(ref(model), null), outcome))
                .hasValueSatisfying(d -> assertThat(d.recorded()).isEqualTo("none"));
        ContentRef wrongCid = new ContentRef(Cids.rawLeafCidV1(model), Hashing.sha256Hex(control));
        assertThat(compare(withControl(ref(model), wrongCid), outcome))
                .hasValueSatisfying(d -> assertThat(d.field()).isEqualTo("control variate cid"));
    }

    private static AggregationRecord withControl(ContentRef model, ContentRef control) {
        return new AggregationRecord(
                new AggregationRequest("wdbc-mlp", 1, model, scores("1", "1"), List.of(), null, control),
                BASE,
                P1,
                Instant.parse("2026-03-01T09:20:00Z"),
                "tx");
    }

    private static AggregationRecord withState(ContentRef model, ContentRef state) {
        return new AggregationRecord(
                new AggregationRequest("wdbc-mlp", 1, model, scores("1", "1"), List.of(), state),
                BASE,
                P1,
                Instant.parse("2026-03-01T09:20:00Z"),
                "tx");
    }

    @Test
    void aSmallModelsCidFollowsFromItsHash() throws IOException {
        byte[] model = {5, 6, 7, 8};
        ContentRef wrongCid = new ContentRef(Cids.rawLeafCidV1(new byte[] {1}), Hashing.sha256Hex(model));

        assertThat(compare(
                        record(BASE, wrongCid, scores("1", "1"), List.of()),
                        outcome(model, scores("1", "1"), List.of())))
                .contains(new Difference("model cid", wrongCid.cid(), Cids.rawLeafCidV1(model)));
    }

    @Test
    void aLargeModelsCidIsReadBackAndHashed() throws IOException {
        String dagCid = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
        RoundOutcome outcome = outcome(LARGE, scores("1", "1"), List.of());
        AggregationRecord recorded =
                record(BASE, new ContentRef(dagCid, Hashing.sha256Hex(LARGE)), scores("1", "1"), List.of());

        node.put(dagCid, LARGE);
        assertThat(compare(recorded, outcome)).isEmpty();

        byte[] other = LARGE.clone();
        other[7] = 1;
        node.put(dagCid, other);
        assertThat(compare(recorded, outcome)).hasValueSatisfying(d -> {
            assertThat(d.field()).isEqualTo("model cid");
            assertThat(d.recorded()).contains(Hashing.sha256Hex(other));
        });
    }
}
