package org.medfed.chaincode.round;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.chaincode.testing.MemoryIpfs;
import org.medfed.common.aggregation.Scaffold;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.testing.TestIdentity;

/**
 * A SCAFFOLD task on the fake stub: {@code round:submitUpdate} takes an update only with its control delta, and
 * {@code aggregator:aggregateRound} adds and records the task's control variate after each round, which round 2's
 * input names. The three holders all take part, so N = 3. Round 1 control deltas 0.5, 1 and 1.5 at every index:
 * c⁺ = (0.5 + 1 + 1.5) / 3 = 1. Model deltas 1, 2 and 3 on 1000, 1000 and 2000 examples: FedAvg gives
 * 0.25 + (1 + 2 + 6) / 4 = 2.5.
 */
class ScaffoldAggregateRoundTest {
    private static final int P = (int) Fixtures.PARAMETERS;
    private static final byte[] INITIAL = blob(0.25f);

    private final MemoryIpfs ipfs = new MemoryIpfs();
    private final LedgerHarness ledger = new LedgerHarness();

    @Test
    void twoRoundsAddAndRecordTheControlVariateAndChainItThroughTheRoundInput() {
        List<AggregationRecord> records = twoRounds(ledger, ipfs, Consortium.HOLDERS);

        assertThat(stored(records.get(0).globalModel().cid())).containsOnly(2.5f);
        assertThat(stored(records.get(0).controlVariate().cid())).containsOnly(1f);
        float[] expected = Scaffold.nextGlobalControl(filled(1f), List.of(filled(0.3f), filled(0.3f), filled(0.3f)), 3);
        assertThat(stored(records.get(1).controlVariate().cid())).containsExactly(expected);
        assertThat(records.get(1).optimizerState()).isNull();
        assertThat(ipfs.adds).as("a model and a control variate per round").isEqualTo(4);

        RoundInput first = ledger.run(ADMIN, ctx -> new LedgerAggregationPort().input(ctx, TASK, 1));
        RoundInput second = ledger.run(ADMIN, ctx -> new LedgerAggregationPort().input(ctx, TASK, 2));
        assertThat(first.controlVariate()).isNull();
        assertThat(second.controlVariate()).isEqualTo(records.get(0).controlVariate());
        assertThat(second.updates())
                .allSatisfy(u -> assertThat(u.controlDelta()).isNotNull());
    }

