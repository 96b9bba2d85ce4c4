package org.medfed.chaincode.round;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.math.BigDecimal;
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
import org.medfed.common.aggregation.AdaptiveParams;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.FedAdam;
import org.medfed.common.aggregation.OptimizerStateCodec;
import org.medfed.common.aggregation.ServerOptimizerState;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.testing.TestIdentity;

/**
 * {@code aggregator:aggregateRound} with a server optimizer (fedadam) over two rounds on the fake stub: the state
 * after each round is added to the node and recorded with the aggregation, round 2's input names round 1's state,
 * and every stored blob is what fl-common's {@link FedAdam} computes. Deltas: round 1 the holders send 1, 2 and 3,
 * round 2 they send 3, 2 and 1 (1000, 1000 and 2000 examples).
 */
class AdaptiveAggregateRoundTest {
    private static final int P = (int) Fixtures.PARAMETERS;
    private static final byte[] INITIAL = blob(0.25f);
    private static final Map<String, Object> PARAMS = Map.of(
            "eta",
            new BigDecimal("0.25"),
            "beta1",
            new BigDecimal("0.5"),
            "beta2",
            new BigDecimal("0.8125"),
            "tau",
            new BigDecimal("0.5"));
    private static final AdaptiveParams ADAPTIVE = new AdaptiveParams(0.25, 0.5, 0.8125, 0.5, false);

    private final MemoryIpfs ipfs = new MemoryIpfs();
    private final LedgerHarness ledger = new LedgerHarness();

    private static byte[] blob(float value) {
        float[] values = new float[P];
        Arrays.fill(values, value);
        return FloatVectorCodec.encode(values);
    }

    private static float delta(TestIdentity holder, long round) {
        float first = holder == HOSPITAL ? 1f : holder == CLINIC ? 2f : 3f;
        return round == 1 ? first : 4f - first;
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
        spec.put("strategy", Map.of("name", "fedadam", "params", PARAMS));
        target.run(ADMIN, ctx -> target.tasks.createTask(ctx, Fixtures.json(spec)));
        return target;
    }

    /** Every holder submits its round-{@code round} delta in {@code order}, then the round closes. */
    private static void closedRound(
            LedgerHarness target, MemoryIpfs node, long round, String baseSha256, List<TestIdentity> order) {
        for (TestIdentity holder : order) {
            byte[] data = blob(delta(holder, round));
            Map<String, Object> update = new TreeMap<>(
                    Fixtures.update(TASK, round, Consortium.datasetOf(holder), baseSha256, holder.name()));
            update.put("cid", node.put(data));
            update.put("sha256", Hashing.sha256Hex(data));
            update.put("numExamples", examples(holder));
            target.run(holder, ctx -> target.rounds.submitUpdate(ctx, Fixtures.json(update)));
        }
        Consortium.close(target, HOSPITAL, round);
    }

    private static AggregationRecord aggregate(LedgerHarness target, MemoryIpfs node, long round) {
        AggregatorContract aggregator = new AggregatorContract(new LedgerAggregationPort(), node);
        return AggregationRecord.fromJson(JsonFields.object(
                target.json(CLINIC, ctx -> aggregator.aggregateRound(ctx, TASK, Long.toString(round))), "aggregation"));
    }

    /** Both rounds in {@code order}; returns the two records. */
    private static List<AggregationRecord> twoRounds(LedgerHarness target, MemoryIpfs node, List<TestIdentity> order) {
        withTask(target, node);
        closedRound(target, node, 1, Hashing.sha256Hex(INITIAL), order);
        AggregationRecord first = aggregate(target, node, 1);
        closedRound(target, node, 2, first.globalModel().sha256(), order);
        return List.of(first, aggregate(target, node, 2));
    }

    private static AggregationResult fedAdam(ServerOptimizerState state, float[] global, long round) {
        List<WeightedUpdate> updates = Consortium.HOLDERS.stream()
                .map(holder -> WeightedUpdate.of(
                        holder.participantId(),
                        UpdateKind.DELTA,
                        examples(holder),
                        FloatVectorCodec.decode(blob(delta(holder, round)))))
                .toList();
        return new FedAdam(ADAPTIVE, state).aggregate(global, updates);
    }

    private ServerOptimizerState storedState(AggregationRecord record) {
        byte[] bytes = ipfs.blobs.get(record.optimizerState().cid());
        assertThat(Hashing.sha256Hex(bytes)).isEqualTo(record.optimizerState().sha256());
        return OptimizerStateCodec.decode(bytes, P);
    }

