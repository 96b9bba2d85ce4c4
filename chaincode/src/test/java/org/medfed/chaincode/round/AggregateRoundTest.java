package org.medfed.chaincode.round;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.aggregator.AggregationLedger;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.diverging.DivergingAggregationLedger;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.chaincode.testing.MemoryIpfs;
import org.medfed.common.aggregation.FedAvg;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.aggregation.VectorSource;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.aggregation.round.AcceptedUpdate;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.aggregation.round.RoundRecomputation;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

/**
 * {@code aggregator:aggregateRound} on the fake stub with the real ledger port and an in-memory IPFS node. The task
 * is the consortium's (quorum 2) over a real 23-value initial model of 0.25; updates are deltas of 1 and 2 (1000
 * examples each) and a FULL model of 4.25 (a delta of 4, 2000 examples), so FedAvg gives 0.25 + (1 + 2 + 2·4)/4 = 3.
 */
class AggregateRoundTest {
    private static final int P = (int) Fixtures.PARAMETERS;
    private static final byte[] INITIAL = blob(0.25f);

    private final MemoryIpfs ipfs = new MemoryIpfs();
    private final LedgerHarness ledger = new LedgerHarness();
    private final AggregatorContract aggregator = new AggregatorContract(new LedgerAggregationPort(), ipfs);

    private static byte[] blob(float value) {
        float[] values = new float[P];
        Arrays.fill(values, value);
        return FloatVectorCodec.encode(values);
    }

