package org.medfed.aggregator;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.subset.MemberKeys;
import org.medfed.common.subset.WarmUpInput;
import org.medfed.common.subset.WarmUpRequest;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.Env;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.FlContext;
import org.medfed.contract.support.FlContract;

/**
 * Aggregation of model updates, executed by every endorsing organisation's chaincode server against its own IPFS
 * node ({@value #IPFS_API_VARIABLE}); the endorsement policy commits the result only when their write sets agree.
 * The ledger side ({@link AggregationLedger}) comes from the chaincode module through {@link ServiceLoader}: the
 * first provider on the class path, which is how a test jar put before the server jar can stand in for it.
 */
@Contract(name = ContractNames.AGGREGATOR)
public final class AggregatorContract implements FlContract {
    static final String IPFS_API_VARIABLE = "MEDFED_IPFS_API";
    public static final String ORG_MSP_VARIABLE = "MEDFED_ORG_MSP";
    static final String UNSET = "unset";
    /** The file holding this organisation's subset member key (private half), for the warm-up. */
    static final String SUBSET_KEY_VARIABLE = "MEDFED_SUBSET_KEY";
    /** What a JVM hosting the contracts in process hands over instead: the member key's 32 bytes. */
    public static final String HOSTED_SUBSET_KEY = "medfed.aggregator.subsetKey";
    /**
     * Where a JVM hosting the contracts in process ({@link Env#host}) hands over the organisation's blob store,
     * a {@link BlobFetcher}, instead of a Kubo API address.
     */
    public static final String HOSTED_BLOBS = "medfed.aggregator.blobs";

    private final String ipfsApi;
    private final String orgMspId;
    private final AggregationLedger ledger;
    private final BlobFetcher blobs;

    public AggregatorContract() {
        this(
                Env.valueOr(IPFS_API_VARIABLE, UNSET),
                Env.valueOr(ORG_MSP_VARIABLE, UNSET),
                loadLedger(),
                Env.hostedObject(HOSTED_BLOBS, BlobFetcher.class).orElse(null));
    }

    AggregatorContract(String ipfsApi, String orgMspId) {
        this(ipfsApi, orgMspId, null, null);
    }

    /** For tests: an explicit ledger port and blob store. */
    public AggregatorContract(AggregationLedger ledger, BlobFetcher blobs) {
        this(UNSET, UNSET, ledger, blobs);
    }

    private AggregatorContract(String ipfsApi, String orgMspId, AggregationLedger ledger, BlobFetcher blobs) {
        this.ipfsApi = ipfsApi;
        this.orgMspId = orgMspId;
        this.ledger = ledger;
        this.blobs = blobs != null ? blobs : kubo(ipfsApi);
    }

    /** The answer differs per organisation by design, so this must stay EVALUATE. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getEndpoint(FlContext ctx) {
        return CanonicalJson.encode(Map.of("ipfsApi", ipfsApi, "mspId", orgMspId));
    }

    /**
     * Aggregates a CLOSED round with the task's strategy and records the result through the ledger's
     * {@link AggregationLedger#record}. Any active registered participant may call it.
     *
     * @return what {@link AggregationLedger#record} returns
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String aggregateRound(FlContext ctx, String taskId, String round) {
        Args.id("taskId", taskId);
        long number = Args.positive("round", round, Long.MAX_VALUE);
        RoundInput input = requireLedger().load(ctx, taskId, number);
        AggregationRequest report = new RoundAggregation(blobs).aggregate(taskId, input);
        return ledger.record(ctx, report);
    }

    /**
     * The exact input of a closed or aggregated round, past or current, as canonical JSON (docs/ledger-schema.md):
     * what {@code aggregateRound} read, so anyone can recompute the round from IPFS and compare
     * ({@code medfed verify round}). Any identity that may read the ledger.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getRoundInput(FlContext ctx, String taskId, String round) {
        Args.id("taskId", taskId);
        long number = Args.positive("round", round, Long.MAX_VALUE);
        return CanonicalJson.encode(requireLedger().input(ctx, taskId, number).toJson());
    }

    /**
     * Stage 1 of a two-stage task: opens the shared subset's sealed rows with this organisation's member key
     * ({@value #SUBSET_KEY_VARIABLE}), warms the initial model up on them, pins the warm model on this organisation's
     * IPFS node and records it; round 1 then starts from it. Any active participant may call it once the subset is
     * ready. An organisation without the key, or whose node cannot serve a blob, does not endorse.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String warmUp(FlContext ctx, String taskId) {
        Args.id("taskId", taskId);
        WarmUpInput input = requireLedger().loadWarmUp(ctx, taskId);
        WarmUpRequest request = new SubsetWarmUp(blobs, orgMspId, memberKey()).warmUp(taskId, input);
        return ledger.recordWarmUp(ctx, request);
    }

    /** The exact input of a task's warm-up (docs/non-iid.md), so a member can recompute it ({@code medfed verify}). */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getWarmUpInput(FlContext ctx, String taskId) {
        Args.id("taskId", taskId);
        return CanonicalJson.encode(requireLedger().warmUpInput(ctx, taskId).toJson());
    }

    /** This organisation's subset member key, read at each warm-up so a key installed later needs no restart. */
    private byte[] memberKey() {
        Optional<byte[]> hosted = Env.hostedObject(HOSTED_SUBSET_KEY, byte[].class);
        if (hosted.isPresent()) {
            return hosted.get();
        }
        String path = Env.valueOr(SUBSET_KEY_VARIABLE, UNSET);
        if (UNSET.equals(path)) {
            return null;
        }
        try {
            return MemberKeys.read(java.nio.file.Path.of(path));
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new FlChaincodeException(
                    ErrorCode.SUBSET_KEY_UNAVAILABLE,
                    "this organisation's subset member key (" + path + ") cannot be read: " + e.getMessage(),
                    e);
        }
    }

    private AggregationLedger requireLedger() {
        if (ledger == null) {
            throw new FlChaincodeException(
                    ErrorCode.INTERNAL,
                    "no " + AggregationLedger.class.getName()
                            + " on the class path: the aggregator's ledger transactions run only inside the medfed chaincode"
                            + " server");
        }
        return ledger;
    }

    private static AggregationLedger loadLedger() {
        Optional<AggregationLedger> found = ServiceLoader.load(
                        AggregationLedger.class, AggregatorContract.class.getClassLoader())
                .findFirst();
        return found.orElse(null);
    }

    private static BlobFetcher kubo(String api) {
        if (UNSET.equals(api)) {
            return new BlobFetcher() {
                @Override
                public java.io.InputStream open(String cid, long maxBytes) throws java.io.IOException {
                    throw new java.io.IOException(IPFS_API_VARIABLE + " is not set for this chaincode server");
                }

                @Override
                public String addAndPin(byte[] data) throws java.io.IOException {
                    throw new java.io.IOException(IPFS_API_VARIABLE + " is not set for this chaincode server");
                }
            };
        }
        return new KuboBlobFetcher(URI.create(api), KuboBlobFetcher.DEFAULT_TIMEOUT);
    }
}
