package org.medfed.chaincode.system;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.logging.Logger;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.Env;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.FlContext;
import org.medfed.contract.support.FlContract;

/**
 * Health and identity checks: proves that a client can reach, write to and read from the chaincode. Also the bare
 * put/get baseline of the throughput benchmark (docs/performance.md): {@code writeProbe} writes a fresh key per
 * transaction, so concurrent probes never conflict, unlike pings of one organisation, which rewrite one key.
 */
@Contract(name = ContractNames.SYSTEM)
@Default
public final class SystemContract implements FlContract {
    static final String VERSION_VARIABLE = "MEDFED_CHAINCODE_VERSION";
    static final int MAX_MESSAGE_LENGTH = 256;
    static final int MAX_MSP_ID_LENGTH = 256;

    private static final Logger LOG = Logger.getLogger(SystemContract.class.getName());

    private final String version;

    public SystemContract() {
        // Read once at start-up. Every organisation's server runs the same deployment, so all peers report one version.
        this(Env.valueOr(VERSION_VARIABLE, "dev"));
    }

    SystemContract(String version) {
        this.version = version;
    }

    /** Records the caller organisation's ping, counts it, and emits {@code Pinged} with the record. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String ping(FlContext ctx, String message) {
        Args.text("message", message, MAX_MESSAGE_LENGTH);
        LedgerStore ledger = new LedgerStore(ctx.getStub());
        String mspId = ctx.callerMspId();
        String key = ledger.keys().ping(mspId);
        long previous =
                ledger.find(key, PingRecord::fromJson).map(PingRecord::count).orElse(0L);

        PingRecord ping = new PingRecord(previous + 1, message, mspId, ctx.txId(), ctx.txTimestamp());
        byte[] json = ledger.put(key, ping);
        ledger.emit(EventNames.PINGED, json);
        LOG.fine(() -> "ping " + ping.count() + " from " + mspId + " in " + ping.txId());
        return new String(json, UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPing(FlContext ctx, String mspId) {
        Args.text("mspId", mspId, MAX_MSP_ID_LENGTH);
        LedgerStore ledger = new LedgerStore(ctx.getStub());
        PingRecord ping = ledger.find(ledger.keys().ping(mspId), PingRecord::fromJson)
                .orElseThrow(() -> new FlChaincodeException(ErrorCode.NOT_FOUND, "no ping recorded for " + mspId));
        return CanonicalJson.encode(ping.toJson());
    }

    /**
     * Writes the probe under {@code probe~<caller MSP>~<probeId>} and emits {@code ProbeWritten} with the record. An
     * id is written once: a second write of it is {@code ALREADY_EXISTS} and writes nothing.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String writeProbe(FlContext ctx, String probeId, String message) {
        Args.id("probeId", probeId);
        Args.text("message", message, MAX_MESSAGE_LENGTH);
        LedgerStore ledger = new LedgerStore(ctx.getStub());
        String mspId = ctx.callerMspId();
        String key = ledger.keys().probe(mspId, probeId);
        if (ledger.exists(key)) {
            throw new FlChaincodeException(
                    ErrorCode.ALREADY_EXISTS, "probe " + probeId + " of " + mspId + " is already written");
        }
        byte[] json = ledger.put(key, new ProbeRecord(probeId, message, mspId, ctx.txId(), ctx.txTimestamp()));
        ledger.emit(EventNames.PROBE_WRITTEN, json);
        return new String(json, UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String readProbe(FlContext ctx, String mspId, String probeId) {
        Args.text("mspId", mspId, MAX_MSP_ID_LENGTH);
        Args.id("probeId", probeId);
        LedgerStore ledger = new LedgerStore(ctx.getStub());
        ProbeRecord probe = ledger.find(ledger.keys().probe(mspId, probeId), ProbeRecord::fromJson)
                .orElseThrow(
                        () -> new FlChaincodeException(ErrorCode.NOT_FOUND, "no probe " + probeId + " of " + mspId));
        return CanonicalJson.encode(probe.toJson());
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getInfo(FlContext ctx) {
        return CanonicalJson.encode(
                Map.of("chaincode", ContractNames.CHAINCODE, "contracts", ContractNames.ALL, "version", version));
    }
}