    private float[] storedModel(AggregationRecord record) {
        return FloatVectorCodec.decode(ipfs.blobs.get(record.globalModel().cid()), P);
    }

    @Test
    void twoFedAdamRoundsStoreAndRecordEachStateAndChainThemThroughTheRoundInput() {
        List<AggregationRecord> records = twoRounds(ledger, ipfs, Consortium.HOLDERS);

        AggregationResult one = fedAdam(ServerOptimizerState.initial(P, 0.5), FloatVectorCodec.decode(INITIAL), 1);
        assertThat(storedModel(records.get(0))).containsExactly(one.model());
        assertThat(storedState(records.get(0))).isEqualTo(one.optimizerState());
        assertThat(one.optimizerState().t()).isEqualTo(1);

        AggregationResult two = fedAdam(one.optimizerState(), one.model(), 2);
        assertThat(storedModel(records.get(1))).containsExactly(two.model());
        assertThat(storedState(records.get(1))).isEqualTo(two.optimizerState());
        assertThat(two.optimizerState().t()).isEqualTo(2);
        assertThat(two.model()).isNotEqualTo(one.model());
        assertThat(ipfs.adds).as("a model and a state per round").isEqualTo(4);

        RoundInput first = RoundInput.fromJson(JsonFields.object(CanonicalJson.parse(ledger.run(
                ADMIN,
                ctx -> new AggregatorContract(new LedgerAggregationPort(), ipfs).getRoundInput(ctx, TASK, "1")))));
        RoundInput second = ledger.run(ADMIN, ctx -> new LedgerAggregationPort().input(ctx, TASK, 2));
        assertThat(first.optimizerState()).isNull();
        assertThat(second.optimizerState()).isEqualTo(records.get(0).optimizerState());
    }

    @Test
    void givesByteIdenticalWriteSetsWhateverTheSubmissionOrder() {
        twoRounds(ledger, ipfs, List.of(HOSPITAL, CLINIC, GATEWAY));
        List<String> first = text(ledger);

        LedgerHarness other = new LedgerHarness();
        twoRounds(other, new MemoryIpfs(), List.of(GATEWAY, CLINIC, HOSPITAL));

        assertThat(text(other)).isEqualTo(first);
        assertThat(first).anySatisfy(line -> assertThat(line).contains("\"optimizerState\":{\"cid\""));
    }

    @Test
    void refusesRoundTwoWhenItsNodeCannotServeThePreviousState() {
        withTask(ledger, ipfs);
        closedRound(ledger, ipfs, 1, Hashing.sha256Hex(INITIAL), Consortium.HOLDERS);
        AggregationRecord first = aggregate(ledger, ipfs, 1);
        closedRound(ledger, ipfs, 2, first.globalModel().sha256(), Consortium.HOLDERS);
        ipfs.blobs.remove(first.optimizerState().cid());

        AggregatorContract aggregator = new AggregatorContract(new LedgerAggregationPort(), ipfs);
        var refusal =
                ledger.refused(ErrorCode.BLOB_UNAVAILABLE, HOSPITAL, ctx -> aggregator.aggregateRound(ctx, TASK, "2"));
        assertThat(refusal.getMessage())
                .contains("previous optimizer state", first.optimizerState().cid());
    }

    @Test
    void refusesRoundTwoWhenThePreviousStateDoesNotVerify() {
        withTask(ledger, ipfs);
        closedRound(ledger, ipfs, 1, Hashing.sha256Hex(INITIAL), Consortium.HOLDERS);
        AggregationRecord first = aggregate(ledger, ipfs, 1);
        closedRound(ledger, ipfs, 2, first.globalModel().sha256(), Consortium.HOLDERS);
        byte[] tampered = ipfs.blobs.get(first.optimizerState().cid()).clone();
        tampered[tampered.length - 1] ^= 1;
        ipfs.blobs.put(first.optimizerState().cid(), tampered);

        AggregatorContract aggregator = new AggregatorContract(new LedgerAggregationPort(), ipfs);
        var refusal = ledger.refused(
                ErrorCode.AGGREGATION_FAILED, HOSPITAL, ctx -> aggregator.aggregateRound(ctx, TASK, "2"));
        assertThat(refusal.getMessage()).contains("previous optimizer state", "hashes to");
    }

    private static List<String> text(LedgerHarness target) {
        return target.lastWriteSet().stream()
                .map(w -> w.key() + "=" + new String(w.value(), UTF_8))
                .toList();
    }
}