    @Test
    void refusesAnUpdateWithoutItsControlDeltaAndWritesNothing() {
        withTask(ledger, ipfs);
        Map<String, Object> update = update(HOSPITAL, 1, Hashing.sha256Hex(INITIAL));
        update.remove("controlDelta");

        var refusal = ledger.refused(
                ErrorCode.CONTROL_VARIATE_MISMATCH,
                HOSPITAL,
                ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(update)));
        assertThat(refusal.getMessage()).contains("must carry its control delta");
    }

    @Test
    void aTaskWithoutScaffoldRefusesAnUpdateWithAControlDelta() {
        LedgerHarness fedavg = Consortium.withTask(new LedgerHarness());
        Map<String, Object> update = new TreeMap<>(
                Fixtures.update(TASK, 1, Consortium.datasetOf(HOSPITAL), Fixtures.sha("initial-" + TASK), "hospital"));
        update.put("controlDelta", Map.of("cid", Fixtures.cid("delta"), "sha256", Fixtures.sha("delta")));

        var refusal = fedavg.refused(
                ErrorCode.CONTROL_VARIATE_MISMATCH,
                HOSPITAL,
                ctx -> fedavg.rounds.submitUpdate(ctx, Fixtures.json(update)));
        assertThat(refusal.getMessage()).contains("keeps no control variate");
    }

    @Test
    void theAcceptedUpdateKeepsItsControlDelta() {
        withTask(ledger, ipfs);
        Map<String, Object> update = update(HOSPITAL, 1, Hashing.sha256Hex(INITIAL));

        UpdateRecord record = UpdateRecord.fromJson(JsonFields.object(org.medfed.common.codec.CanonicalJson.parse(
                ledger.run(HOSPITAL, ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(update))))));
        assertThat(record.submission().controlDelta().toJson()).isEqualTo(update.get("controlDelta"));
    }

    @Test
    void anUpdateWhoseControlDeltaDoesNotVerifyIsExcludedAndTheRoundGoesOn() {
        withTask(ledger, ipfs);
        closedRound(ledger, ipfs, 1, Hashing.sha256Hex(INITIAL), Consortium.HOLDERS);
        String cid = Cids.rawLeafCidV1(blob(controlDelta(GATEWAY, 1)));
        ipfs.blobs.put(cid, blob(9f));

        AggregationRecord record = aggregate(ledger, ipfs, 1);

        assertThat(record.excluded()).singleElement().satisfies(x -> {
            assertThat(x.participantId()).isEqualTo(GATEWAY.participantId());
            assertThat(x.reason()).isEqualTo(ExclusionReason.CONTENT_INVALID);
        });
        // (0.5 + 1) / 3 eligible sites
        assertThat(stored(record.controlVariate().cid())).containsOnly(0.5f);
        // 0.25 + (1 + 2) / 2
        assertThat(stored(record.globalModel().cid())).containsOnly(1.75f);
    }

    @Test
    void givesByteIdenticalWriteSetsWhateverTheSubmissionOrder() {
        twoRounds(ledger, ipfs, List.of(HOSPITAL, CLINIC, GATEWAY));
        List<String> first = text(ledger);

        LedgerHarness other = new LedgerHarness();
        twoRounds(other, new MemoryIpfs(), List.of(GATEWAY, CLINIC, HOSPITAL));

        assertThat(text(other)).isEqualTo(first);
        assertThat(first).anySatisfy(line -> assertThat(line).contains("\"controlVariate\":{\"cid\""));
    }

    private static float delta(TestIdentity holder) {
        return holder == HOSPITAL ? 1f : holder == CLINIC ? 2f : 3f;
    }

    private static float controlDelta(TestIdentity holder, long round) {
        return round == 2 ? 0.3f : holder == HOSPITAL ? 0.5f : holder == CLINIC ? 1f : 1.5f;
    }

    private static long examples(TestIdentity holder) {
        return holder == GATEWAY ? 2000 : 1000;
    }

    private static LedgerHarness withTask(LedgerHarness target, MemoryIpfs node) {
        Consortium.registered(target);
        node.put(INITIAL);
        Map<String, Object> spec = new TreeMap<>(Consortium.spec());
        Map<String, Object> model = new TreeMap<>(JsonFields.object(spec, "model"));
        model.put("initialModel", Map.of("cid", Cids.rawLeafCidV1(INITIAL), "sha256", Hashing.sha256Hex(INITIAL)));
        spec.put("model", model);
        spec.put("strategy", Map.of("name", "scaffold", "params", Map.of()));
        target.run(ADMIN, ctx -> target.tasks.createTask(ctx, Fixtures.json(spec)));
        return target;
    }

    /** The holder's update of {@code round} with its control delta, both blobs on {@code node}. */
    private static Map<String, Object> update(TestIdentity holder, long round, String baseSha256, MemoryIpfs node) {
        byte[] data = blob(delta(holder));
        byte[] control = blob(controlDelta(holder, round));
        Map<String, Object> update =
                new TreeMap<>(Fixtures.update(TASK, round, Consortium.datasetOf(holder), baseSha256, holder.name()));
        update.put("cid", node.put(data));
        update.put("sha256", Hashing.sha256Hex(data));
        update.put("numExamples", examples(holder));
        update.put("controlDelta", Map.of("cid", node.put(control), "sha256", Hashing.sha256Hex(control)));
        return update;
    }

    private Map<String, Object> update(TestIdentity holder, long round, String baseSha256) {
        return update(holder, round, baseSha256, ipfs);
    }

    private static void closedRound(
            LedgerHarness target, MemoryIpfs node, long round, String baseSha256, List<TestIdentity> order) {
        for (TestIdentity holder : order) {
            Map<String, Object> update = update(holder, round, baseSha256, node);
            target.run(holder, ctx -> target.rounds.submitUpdate(ctx, Fixtures.json(update)));
        }
        Consortium.close(target, HOSPITAL, round);
    }

    private static AggregationRecord aggregate(LedgerHarness target, MemoryIpfs node, long round) {
        AggregatorContract aggregator = new AggregatorContract(new LedgerAggregationPort(), node);
        return AggregationRecord.fromJson(JsonFields.object(
                target.json(CLINIC, ctx -> aggregator.aggregateRound(ctx, TASK, Long.toString(round))), "aggregation"));
    }

    private static List<AggregationRecord> twoRounds(LedgerHarness target, MemoryIpfs node, List<TestIdentity> order) {
        withTask(target, node);
        closedRound(target, node, 1, Hashing.sha256Hex(INITIAL), order);
        AggregationRecord first = aggregate(target, node, 1);
        closedRound(target, node, 2, first.globalModel().sha256(), order);
        return List.of(first, aggregate(target, node, 2));
    }

    private float[] stored(String cid) {
        return FloatVectorCodec.decode(ipfs.blobs.get(cid), P);
    }

    private static byte[] blob(float value) {
        return FloatVectorCodec.encode(filled(value));
    }

    private static float[] filled(float value) {
        float[] values = new float[P];
        Arrays.fill(values, value);
        return values;
    }

    private static List<String> text(LedgerHarness target) {
        return target.lastWriteSet().stream()
                .map(w -> w.key() + "=" + new String(w.value(), UTF_8))
                .toList();
    }
}
