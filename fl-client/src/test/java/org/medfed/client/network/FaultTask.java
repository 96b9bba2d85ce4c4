package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.medfed.client.network.LedgerJson.json;
import static org.medfed.client.network.LedgerJson.obj;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.medfed.client.bench.BenchTask;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.TxNames;

/**
 * A fault case's fresh task on its class's network, driven step by step as its participants would drive it through
 * the organisations' gateways: FedAvg in clear under the ITs' DP policy (so every update is charged), one round,
 * quorum 2, each organisation's User1 a data holder, and a model of P parameters (large enough for an aggregation to
 * last long enough to be hit). Each update is added to its submitter's own Kubo node only, as a client node does
 * (the endorsers fetch it over the swarm), and submitted through its own organisation's gateway; every committed
 * submit goes to {@link FaultInvariants#acknowledge}. A step that fails as a client would retry it is retried; one
 * that the ledger refuses because an earlier attempt already committed is done.
 */
final class FaultTask {

    private static final Map<String, Integer> ROWS = Map.of("Hospital", 120, "Clinic", 80, "Wearable", 200);
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(120);

    private final RealNetwork net;
    private final FaultInvariants invariants;
    private final Map<String, String> ids;
    private final String id;
    private final float[] global;
    private final Map<String, UpdateSubmission> prepared = new TreeMap<>();
    private boolean everywhere;

    private FaultTask(RealNetwork net, FaultInvariants invariants, Map<String, String> ids, String id, float[] global) {
        this.net = net;
        this.invariants = invariants;
        this.ids = ids;
        this.id = id;
        this.global = global;
    }

    /** Each organisation's User1 as a data holder with a dataset of its own, once per network: org → participant. */
    static Map<String, String> registerDataHolders(RealNetwork net) throws Exception {
        DatasetSchema schema = new DatasetSchema(
                List.of(new DatasetSchema.Column("heart_rate", "float"), new DatasetSchema.Column("sepsis", "int")));
        Map<String, String> ids = new TreeMap<>();
        for (String org : RealNetwork.ORGS) {
            ids.put(
                    org,
                    net.registerDataHolder(
                            org,
                            new DatasetRegistration(
                                    dataset(org),
                                    schema.fingerprint(),
                                    ROWS.get(org),
                                    Hashing.sha256Hex(org.getBytes(UTF_8)),
                                    "archive",
                                    "broad consent",
                                    "consortium-internal")));
        }
        return ids;
    }

    /** Creates task {@code id} (its initial model of {@code params} values on every Kubo node), as the Hospital's admin. */
    static FaultTask create(RealNetwork net, FaultInvariants invariants, Map<String, String> ids, String id, int params)
            throws Exception {
        float[] global = new float[params];
        Random random = new Random(id.hashCode());
        for (int i = 0; i < params; i++) {
            global[i] = (float) (random.nextGaussian() * 0.1);
        }
        ContentRef initial = net.addEverywhere(FloatVectorCodec.encode(global));
        TaskSpec spec = RealNetwork.task(
                id,
                "Fault injection: " + id,
                BenchTask.model(params, initial),
                1,
                600,
                new StrategySpec("fedavg", new TreeMap<>()),
                RealNetwork.ORGS.stream().map(ids::get).toList(),
                RealNetwork.ORGS.stream().map(FaultTask::dataset).toList());
        LedgerRetry.withRetry(() -> net.submit("Hospital", "admin", TxNames.TASK_CREATE, spec.toJson()));
        return new FaultTask(net, invariants, ids, id, global);
    }

    String id() {
        return id;
    }

    /**
     * From now on each update is added to every organisation's Kubo node, not only its submitter's: an endorser then
     * reads it from its own node, so one node's loss fails only its own organisation's endorsement, at once, rather
     * than the others' too after their swarm fetch times out.
     */
    FaultTask updatesOnEveryNode() {
        everywhere = true;
        return this;
    }

    /** {@code org}'s User1 trains (a seeded perturbation of the model), adds its update to its own node, submits. */
    void submit(String org) throws Exception {
        step("submit of " + org, submitCall(org), ErrorCode.DUPLICATE_SUBMISSION, () -> acknowledgeFromLedger(org));
    }

    /**
     * The ledger call of {@code org}'s submit, its update already on its node; a committed answer is acknowledged
     * (for {@link ProcessFaults#killDuring}: a call the kill failed is not).
     */
    ProcessFaults.Call submitCall(String org) throws Exception {
        UpdateSubmission update = prepare(org);
        return () -> {
            byte[] committed = net.submit(org, "user1", TxNames.ROUND_SUBMIT_UPDATE, update.toJson());
            invariants.acknowledge(FaultInvariants.Acknowledged.of(committed));
            return committed;
        };
    }

    /** {@code org}'s User1 closes the round (all updates in, before the deadline: it closes at once). */
    void close(String org) throws Exception {
        step("close via " + org, closeCall(org), ErrorCode.ROUND_NOT_OPEN, () -> requireStatus("closed", "aggregated"));
    }

    ProcessFaults.Call closeCall(String org) {
        return () -> net.submit(org, "user1", TxNames.ROUND_CLOSE, id, 1);
    }

