package org.medfed.embedded.chaincode;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.medfed.embedded.state.StateReader;

/**
 * The peer side of the chaincode protocol towards one chaincode: a chaincode-as-a-service server (plaintext gRPC)
 * or a shim in this JVM ({@link InProcessChaincode}). Connects lazily, keeps one long-lived stream (the shim's
 * server sends GOAWAY after its 5 s maximum connection age, but open streams survive it) and opens a new one on the
 * next execute when it broke. Executes may run concurrently.
 *
 * <p>Failures read as Fabric's ChaincodeSupport.Execute errors ("failed to execute transaction &lt;txid&gt;: ...");
 * the endorser in front of it adds "error in simulation: " where Fabric's does.
 */
public final class ChaincodeConnection implements ChaincodeInvoker {

    private final ShimTransport transport;
    private final String namespace;
    private final String chaincodeId;
    private ShimStream stream;
    private int streamsOpened;
    private boolean closed;

    /**
     * @param address  the chaincode server, "host:port"
     * @param namespace the chaincode name, which is its state namespace and its events' chaincode id
     * @param version  the chaincode version, used to name the chaincode in errors ("name:version")
     */
    public ChaincodeConnection(String address, String namespace, String version) {
        this(new GrpcShimTransport(address), namespace, version);
    }

    ChaincodeConnection(ShimTransport transport, String namespace, String version) {
        this.transport = transport;
        this.namespace = namespace;
        this.chaincodeId = namespace + ":" + version;
    }

    @Override
    public SimulationResult execute(
            String channel,
            String txId,
            SignedProposal proposal,
            ChaincodeInput input,
            StateReader state,
            Duration timeout)
            throws ChaincodeUnavailableException {
        Instant deadline = Instant.now().plus(timeout);
        try {
            ShimStream current = openStream(timeout);
            try (ShimStream.Mailbox mailbox = claim(current, channel, txId)) {
                current.send(ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.TRANSACTION)
                        .setPayload(input.toByteString())
                        .setTxid(txId)
                        .setChannelId(channel)
                        .setProposal(proposal)
                        .build());
                return run(mailbox, current, new TxSimulator(state, namespace, txId), channel, txId, deadline);
            }
        } catch (ChaincodeUnavailableException e) {
            throw new ChaincodeUnavailableException(
                    "failed to execute transaction " + txId + ": " + e.getMessage(), e.getCause());
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }

    private synchronized ShimStream openStream(Duration wait) throws ChaincodeUnavailableException {
        if (closed) {
            throw new IllegalStateException("connection to " + transport.address() + " is closed");
        }
        if (stream == null || !stream.isOpen()) {
            stream = ShimStream.open(transport, chaincodeId, wait);
            streamsOpened++;
        }
        return stream;
    }

    /** How many streams this connection has opened: one, unless the server went away. */
    synchronized int streamsOpened() {
        return streamsOpened;
    }

    private static ShimStream.Mailbox claim(ShimStream stream, String channel, String txId)
            throws ChaincodeUnavailableException {
        ShimStream.Mailbox mailbox = stream.claim(channel, txId);
        if (mailbox == null) {
            throw new ChaincodeUnavailableException("txid: " + txId + "(" + channel + ") exists");
        }
        return mailbox;
    }

    /** Serves the shim's ledger requests on this thread until the transaction ends. */
    private SimulationResult run(
            ShimStream.Mailbox mailbox,
            ShimStream stream,
            TxSimulator simulator,
            String channel,
            String txId,
            Instant deadline)
            throws ChaincodeUnavailableException {
        try (ShimRequestHandler handler = new ShimRequestHandler(simulator, channel, namespace, txId)) {
            while (true) {
                ChaincodeMessage message = mailbox.next(Duration.between(Instant.now(), deadline));
                if (message == null) {
                    throw new ChaincodeUnavailableException("timeout expired while executing transaction");
                }
                switch (message.getType()) {
                    case COMPLETED:
                        return completed(message, simulator.readWriteSet(), txId);
                    case ERROR:
                        return failed(message);
                    default:
                        stream.send(handler.handle(message));
                }
            }
        } catch (ShimStream.ChaincodeStreamTerminated e) {
            throw new ChaincodeUnavailableException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChaincodeUnavailableException("interrupted while executing transaction", e);
        }
    }

    private SimulationResult completed(ChaincodeMessage message, TxReadWriteSet rwset, String txId)
            throws ChaincodeUnavailableException {
        Response response;
        try {
            response = Response.parseFrom(message.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new ChaincodeUnavailableException("failed to unmarshal response for transaction " + txId, e);
        }
        ChaincodeEvent event = message.hasChaincodeEvent()
                ? message.getChaincodeEvent().toBuilder()
                        .setChaincodeId(namespace)
                        .setTxId(txId)
                        .build()
                : null;
        return new SimulationResult(response, rwset, event);
    }

    /** Fabric's endorser discards simulation results of a failed transaction: no read-write set, no event. */
    private static SimulationResult failed(ChaincodeMessage message) {
        Response response = Response.newBuilder()
                .setStatus(500)
                .setMessage(
                        SimulationResult.FAILED_TO_RUN + message.getPayload().toStringUtf8())
                .build();
        return new SimulationResult(
                response,
                TxReadWriteSet.newBuilder()
                        .setDataModel(TxReadWriteSet.DataModel.KV)
                        .build(),
                null);
    }
}
