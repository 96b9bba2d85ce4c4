package org.medfed.embedded.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.orderer.SeekPosition;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.medfed.embedded.store.LedgerStore;
import org.medfed.embedded.store.TxStatus;

/**
 * Fabric's ChaincodeEvents stream (internal/pkg/gateway/api.go, event/chaincodeiterator.go): one response per
 * block holding events of the requested chaincode from VALID transactions, from the next commit by default, from a
 * specified block, or resuming after a transaction id found in the ledger. Runs on the caller's thread until the
 * client cancels.
 */
final class ChaincodeEventStreamer {

    interface Acl {
        String refusal(String channelId, byte[] identity, byte[] data, byte[] signature);
    }

    private final LedgerStore store;
    private final CommitNotifier notifier;

    ChaincodeEventStreamer(LedgerStore store, CommitNotifier notifier) {
        this.store = store;
        this.notifier = notifier;
    }

    void stream(SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> out, Acl acl) {
        if (signed.getRequest().isEmpty()) {
            out.onError(GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "a chaincode events request is required"));
            return;
        }
        ChaincodeEventsRequest request;
        try {
            request = ChaincodeEventsRequest.parseFrom(signed.getRequest());
        } catch (InvalidProtocolBufferException e) {
            out.onError(GatewayErrors.error(
                    Status.Code.INVALID_ARGUMENT, "invalid chaincode events request: " + e.getMessage()));
            return;
        }
        String denied = acl.refusal(
                request.getChannelId(),
                request.getIdentity().toByteArray(),
                signed.getRequest().toByteArray(),
                signed.getSignature().toByteArray());
        if (denied != null) {
            out.onError(GatewayErrors.error(Status.Code.PERMISSION_DENIED, denied));
            return;
        }
        long next;
        try {
            next = startBlock(request);
        } catch (IllegalArgumentException e) {
            out.onError(GatewayErrors.error(Status.Code.INVALID_ARGUMENT, e.getMessage()));
            return;
        }
        ServerCallStreamObserver<ChaincodeEventsResponse> call =
                (ServerCallStreamObserver<ChaincodeEventsResponse>) out;
        boolean[] passedAfter = {request.getAfterTransactionId().isEmpty()};
        try {
            while (!call.isCancelled()) {
                if (next >= store.height()) {
                    notifier.awaitHeightAbove(next - 1, 1000);
                    continue;
                }
                List<ChaincodeEvent> events = events(store.block(next), request, passedAfter);
                if (!events.isEmpty()) {
                    out.onNext(ChaincodeEventsResponse.newBuilder()
                            .setBlockNumber(next)
                            .addAllEvents(events)
                            .build());
                }
                next++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!call.isCancelled()) {
                out.onError(GatewayErrors.error(Status.Code.ABORTED, String.valueOf(e.getMessage())));
            }
        }
    }

    private long startBlock(ChaincodeEventsRequest request) {
        if (!request.getAfterTransactionId().isEmpty()) {
            TxStatus status = store.txStatus(request.getAfterTransactionId());
            if (status != null) {
                return status.blockNum();
            }
        }
        SeekPosition position = request.getStartPosition();
        return switch (position.getTypeCase()) {
            case TYPE_NOT_SET, NEXT_COMMIT -> store.height();
            case SPECIFIED -> position.getSpecified().getNumber();
            default -> throw new IllegalArgumentException("invalid start position type: " + position.getTypeCase());
        };
    }

    /** Events of VALID transactions of the requested chaincode, skipping up to and including after_transaction_id. */
    private static List<ChaincodeEvent> events(Block block, ChaincodeEventsRequest request, boolean[] passedAfter) {
        List<ChaincodeEvent> out = new ArrayList<>();
        byte[] filter = block.getMetadata()
                .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                .toByteArray();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            if (i >= filter.length || filter[i] != TxValidationCode.VALID_VALUE) {
                continue;
            }
            ChaincodeEvent event = eventOf(block.getData().getData(i));
            if (event == null) {
                continue;
            }
            if (!passedAfter[0]) {
                passedAfter[0] = event.getTxId().equals(request.getAfterTransactionId());
                continue;
            }
            if (event.getChaincodeId().equals(request.getChaincodeId())) {
                out.add(event);
            }
        }
        return out;
    }

    private static ChaincodeEvent eventOf(com.google.protobuf.ByteString envelopeBytes) {
        try {
            Payload payload =
                    Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
                return null;
            }
            Transaction tx = Transaction.parseFrom(payload.getData());
            ChaincodeActionPayload cap =
                    ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
            ChaincodeAction action = ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(cap.getAction().getProposalResponsePayload())
                            .getExtension());
            if (action.getEvents().isEmpty()) {
                return null;
            }
            return ChaincodeEvent.parseFrom(action.getEvents());
        } catch (InvalidProtocolBufferException | IndexOutOfBoundsException e) {
            return null;
        }
    }
}