    /** aggregateRound as {@code org}'s User1, endorsed by exactly {@code mspIds}, until the round is aggregated. */
    long aggregate(String org, String... mspIds) throws Exception {
        long start = System.nanoTime();
        step(
                "aggregation via " + org,
                aggregateCall(org, mspIds),
                ErrorCode.ROUND_NOT_CLOSED,
                () -> requireStatus("aggregated"));
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    ProcessFaults.Call aggregateCall(String org, String... mspIds) {
        return () -> AggregationIT.endorsedBy(net, id, org, 1, mspIds).result();
    }

    /**
     * {@code org}'s update endorsed and handed to the ordering service, without waiting for its commit: returns the
     * transaction id once the orderer has acknowledged it. Not acknowledged to the participant (its submit has not
     * returned).
     */
    String orderSubmit(String org) throws Exception {
        UpdateSubmission update = prepare(org);
        return order(org, TxNames.ROUND_SUBMIT_UPDATE, update.toJson());
    }

    /** The close, endorsed and ordered as {@link #orderSubmit} is. */
    String orderClose(String org) throws Exception {
        return order(org, TxNames.ROUND_CLOSE, id, 1);
    }

    private String order(String org, String tx, Object... args) throws Exception {
        return DirectGateway.with(
                net,
                org,
                "user1",
                contract -> contract.newProposal(tx)
                        .addArguments(RealNetwork.arguments(args))
                        .build()
                        .endorse()
                        .submitAsync()
                        .getTransactionId());
    }

    /** The round's status as {@code org}'s peer shows it. */
    String status(String org) throws Exception {
        return (String) obj(json(LedgerRetry.withRetry(() -> net.evaluate(org, "user1", TxNames.ROUND_GET, id, 1)))
                        .get("round"))
                .get("status");
    }

    /** Every organisation's peer shows the round {@code status}. */
    void awaitStatus(String status) throws Exception {
        net.awaitOnEveryPeer(
                "round 1 of " + id + " " + status,
                TxNames.ROUND_GET,
                view -> status.equals(obj(view.get("round")).get("status")),
                id,
                1);
    }

    // ------------------------------------------------------------------------------------------------------------

    private UpdateSubmission prepare(String org) throws Exception {
        UpdateSubmission ready = prepared.get(org);
        if (ready != null) {
            return ready;
        }
        float[] values = global.clone();
        Random random = new Random((id + org).hashCode());
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (random.nextGaussian() * 0.01);
        }
        ContentRef blob;
        if (everywhere) {
            blob = net.addEverywhere(FloatVectorCodec.encode(values));
        } else {
            try (KuboBlobStore kubo = net.kubo(org)) {
                var added = kubo.add(FloatVectorCodec.encode(values));
                blob = new ContentRef(added.cid(), added.sha256Hex());
            }
        }
        UpdateSubmission update = new UpdateSubmission(
                id,
                1,
                dataset(org),
                blob.cid(),
                blob.sha256(),
                values.length,
                ROWS.get(org),
                Hashing.sha256Hex(FloatVectorCodec.encode(global)),
                UpdateKind.FULL,
                new TreeMap<>(Map.of("auc", new BigDecimal("0.8"))),
                RealNetwork.DP_USED);
        prepared.put(org, update);
        return update;
    }

    /** After DUPLICATE_SUBMISSION: the ledger holds {@code org}'s update from an attempt whose answer was lost. */
    private void acknowledgeFromLedger(String org) throws Exception {
        Map<String, Object> page = json(
                LedgerRetry.withRetry(() -> net.evaluate(org, "user1", TxNames.ROUND_LIST_UPDATES, id, 1, 100, "")));
        Map<String, Object> record = LedgerJson.maps(page.get("items")).stream()
                .filter(u -> ids.get(org).equals(u.get("participantId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("DUPLICATE_SUBMISSION, but no update of " + org + " listed"));
        invariants.acknowledge(
                FaultInvariants.Acknowledged.of(CanonicalJson.encode(record).getBytes(UTF_8)));
        System.out.printf("[retry] %s's earlier submit had committed (DUPLICATE_SUBMISSION on retry)%n", org);
    }

    private void requireStatus(String... statuses) throws Exception {
        String status = status("Clinic");
        if (!List.of(statuses).contains(status)) {
            throw new AssertionError("round 1 of " + id + " is " + status + ", expected one of " + List.of(statuses));
        }
    }

    @FunctionalInterface
    private interface Done {
        void confirm() throws Exception;
    }

    /**
     * Runs {@code call} until it succeeds, retrying what is not the chaincode's refusal; the refusal {@code done}
     * means an earlier attempt committed, which {@code confirm} checks.
     */
    private static void step(String what, ProcessFaults.Call call, ErrorCode done, Done confirm) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (true) {
            try {
                call.call();
                return;
            } catch (MedfedException e) {
                if (e.isFromChaincode() && done.name().equals(e.code())) {
                    confirm.confirm();
                    return;
                }
                if (e.isFromChaincode() || System.nanoTime() > deadline) {
                    throw new AssertionError(what + " failed: " + e.describe(), e);
                }
                System.out.printf("[retry] %s: %s%n", what, e.describe());
                Thread.sleep(500);
            }
        }
    }

    static String dataset(String org) {
        return org.toLowerCase(java.util.Locale.ROOT) + "-data";
    }
}
