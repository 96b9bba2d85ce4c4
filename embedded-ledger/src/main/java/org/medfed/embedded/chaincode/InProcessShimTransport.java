package org.medfed.embedded.chaincode;

import io.grpc.stub.StreamObserver;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.impl.InvocationTaskManager;
import org.medfed.embedded.DaemonThreads;

/**
 * A chaincode in this JVM, reached through the shim's own {@link InvocationTaskManager}: the object that a
 * chaincode server puts behind each Connect stream (ChaincodeBase.connectToPeer). Each stream gets a manager of its
 * own with the shim's task pool; messages cross in each direction on a single thread of their own, so order is kept
 * as on a gRPC stream and neither side ever runs the other's code on its own thread (a task blocked on a ledger
 * answer never holds up the peer, and the reverse).
 */
final class InProcessShimTransport implements ShimTransport {

    private final ChaincodeBase chaincode;
    private final ChaincodeID chaincodeId;

    InProcessShimTransport(ChaincodeBase chaincode, String chaincodeId) {
        this.chaincode = chaincode;
        this.chaincodeId = ChaincodeID.newBuilder().setName(chaincodeId).build();
    }

    @Override
    public String address() {
        return "in-process " + chaincodeId.getName();
    }

    @Override
    public Link open(StreamObserver<ChaincodeMessage> fromShim) {
        ExecutorService toPeer = Executors.newSingleThreadExecutor(DaemonThreads.named("shim-to-peer"));
        ExecutorService toShim = Executors.newSingleThreadExecutor(DaemonThreads.named("peer-to-shim"));
        InvocationTaskManager manager = InvocationTaskManager.getManager(chaincode, chaincodeId);
        manager.setResponseConsumer(message -> deliver(toPeer, () -> fromShim.onNext(message)));
        manager.register();
        return new Link() {
            @Override
            public void send(ChaincodeMessage message) {
                deliver(toShim, () -> manager.onChaincodeMessage(message));
            }

            @Override
            public void close() {
                toShim.shutdownNow();
                toPeer.shutdownNow();
                // The shim's pool threads are not daemons; its shutdown waits for running tasks (up to 60 s for
                // one blocked on a ledger answer that will not come), so it must not hold up the closing thread.
                DaemonThreads.start("shim-shutdown", manager::shutdown);
            }
        };
    }

    /** Drops what arrives after the stream closed, as a closed gRPC stream does. */
    private static void deliver(ExecutorService direction, Runnable message) {
        try {
            direction.execute(message);
        } catch (RejectedExecutionException closed) {
            // the stream is closed
        }
    }
}
