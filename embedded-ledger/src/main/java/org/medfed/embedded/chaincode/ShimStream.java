package org.medfed.embedded.chaincode;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;

/**
 * One chaincode-protocol stream to a shim (over a {@link ShimTransport}), registered and READY, carrying any number
 * of concurrent transactions keyed by channel id + tx id (the shim's own task key). Messages of a transaction go to
 * its {@link Mailbox}; the thread that runs the transaction answers them, so one slow transaction never holds up
 * the stream. A stream that fails stays failed: the connection opens a new one.
 */
final class ShimStream implements StreamObserver<ChaincodeMessage> {

    /** Put in every mailbox when the stream breaks, to wake its transaction. */
    private static final ChaincodeMessage STREAM_TERMINATED = ChaincodeMessage.getDefaultInstance();

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<String, Mailbox> mailboxes = new ConcurrentHashMap<>();
    private final Object sendLock = new Object();
    private ShimTransport.Link link;
    private volatile String failure;

    private ShimStream() {}

    /**
     * Opens a stream and waits for the shim's REGISTER, answered with REGISTERED then READY.
     *
     * @throws ChaincodeUnavailableException with Fabric's launch failure text
     */
    static ShimStream open(ShimTransport transport, String chaincodeId, Duration wait)
            throws ChaincodeUnavailableException {
        ShimStream stream = new ShimStream();
        synchronized (stream.sendLock) {
            // The shim's REGISTER may arrive before open returns; its answer waits for the link on this lock.
            stream.link = transport.open(stream);
        }
        try {
            stream.ready.get(wait.toNanos(), TimeUnit.NANOSECONDS);
            return stream;
        } catch (ExecutionException e) {
            stream.close();
            throw new ChaincodeUnavailableException(
                    "could not launch chaincode " + chaincodeId + ": connection to "
                            + chaincodeId + " failed: error cannot create connection for " + chaincodeId
                            + ": error creating grpc connection to " + transport.address() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            stream.close();
            throw new ChaincodeUnavailableException(
                    "could not launch chaincode " + chaincodeId + ": timeout expired while starting chaincode "
                            + chaincodeId + " for transaction",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.close();
            throw new ChaincodeUnavailableException("interrupted while connecting to " + transport.address(), e);
        }
    }

    boolean isOpen() {
        return failure == null;
    }

    /** Claims the (channel, tx id) pair for one transaction; null if a transaction with that pair is running. */
    Mailbox claim(String channelId, String txId) {
        Mailbox mailbox = new Mailbox(channelId + txId);
        return mailboxes.putIfAbsent(mailbox.key, mailbox) == null ? mailbox : null;
    }

    /** Sends to the shim; dropped once the stream failed, as its transaction is told by its mailbox. */
    void send(ChaincodeMessage message) {
        synchronized (sendLock) {
            if (failure == null) {
                link.send(message);
            }
        }
    }

    void close() {
        fail("connection closed");
        synchronized (sendLock) {
            link.close();
        }
    }

    @Override
    public void onNext(ChaincodeMessage message) {
        switch (message.getType()) {
            case REGISTER:
                send(ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.REGISTERED)
                        .build());
                send(ChaincodeMessage.newBuilder()
                        .setType(ChaincodeMessage.Type.READY)
                        .build());
                ready.complete(null);
                break;
            case KEEPALIVE:
                break;
            default:
                deliver(message);
        }
    }

    @Override
    public void onError(Throwable error) {
        Status status = Status.fromThrowable(error);
        fail(status.getCode() + ": " + status.getDescription());
    }

    @Override
    public void onCompleted() {
        fail("chaincode server ended the stream");
    }

    private void deliver(ChaincodeMessage message) {
        Mailbox mailbox = mailboxes.get(message.getChannelId() + message.getTxid());
        if (mailbox != null) {
            mailbox.inbox.add(message);
        } else if (message.getType() != ChaincodeMessage.Type.COMPLETED
                && message.getType() != ChaincodeMessage.Type.ERROR) {
            // A request of a transaction that timed out: Fabric answers it with this error.
            send(message.toBuilder()
                    .clearPayload()
                    .setType(ChaincodeMessage.Type.ERROR)
                    .setPayload(ByteString.copyFromUtf8(message.getType() + " failed: transaction ID: "
                            + message.getTxid() + ": no ledger context"))
                    .build());
        }
    }

    private void fail(String reason) {
        if (failure == null) {
            failure = reason;
        }
        ready.completeExceptionally(new IllegalStateException(reason));
        mailboxes.values().forEach(mailbox -> mailbox.inbox.add(STREAM_TERMINATED));
    }

    /** The inbound messages of one transaction; released when the transaction ends. */
    final class Mailbox implements AutoCloseable {

        private final String key;
        private final BlockingQueue<ChaincodeMessage> inbox = new LinkedBlockingQueue<>();

        private Mailbox(String key) {
            this.key = key;
        }

        /**
         * The next message, or null when {@code wait} passed.
         *
         * @throws ChaincodeStreamTerminated the stream broke
         */
        ChaincodeMessage next(Duration wait) throws InterruptedException, ChaincodeStreamTerminated {
            if (!isOpen()) {
                throw new ChaincodeStreamTerminated();
            }
            ChaincodeMessage message = inbox.poll(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
            if (message == STREAM_TERMINATED) {
                throw new ChaincodeStreamTerminated();
            }
            return message;
        }

        @Override
        public void close() {
            mailboxes.remove(key);
        }
    }

    /** Fabric's ErrorStreamTerminated. */
    static final class ChaincodeStreamTerminated extends Exception {
        private static final long serialVersionUID = 1L;

        ChaincodeStreamTerminated() {
            super("chaincode stream terminated");
        }
    }
}