    private static byte[] withNaN(float value) {
        ByteBuffer buffer = ByteBuffer.wrap(blob(value)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putFloat(4 * 7, Float.NaN);
        return buffer.array();
    }

    private static byte[] tooShort(float value) {
        return Arrays.copyOf(blob(value), 4 * (P - 1));
    }

    private static Map<String, Object> ref(byte[] data) {
        return Map.of("cid", Cids.rawLeafCidV1(data), "sha256", Hashing.sha256Hex(data));
    }

    private LedgerHarness withTask(LedgerHarness target, MemoryIpfs node, String strategy) {
        return withTask(target, node, strategy, Map.of());
    }

    private LedgerHarness withTask(LedgerHarness target, MemoryIpfs node, String strategy, Map<String, Object> params) {
        Consortium.registered(target);
        node.put(INITIAL);
        Map<String, Object> spec = new TreeMap<>(Consortium.spec());
        Map<String, Object> model = new TreeMap<>(JsonFields.object(spec, "model"));
        model.put("initialModel", ref(INITIAL));
        spec.put("model", model);
        spec.put("strategy", Map.of("name", strategy, "params", params));
        target.run(ADMIN, ctx -> target.tasks.createTask(ctx, Fixtures.json(spec)));
        return target;
    }

    /** Submits {@code holder}'s update whose ledger entry describes {@code declared}, and stores {@code served}. */
    private static void submit(
            LedgerHarness target,
            MemoryIpfs node,
            TestIdentity holder,
            byte[] declared,
            byte[] served,
            String kind,
            long examples) {
        Map<String, Object> update = new TreeMap<>(
                Fixtures.update(TASK, 1, Consortium.datasetOf(holder), Hashing.sha256Hex(INITIAL), holder.name()));
        update.putAll(ref(declared));
        update.put("kind", kind);
        update.put("numExamples", examples);
        node.blobs.put(Cids.rawLeafCidV1(declared), served.clone());
        target.run(holder, ctx -> target.rounds.submitUpdate(ctx, Fixtures.json(update)));
    }

    private static void submitHonest(LedgerHarness target, MemoryIpfs node, TestIdentity holder) {
        if (holder == HOSPITAL) {
            submit(target, node, HOSPITAL, blob(1f), blob(1f), "delta", 1000);
        } else if (holder == CLINIC) {
            submit(target, node, CLINIC, blob(2f), blob(2f), "delta", 1000);
        } else {
            submit(target, node, GATEWAY, blob(4.25f), blob(4.25f), "full", 2000);
        }
    }

    private void closedRound(TestIdentity... order) {
        withTask(ledger, ipfs, "fedavg");
        for (TestIdentity holder : order) {
            submitHonest(ledger, ipfs, holder);
        }
        Consortium.close(ledger, HOSPITAL, 1);
    }

    private Map<String, Object> aggregate(TestIdentity caller) {
        return ledger.json(caller, ctx -> aggregator.aggregateRound(ctx, TASK, "1"));
    }

    private static float[] stored(MemoryIpfs node, AggregationRecord record) {
        byte[] bytes = node.blobs.get(record.globalModel().cid());
        assertThat(Hashing.sha256Hex(bytes)).isEqualTo(record.globalModel().sha256());
        return FloatVectorCodec.decode(bytes, P);
    }

    @Test
    void aggregatesAClosedRoundWithFedAvgAndRecordsIt() {
        closedRound(HOSPITAL, CLINIC, GATEWAY);

        Map<String, Object> result = aggregate(CLINIC);

        AggregationRecord record = AggregationRecord.fromJson(JsonFields.object(result, "aggregation"));
        float[] expected = new float[P];
        Arrays.fill(expected, 3f);
        assertThat(stored(ipfs, record)).containsExactly(expected);
        assertThat(record.globalModel().sha256()).isEqualTo(Hashing.sha256Hex(blob(3f)));
        assertThat(record.parentModel().sha256()).isEqualTo(Hashing.sha256Hex(INITIAL));
        assertThat(record.recordedBy()).isEqualTo(CLINIC.participantId());
        assertThat(record.contributions())
                .extracting(Contribution::participantId)
                .containsExactlyElementsOf(Consortium.HOLDERS.stream()
                        .map(TestIdentity::participantId)
                        .sorted()
                        .toList());
        // A = 2.75 in every value (deltas 1, 2 and 4.25 − 0.25 = 4); distances 1.75, 0.75, 1.25 a value, median 1.25:
        // ratios 1.4, 0.6, 1, so the hospital scores 1 − ((1.4 − 1)/(3 − 1))² = 0.96 and the others 1
        assertThat(record.contributions().stream()
                        .collect(Collectors.toMap(Contribution::participantId, Contribution::qualityScore)))
                .containsOnlyKeys(HOSPITAL.participantId(), CLINIC.participantId(), GATEWAY.participantId())
                .hasEntrySatisfying(HOSPITAL.participantId(), q -> assertThat(q).isEqualByComparingTo("0.96"))
                .hasEntrySatisfying(CLINIC.participantId(), q -> assertThat(q).isEqualByComparingTo("1"))
                .hasEntrySatisfying(GATEWAY.participantId(), q -> assertThat(q).isEqualByComparingTo("1"));
        assertThat(record.excluded()).isEmpty();
        assertThat(RoundState.fromJson(JsonFields.object(result, "round")).status())
                .isEqualTo(RoundStatus.AGGREGATED);
        RoundState next = RoundState.fromJson(JsonFields.object(result, "nextRound"));
        assertThat(next.baseModel()).isEqualTo(record.globalModel());
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.ROUND_AGGREGATED);
        assertThat(ledger.stub().events())
                .filteredOn(e -> e.name().equals(EventNames.ROUND_AGGREGATED))
                .hasSize(1);
        assertThat(ipfs.adds).isEqualTo(1);
        assertThat(ipfs.opens)
                .as("the base model once, each update twice (strategy, quality scores)")
                .isEqualTo(Map.of(
                        Cids.rawLeafCidV1(INITIAL),
                        1,
                        Cids.rawLeafCidV1(blob(1f)),
                        2,
                        Cids.rawLeafCidV1(blob(2f)),
                        2,
                        Cids.rawLeafCidV1(blob(4.25f)),
                        2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"HASH_MISMATCH", "LENGTH_MISMATCH", "NON_FINITE_VALUE"})
    void excludesABadBlobWithItsReasonAndAggregatesTheRest(String problem) {
        withTask(ledger, ipfs, "fedavg");
        byte[] served = switch (problem) {
            case "HASH_MISMATCH" -> blob(1.5f);
            case "LENGTH_MISMATCH" -> tooShort(1f);
            default -> withNaN(1f);
        };
        byte[] declared = problem.equals("HASH_MISMATCH") ? blob(1f) : served;
        submit(ledger, ipfs, HOSPITAL, declared, served, "delta", 1000);
        submitHonest(ledger, ipfs, CLINIC);
        submitHonest(ledger, ipfs, GATEWAY);
        Consortium.close(ledger, HOSPITAL, 1);

        Map<String, Object> result = aggregate(GATEWAY);

        AggregationRecord record = AggregationRecord.fromJson(JsonFields.object(result, "aggregation"));
        float[] ones = new float[P];
        Arrays.fill(ones, 0.25f);
        float[] expected = new FedAvg()
                .aggregate(
                        ones,
                        List.of(
                                WeightedUpdate.of(
                                        CLINIC.participantId(),
                                        UpdateKind.DELTA,
                                        1000,
                                        FloatVectorCodec.decode(blob(2f))),
                                WeightedUpdate.of(
                                        GATEWAY.participantId(),
                                        UpdateKind.FULL,
                                        2000,
                                        FloatVectorCodec.decode(blob(4.25f)))))
                .model();
        assertThat(expected[0]).isCloseTo(0.25f + 2f / 3 + 8f / 3, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(stored(ipfs, record)).containsExactly(expected);
        assertThat(record.excluded()).singleElement().satisfies(exclusion -> {
            assertThat(exclusion.participantId()).isEqualTo(HOSPITAL.participantId());
            assertThat(exclusion.reason()).isEqualTo(ExclusionReason.CONTENT_INVALID);
            assertThat(exclusion.detail()).startsWith(problem + ": ");
        });
        assertThat(record.contributions())
                .extracting(Contribution::participantId)
                .containsExactlyInAnyOrder(CLINIC.participantId(), GATEWAY.participantId());
        Map<String, BigDecimal> after = JsonFields.objects(result, "reputation").stream()
                .map(ReputationChange::fromJson)
                .collect(Collectors.toMap(ReputationChange::participantId, ReputationChange::after));
        assertThat(after.get(HOSPITAL.participantId())).isEqualByComparingTo("0.25"); // 0.5 − 0.25
    }

    @Test
    void refusesBelowQuorumAndWritesNothing() {
        withTask(ledger, ipfs, "fedavg");
        submit(ledger, ipfs, HOSPITAL, blob(1f), blob(9f), "delta", 1000);
        submit(ledger, ipfs, CLINIC, tooShort(2f), tooShort(2f), "delta", 1000);
        submitHonest(ledger, ipfs, GATEWAY);
        Consortium.close(ledger, HOSPITAL, 1);

        var refusal =
                ledger.refused(ErrorCode.QUORUM_NOT_MET, GATEWAY, ctx -> aggregator.aggregateRound(ctx, TASK, "1"));

        assertThat(refusal.getMessage()).contains("1 usable updates", "quorum 2", "HASH_MISMATCH", "LENGTH_MISMATCH");
        assertThat(ipfs.adds).isZero();
    }

    @Test
    void givesAByteIdenticalWriteSetWhateverTheSubmissionOrder() {
        closedRound(HOSPITAL, CLINIC, GATEWAY);
        aggregate(CLINIC);
        List<String> first = text(ledger.lastWriteSet());

        MemoryIpfs otherIpfs = new MemoryIpfs();
        LedgerHarness other = withTask(new LedgerHarness(), otherIpfs, "fedavg");
        for (TestIdentity holder : List.of(GATEWAY, HOSPITAL, CLINIC)) {
            submitHonest(other, otherIpfs, holder);
        }
        Consortium.close(other, HOSPITAL, 1);
        AggregatorContract otherAggregator = new AggregatorContract(new LedgerAggregationPort(), otherIpfs);
        other.run(CLINIC, ctx -> otherAggregator.aggregateRound(ctx, TASK, "1"));

        assertThat(text(other.lastWriteSet())).isEqualTo(first);
        assertThat(first).anySatisfy(line -> assertThat(line).contains("\"contributions\""));
    }

    @Test
    void aDivergingServerRecordsADifferentModel() {
        closedRound(HOSPITAL, CLINIC, GATEWAY);
        String honest = AggregationRecord.fromJson(JsonFields.object(aggregate(CLINIC), "aggregation"))
                .globalModel()
                .sha256();

        MemoryIpfs otherIpfs = new MemoryIpfs();
        LedgerHarness other = withTask(new LedgerHarness(), otherIpfs, "fedavg");
        for (TestIdentity holder : Consortium.HOLDERS) {
            submitHonest(other, otherIpfs, holder);
        }
        Consortium.close(other, HOSPITAL, 1);
        AggregatorContract diverging = new AggregatorContract(new DivergingAggregationLedger(), otherIpfs);
        String result = other.run(CLINIC, ctx -> diverging.aggregateRound(ctx, TASK, "1"));

        assertThat(result).doesNotContain(honest);
    }

    @Test
    void refusesARoundThatIsNotClosed() {
        withTask(ledger, ipfs, "fedavg");
        submitHonest(ledger, ipfs, HOSPITAL);

        ledger.refused(ErrorCode.ROUND_NOT_CLOSED, HOSPITAL, ctx -> aggregator.aggregateRound(ctx, TASK, "1"));
        assertThat(ipfs.adds).isZero();
    }

    @Test
    void refusesWhenItsOwnNodeCannotServeABlob() {
        closedRound(HOSPITAL, CLINIC, GATEWAY);
        ipfs.blobs.remove(Cids.rawLeafCidV1(blob(2f)));

        var refusal =
                ledger.refused(ErrorCode.BLOB_UNAVAILABLE, HOSPITAL, ctx -> aggregator.aggregateRound(ctx, TASK, "1"));
        assertThat(refusal.getMessage()).contains("block not found", CLINIC.participantId());
    }

    @Test
    void aggregatesWithMedianToo() {
        withTask(ledger, ipfs, "median", Map.of());
        for (TestIdentity holder : Consortium.HOLDERS) {
            submitHonest(ledger, ipfs, holder);
        }
        Consortium.close(ledger, HOSPITAL, 1);

        AggregationRecord record = AggregationRecord.fromJson(JsonFields.object(aggregate(HOSPITAL), "aggregation"));
        float[] expected = new float[P];
        Arrays.fill(expected, 2.25f); // 0.25 + median(1, 2, 4)
        assertThat(stored(ipfs, record)).containsExactly(expected);
    }

    /** Every stateless strategy the task may name gives exactly what fl-common computes for the same inputs. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "fedavg",
                "median",
                "trimmed-mean:beta=0.34",
                "multi-krum:f=0,m=2",
                "fedavg:reputationWeighted=1,maxNorm=3"
            })
    void recordsExactlyWhatFlCommonComputes(String strategy) {
        String name = strategy.split(":")[0];
        Map<String, Object> params = new TreeMap<>();
        if (strategy.contains(":")) {
            for (String pair : strategy.split(":")[1].split(",")) {
                params.put(pair.split("=")[0], new BigDecimal(pair.split("=")[1]));
            }
        }
        withTask(ledger, ipfs, name, params);
        for (TestIdentity holder : Consortium.HOLDERS) {
            submitHonest(ledger, ipfs, holder);
        }
        Consortium.close(ledger, HOSPITAL, 1);

        AggregationRecord record = AggregationRecord.fromJson(JsonFields.object(aggregate(HOSPITAL), "aggregation"));

        TreeMap<String, BigDecimal> decimals = new TreeMap<>();
        params.forEach((key, value) -> decimals.put(key, (BigDecimal) value));
        BigDecimal half = new BigDecimal("0.5"); // every holder's reputation when it submitted
        float[] expected = Strategies.fromSpec(new StrategySpec(name, decimals))
                .aggregate(
                        FloatVectorCodec.decode(INITIAL),
                        List.of(
                                WeightedUpdate.of(
                                        HOSPITAL.participantId(),
                                        UpdateKind.DELTA,
                                        1000,
                                        half,
                                        VectorSource.of(FloatVectorCodec.decode(blob(1f)))),
                                WeightedUpdate.of(
                                        CLINIC.participantId(),
                                        UpdateKind.DELTA,
                                        1000,
                                        half,
                                        VectorSource.of(FloatVectorCodec.decode(blob(2f)))),
                                WeightedUpdate.of(
                                        GATEWAY.participantId(),
                                        UpdateKind.FULL,
                                        2000,
                                        half,
                                        VectorSource.of(FloatVectorCodec.decode(blob(4.25f))))))
                .model();
        assertThat(stored(ipfs, record)).containsExactly(expected);
    }

    @Test
    void refusesAnUnregisteredCaller() {
        closedRound(HOSPITAL, CLINIC, GATEWAY);
        ledger.refused(
                ErrorCode.NOT_REGISTERED, TestIdentity.ORG3_CLIENT, ctx -> aggregator.aggregateRound(ctx, TASK, "1"));
    }

    @Test
    void theServerFindsTheLedgerPortThroughServiceLoader() {
        assertThat(ServiceLoader.load(AggregationLedger.class).stream()
                        .map(ServiceLoader.Provider::type)
                        .toList())
                .containsExactly(LedgerAggregationPort.class);
        closedRound(HOSPITAL, CLINIC, GATEWAY);
        AggregatorContract asRouted = new AggregatorContract(); // MEDFED_IPFS_API unset in unit tests
        ledger.refused(ErrorCode.BLOB_UNAVAILABLE, HOSPITAL, ctx -> asRouted.aggregateRound(ctx, TASK, "1"));
    }

    @Test
    void givesThePastRoundsExactInputSoAnyoneCanRecomputeTheRecordedModel() {
        closedRound(HOSPITAL, CLINIC, GATEWAY);
        RoundInput loaded = ledger.run(CLINIC, ctx -> new LedgerAggregationPort().load(ctx, TASK, 1));
        AggregationRecord record = AggregationRecord.fromJson(JsonFields.object(aggregate(CLINIC), "aggregation"));

        String json = ledger.run(ADMIN, ctx -> aggregator.getRoundInput(ctx, TASK, "1"));

        RoundInput input = RoundInput.fromJson(JsonFields.object(CanonicalJson.parse(json)));
        assertThat(input).isEqualTo(loaded);
        assertThat(json).isEqualTo(CanonicalJson.encode(loaded.toJson()));
        assertThat(input.updates())
                .extracting(AcceptedUpdate::reputation)
                .allSatisfy(r -> assertThat(r).isEqualByComparingTo("0.5"));
        RoundOutcome again = new RoundRecomputation(ipfs).aggregate(input);
        assertThat(again.sha256()).isEqualTo(record.globalModel().sha256());
        assertThat(again.contributions()).isEqualTo(record.contributions());
    }

    @Test
    void getRoundInputRefusesUnknownTasksAndRoundsAndRoundsStillOpen() {
        withTask(ledger, ipfs, "fedavg");
        submitHonest(ledger, ipfs, HOSPITAL);

        ledger.refused(ErrorCode.NOT_FOUND, HOSPITAL, ctx -> aggregator.getRoundInput(ctx, "no-such-task", "1"));
        ledger.refused(ErrorCode.NOT_FOUND, HOSPITAL, ctx -> aggregator.getRoundInput(ctx, TASK, "2"));
        ledger.refused(ErrorCode.ROUND_NOT_CLOSED, HOSPITAL, ctx -> aggregator.getRoundInput(ctx, TASK, "1"));
        ledger.refused(
                ErrorCode.NOT_REGISTERED, TestIdentity.ORG3_CLIENT, ctx -> aggregator.getRoundInput(ctx, TASK, "1"));
    }

    @Test
    void getRoundInputIsAnEvaluateTransaction() throws NoSuchMethodException {
        assertThat(AggregatorContract.class
                        .getMethod(
                                "getRoundInput",
                                org.medfed.contract.support.FlContext.class,
                                String.class,
                                String.class)
                        .getAnnotation(org.hyperledger.fabric.contract.annotation.Transaction.class)
                        .intent())
                .isEqualTo(org.hyperledger.fabric.contract.annotation.Transaction.TYPE.EVALUATE);
    }

    private static List<String> text(List<Write> writes) {
        return writes.stream()
                .map(w -> w.key() + "=" + new String(w.value(), UTF_8))
                .toList();
    }
}
