package org.medfed.embedded.chaincode;

import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import org.hyperledger.fabric.protos.peer.ChaincodeGrpc;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/** A chaincode-as-a-service server, plaintext: each stream is a {@code protos.Chaincode/Connect} call. */
final class GrpcShimTransport implements ShimTransport {

    /** The shim server's default maximum message size. */
    private static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

    private final String address;

    GrpcShimTransport(String address) {
        this.address = address;
    }

    @Override
    public String address() {
        return address;
    }

    /** A channel of its own per stream, so a stream opened after a server restart never waits out a backoff. */
    @Override
    public Link open(StreamObserver<ChaincodeMessage> fromShim) {
        ManagedChannel channel = Grpc.newChannelBuilder(address, InsecureChannelCredentials.create())
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .build();
        StreamObserver<ChaincodeMessage> toShim;
        // The first execute runs inside a gateway call; a stream opened in that call's gRPC context would be
        // cancelled when the call ends. The stream outlives every call, so it belongs to the root context.
        Context previous = Context.ROOT.attach();
        try {
            toShim = ChaincodeGrpc.newStub(channel).connect(new StreamObserver<>() {
                @Override
                public void onNext(ChaincodeMessage message) {
                    fromShim.onNext(message);
                }

                @Override
                public void onError(Throwable error) {
                    channel.shutdownNow();
                    fromShim.onError(error);
                }

                @Override
                public void onCompleted() {
                    channel.shutdownNow();
                    fromShim.onCompleted();
                }
            });
        } finally {
            Context.ROOT.detach(previous);
        }
        return new Link() {
            @Override
            public void send(ChaincodeMessage message) {
                toShim.onNext(message);
            }

            @Override
            public void close() {
                toShim.onError(Status.CANCELLED
                        .withDescription("peer closed the connection")
                        .asRuntimeException());
                channel.shutdownNow();
            }
        };
    }
}
