package org.medfed.chaincode.subset;

import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.chaincode.testing.MemoryIpfs;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.WarmUpSpec;
import org.medfed.common.secagg.X25519;
import org.medfed.common.subset.SubsetCipher;
import org.medfed.common.subset.SubsetContribution;
import org.medfed.common.subset.SubsetRows;
import org.medfed.common.subset.WarmUp;
import org.medfed.contract.support.Env;
import org.medfed.contract.testing.TestIdentity;

/**
 * A two-stage task {@value #TASK} on the consortium's ledger: the hospital (Org1) and the clinic (Org2) are its
 * eligible participants and contributors (4 rows per class, 3 warm-up epochs at 0.5); the gateway's dataset is
 * admitted but contributes nothing. The hospital's 3 rows (classes 0, 0, 1) and the clinic's 2 rows (1, 0) are
 * sealed once per JVM to the two organisations' member keys, so two ledgers can run the same transactions.
 */
final class TwoStage {
    static final String TASK = "two-stage";
    static final String CONSENT = "broad consent to research use, rows shared within the consortium";
    static final TestIdentity ORG1_ADMIN = TestIdentity.ORG1_ADMIN;
    static final TestIdentity ORG2_ADMIN = TestIdentity.ORG2_ADMIN;
    static final SecureRandom RANDOM = new SecureRandom();
    static final X25519.KeyMaterial ORG1_KEY = X25519.generate(RANDOM);
    static final X25519.KeyMaterial ORG2_KEY = X25519.generate(RANDOM);
    static final byte[] INITIAL = initial();
    static final float[][] HOSPITAL_X = {{0.1f, 0.2f, 0.3f, 0.4f}, {0.5f, -0.6f, 0.7f, 0.8f}, {-1f, 1f, 0f, 2f}};
    static final int[] HOSPITAL_Y = {0, 0, 1};
    static final float[][] CLINIC_X = {{2f, 0.5f, -0.5f, 1f}, {0f, 0f, 1f, -1f}};
    static final int[] CLINIC_Y = {1, 0};
    static final Sealed HOSPITAL_ROWS = seal(HOSPITAL, HOSPITAL_X, HOSPITAL_Y, members(ORG1_KEY, ORG2_KEY));
    static final Sealed CLINIC_ROWS = seal(CLINIC, CLINIC_X, CLINIC_Y, members(ORG1_KEY, ORG2_KEY));

    final LedgerHarness ledger;
    final MemoryIpfs ipfs = new MemoryIpfs();
    final SubsetContract subset = new SubsetContract();

    /** One holder's rows sealed for {@value #TASK}: the blob and its contribution. */
    record Sealed(byte[] blob, SubsetContribution contribution) {}

    private TwoStage(LedgerHarness ledger) {
        this.ledger = ledger;
    }

    /** The consortium registered, {@value #TASK} created, the initial model and both sealed blobs on IPFS. */
    static TwoStage create(LedgerHarness ledger) {
        Consortium.registered(ledger);
        return on(ledger);
    }

    /** Like {@link #create} on a ledger where the consortium is registered already. */
    static TwoStage on(LedgerHarness ledger) {
        TwoStage stage = new TwoStage(ledger);
        stage.ipfs.put(INITIAL);
        stage.ipfs.put(HOSPITAL_ROWS.blob());
        stage.ipfs.put(CLINIC_ROWS.blob());
        stage.createTask(TASK, spec -> {});
        return stage;
    }

    /** Creates a two-stage task {@code taskId} over hospital and clinic as {@code change} leaves its spec. */
    void createTask(String taskId, Consumer<Map<String, Object>> change) {
        Map<String, Object> spec = new TreeMap<>(Fixtures.taskSpec(
                taskId,
                List.of(HOSPITAL.participantId(), CLINIC.participantId()),
                Consortium.HOLDERS.stream().map(Consortium::datasetOf).toList()));
        Map<String, Object> model = new TreeMap<>(org.medfed.common.codec.JsonFields.object(spec, "model"));
        model.put("initialModel", initialRef().toJson());
        spec.put("model", model);
        spec.put("sharedSubset", subsetSpec().toJson());
        change.accept(spec);
        ledger.run(Consortium.ADMIN, ctx -> ledger.tasks.createTask(ctx, Fixtures.json(spec)));
    }

    static SharedSubsetSpec subsetSpec() {
        return new SharedSubsetSpec(
                List.of(Consortium.datasetOf(HOSPITAL), Consortium.datasetOf(CLINIC)),
                4,
                new BigDecimal("0.05"),
                new BigDecimal("0.5"),
                CONSENT,
                new WarmUpSpec(3, new BigDecimal("0.5")));
    }

    static ContentRef initialRef() {
        return new ContentRef(Cids.rawLeafCidV1(INITIAL), Hashing.sha256Hex(INITIAL));
    }

    static ModelSpec model() {
        return new ModelSpec(ModelSpec.MLP, 4, List.of(3L), "relu", 2, initialRef());
    }

