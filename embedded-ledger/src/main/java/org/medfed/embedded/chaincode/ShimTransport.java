package org.medfed.embedded.chaincode;

import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * What carries one chaincode-protocol stream between the peer side ({@link ShimStream}) and a shim: a gRPC
 * {@code Connect} call to a chaincode server ({@link GrpcShimTransport}), or a shim in this JVM
 * ({@link InProcessShimTransport}). The protocol itself (REGISTER, TRANSACTION, ledger requests, COMPLETED) is the
 * same over both, so the peer side is written once.
 */
interface ShimTransport {

    /** Where the chaincode runs, for error texts: "host:port", or a name for one in this JVM. */
    String address();

    /**
     * Opens one stream. The shim's messages, and the end of the stream, go to {@code fromShim}, one at a time and
     * in order, on a thread that is not the caller's.
     */
    Link open(StreamObserver<ChaincodeMessage> fromShim);

    /** The peer's end of one open stream. */
    interface Link {

        /** Sends to the shim, in call order; callers do not call it concurrently. */
        void send(ChaincodeMessage message);

        /** Ends the stream from the peer's side and frees what it held; later sends are dropped. */
        void close();
    }
}
