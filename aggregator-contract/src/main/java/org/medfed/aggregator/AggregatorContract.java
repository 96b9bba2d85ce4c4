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
    static final String ORG_MSP_VARIABLE = "MEDFED_ORG_MSP";
    static final String UNSET = "unset";
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