    /** The warm model the warm-up must record: the initial model trained on {@code x}, {@code y} (3 epochs, 0.5). */
    static byte[] warmModel(float[][] x, int[] y) {
        float[] initial = FloatVectorCodec.decode(INITIAL, Fixtures.PARAMETERS);
        return FloatVectorCodec.encode(WarmUp.train(model(), initial, x, y, 3, 0.5));
    }

    /** Both contributions' rows concatenated in dataset id order (ds-org1-client, then ds-org2-client). */
    static byte[] warmModelOfBoth() {
        float[][] x = Arrays.copyOf(HOSPITAL_X, HOSPITAL_X.length + CLINIC_X.length);
        System.arraycopy(CLINIC_X, 0, x, HOSPITAL_X.length, CLINIC_X.length);
        int[] y = Arrays.copyOf(HOSPITAL_Y, HOSPITAL_Y.length + CLINIC_Y.length);
        System.arraycopy(CLINIC_Y, 0, y, HOSPITAL_Y.length, CLINIC_Y.length);
        return warmModel(x, y);
    }

    static Map<String, byte[]> members(X25519.KeyMaterial... keys) {
        Map<String, byte[]> members = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            members.put("Org" + (i + 1) + "MSP", keys[i].publicKey32());
        }
        return members;
    }

    static Sealed seal(TestIdentity holder, float[][] x, int[] y, Map<String, byte[]> members) {
        String datasetId = Consortium.datasetOf(holder);
        byte[] rows = SubsetRows.encode(x, y, 2);
        SubsetCipher.Sealed sealed = SubsetCipher.seal(rows, TASK, datasetId, members, RANDOM);
        List<Long> counts = new ArrayList<>();
        Arrays.stream(SubsetRows.decode(rows, 4, 2).classCounts()).forEach(counts::add);
        return new Sealed(
                sealed.blob(),
                new SubsetContribution(
                        TASK,
                        datasetId,
                        Cids.rawLeafCidV1(sealed.blob()),
                        Hashing.sha256Hex(sealed.blob()),
                        Hashing.sha256Hex(rows),
                        counts,
                        CONSENT,
                        sealed.ephemeralPublicKey(),
                        sealed.wrappedKeys()));
    }

    /** {@code contribution}'s JSON with {@code field} replaced. */
    static String altered(SubsetContribution contribution, String field, Object value) {
        Map<String, Object> json = new TreeMap<>(contribution.toJson());
        json.put(field, value);
        return Fixtures.json(json);
    }

    static String json(SubsetContribution contribution) {
        return Fixtures.json(contribution.toJson());
    }

    static String publicKey(X25519.KeyMaterial key) {
        return java.util.Base64.getEncoder().encodeToString(key.publicKey32());
    }

    Map<String, Object> setKey(TestIdentity admin, X25519.KeyMaterial key) {
        return ledger.json(admin, ctx -> subset.setMemberKey(ctx, publicKey(key)));
    }

    /** Both organisations register their member keys. */
    TwoStage withKeys() {
        setKey(ORG1_ADMIN, ORG1_KEY);
        setKey(ORG2_ADMIN, ORG2_KEY);
        return this;
    }

    Map<String, Object> contribute(TestIdentity holder, Sealed rows) {
        return ledger.json(holder, ctx -> subset.contributeRows(ctx, json(rows.contribution())));
    }

    Map<String, Object> decline(TestIdentity holder, String reason) {
        return ledger.json(holder, ctx -> subset.declineRows(ctx, TASK, Consortium.datasetOf(holder), reason));
    }

    Map<String, Object> show() {
        return ledger.json(Consortium.ADMIN, ctx -> subset.getSubset(ctx, TASK));
    }

    /**
     * The aggregator contract as organisation {@code mspId}'s chaincode server hosts it in process: this IPFS node
     * and that organisation's member key ({@code null}: none). {@link Env} is one per JVM; a test resets it.
     */
    AggregatorContract aggregator(String mspId, byte[] memberKey) {
        Map<String, Object> settings = new TreeMap<>();
        settings.put(AggregatorContract.HOSTED_BLOBS, ipfs);
        settings.put("MEDFED_ORG_MSP", mspId);
        if (memberKey != null) {
            settings.put(AggregatorContract.HOSTED_SUBSET_KEY, memberKey);
        }
        Env.host(settings);
        return new AggregatorContract();
    }

    Map<String, Object> warmUp(TestIdentity caller) {
        AggregatorContract aggregator = aggregator("Org1MSP", ORG1_KEY.privateScalar32());
        return ledger.json(caller, ctx -> aggregator.warmUp(ctx, TASK));
    }

    private static byte[] initial() {
        SplittableRandom random = new SplittableRandom(15);
        float[] values = new float[(int) Fixtures.PARAMETERS];
        for (int k = 0; k < values.length; k++) {
            values[k] = (float) (random.nextDouble() - 0.5);
        }
        return FloatVectorCodec.encode(values);
    }
}
