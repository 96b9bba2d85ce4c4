package org.medfed.embedded.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.gateway.ChaincodeEventsResponse;
import org.hyperledger.fabric.protos.gateway.CommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.CommitStatusResponse;
import org.hyperledger.fabric.protos.gateway.EndorseRequest;
import org.hyperledger.fabric.protos.gateway.EndorseResponse;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.EvaluateResponse;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.hyperledger.fabric.protos.gateway.SignedChaincodeEventsRequest;
import org.hyperledger.fabric.protos.gateway.SignedCommitStatusRequest;
import org.hyperledger.fabric.protos.gateway.SubmitRequest;
import org.hyperledger.fabric.protos.gateway.SubmitResponse;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.medfed.embedded.channel.Channel;
import org.medfed.embedded.msp.Identity;
import org.medfed.embedded.msp.IdentityException;
import org.medfed.embedded.order.Orderer;
import org.medfed.embedded.store.TxStatus;

/**
 * Fabric's Gateway service as one organisation's peer offers it: Evaluate, Endorse, Submit, CommitStatus and
 * ChaincodeEvents, with Fabric's status codes, messages and error details.
 */
public final class GatewayService extends GatewayGrpc.GatewayImplBase {

    private final String org;
    private final Channel channel;
    private final Orderer orderer;
    private final CommitNotifier notifier;
    private final Endorsements endorsements;
    private final ChaincodeEventStreamer events;

    public GatewayService(String org, Channel channel, Orderer orderer, CommitNotifier notifier, ExecutorService pool) {
        this.org = org;
        this.channel = channel;
        this.orderer = orderer;
        this.notifier = notifier;
        this.endorsements = new Endorsements(pool);
        this.events = new ChaincodeEventStreamer(channel.store(), notifier);
    }

    @Override
    public void evaluate(EvaluateRequest request, StreamObserver<EvaluateResponse> out) {
        UnpackedProposal up;
        try {
            up = UnpackedProposal.unpack(request.getProposedTransaction());
        } catch (UnpackedProposal.MalformedProposalException e) {
            out.onError(GatewayErrors.error(
                    Status.Code.INVALID_ARGUMENT, "failed to unpack transaction proposal: " + e.getMessage()));
            return;
        }
        List<Endorser> plan =
                request.getTargetOrganizationsCount() > 0 ? named(request.getTargetOrganizationsList()) : localFirst();
        List<ErrorDetail> details = new ArrayList<>();
        Status.Code last = Status.Code.UNAVAILABLE;
        for (Endorser e : plan) {
            EndorserOutcome o = e.evaluate(up);
            if (o.isOk()) {
                out.onNext(EvaluateResponse.newBuilder().setResult(result(o)).build());
                out.onCompleted();
                return;
            }
            details.add(GatewayErrors.detail(e, o.message()));
            last = o.code();
            // Fabric retries only failures of the peer itself (unreachable, chaincode failed to run) elsewhere.
            if (o.code() != Status.Code.ABORTED && o.code() != Status.Code.UNAVAILABLE) {
                out.onError(GatewayErrors.error(
                        o.code(), "evaluate call to endorser returned error: " + o.message(), details));
                return;
            }
        }
        out.onError(GatewayErrors.error(
                last, "failed to evaluate transaction, see attached details for more info", details));
    }

    /** The client reads the chaincode's result from the proposal response payload, as Fabric's gateway prefers. */
    private static Response result(EndorserOutcome o) {
        Response response = o.response().getResponse();
        try {
            ChaincodeAction action = ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(o.response().getPayload()).getExtension());
            return response.toBuilder()
                    .setPayload(action.getResponse().getPayload())
                    .build();
        } catch (InvalidProtocolBufferException e) {
            return response;
        }
    }

    @Override
    public void endorse(EndorseRequest request, StreamObserver<EndorseResponse> out) {
        if (request.getProposedTransaction().getProposalBytes().isEmpty()) {
            out.onError(GatewayErrors.error(
                    Status.Code.INVALID_ARGUMENT, "the proposed transaction must contain a signed proposal"));
            return;
        }
        UnpackedProposal up;
        try {
            up = UnpackedProposal.unpack(request.getProposedTransaction());
        } catch (UnpackedProposal.MalformedProposalException e) {
            out.onError(GatewayErrors.error(Status.Code.INVALID_ARGUMENT, e.getMessage()));
            return;
        }
        List<Endorser> named = List.of();
        if (request.getEndorsingOrganizationsCount() > 0) {
            named = named(request.getEndorsingOrganizationsList());
            if (named.size() != request.getEndorsingOrganizationsCount()) {
                out.onError(GatewayErrors.error(
                        Status.Code.UNAVAILABLE,
                        "failed to find any endorsing peers for org(s): " + request.getEndorsingOrganizationsList()));
                return;
            }
        }
        List<Endorser> others = localFirst().subList(1, channel.orgs().size());
        Endorsements.Result r = endorsements.collect(up, new Endorser(org, channel), others, named, channel.majority());
        if (r.error() != null) {
            out.onError(r.error());
            return;
        }
        out.onNext(EndorseResponse.newBuilder()
                .setPreparedTransaction(r.prepared())
                .build());
        out.onCompleted();
    }

    @Override
    public void submit(SubmitRequest request, StreamObserver<SubmitResponse> out) {
        if (!request.hasPreparedTransaction()) {
            out.onError(GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "a prepared transaction is required"));
            return;
        }
        Envelope envelope = request.getPreparedTransaction();
        if (envelope.getSignature().isEmpty()) {
            out.onError(GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "prepared transaction must be signed"));
            return;
        }
        String refusal = ordererRefusal(envelope);
        if (refusal != null) {
            out.onError(GatewayErrors.error(
                    Status.Code.ABORTED, "received unsuccessful response from orderer: " + refusal));
            return;
        }
        try {
            orderer.broadcast(envelope, request.getTransactionId());
        } catch (RuntimeException e) {
            out.onError(GatewayErrors.error(
                    Status.Code.UNAVAILABLE,
                    "no orderers could successfully process transaction",
                    List.of(ErrorDetail.newBuilder()
                            .setAddress("embedded-orderer")
                            .setMspId("OrdererMSP")
                            .setMessage(String.valueOf(e.getMessage()))
                            .build())));
            return;
        }
        out.onNext(SubmitResponse.getDefaultInstance());
        out.onCompleted();
    }

    /** The orderer's broadcast filter: a well-formed envelope for this channel, signed by a channel member. */
    private String ordererRefusal(Envelope envelope) {
        try {
            Payload payload = Payload.parseFrom(envelope.getPayload());
            ChannelHeader header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            if (!header.getChannelId().equals(channel.id())) {
                return "status=NOT_FOUND, info=channel " + header.getChannelId() + " not found";
            }
            SignatureHeader sh = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            Identity creator = channel.membership().validate(sh.getCreator().toByteArray(), Instant.now());
            if (!channel.membership()
                    .verify(
                            creator,
                            envelope.getPayload().toByteArray(),
                            envelope.getSignature().toByteArray())) {
                return "status=FORBIDDEN, info=implicit policy evaluation failed - 0 sub-policies were satisfied, "
                        + "but this policy requires 1 of the 'Writers' sub-policies to be satisfied";
            }
            return null;
        } catch (InvalidProtocolBufferException e) {
            return "status=BAD_REQUEST, info=bad envelope: " + e.getMessage();
        } catch (IdentityException e) {
            return "status=FORBIDDEN, info=" + e.getMessage();
        }
    }

    @Override
    public void commitStatus(SignedCommitStatusRequest signed, StreamObserver<CommitStatusResponse> out) {
        if (signed.getRequest().isEmpty()) {
            out.onError(GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "a commit status request is required"));
            return;
        }
        CommitStatusRequest request;
        try {
            request = CommitStatusRequest.parseFrom(signed.getRequest());
        } catch (InvalidProtocolBufferException e) {
            out.onError(GatewayErrors.error(Status.Code.INVALID_ARGUMENT, "invalid status request: " + e.getMessage()));
            return;
        }
        String denied = aclRefusal(
                request.getChannelId(),
                request.getIdentity().toByteArray(),
                signed.getRequest().toByteArray(),
                signed.getSignature().toByteArray());
        if (denied != null) {
            out.onError(GatewayErrors.error(Status.Code.PERMISSION_DENIED, denied));
            return;
        }
        CompletableFuture<TxStatus> status = notifier.statusOf(request.getTransactionId());
        Context.current().addListener(ctx -> status.cancel(false), Runnable::run);
        status.whenComplete((s, e) -> {
            if (e != null) {
                return; // cancelled: the client gave up (deadline or cancel) and sees its own status
            }
            out.onNext(CommitStatusResponse.newBuilder()
                    .setResult(s.code())
                    .setBlockNumber(s.blockNum())
                    .build());
            out.onCompleted();
        });
    }

    @Override
    public void chaincodeEvents(SignedChaincodeEventsRequest signed, StreamObserver<ChaincodeEventsResponse> out) {
        events.stream(signed, out, this::aclRefusal);
    }

    /** The channel's Readers/Writers ACL on a signed gateway request: a channel member's valid signature. */
    String aclRefusal(String channelId, byte[] identity, byte[] data, byte[] signature) {
        if (!channelId.equals(channel.id())) {
            return "access denied: channel [" + channelId + "] not found";
        }
        try {
            Identity id = channel.membership().validate(identity, Instant.now());
            if (!channel.membership().verify(id, data, signature)) {
                return "access denied: the signature over the request is not valid for " + id.mspId();
            }
            return null;
        } catch (IdentityException e) {
            return "access denied: " + e.getMessage();
        }
    }

    /**
     * This organisation's peer first (Fabric prefers the gateway's own organisation), then the others in join order
     * starting after it, so that gateways of different organisations spread their extra endorsements over
     * different peers (Fabric's discovery picks among the policy's layouts) rather than all on the first one.
     */
    private List<Endorser> localFirst() {
        List<String> orgs = channel.orgs();
        int self = Math.max(0, orgs.indexOf(org));
        List<Endorser> list = new ArrayList<>();
        list.add(new Endorser(org, channel));
        for (int i = 1; i < orgs.size(); i++) {
            list.add(new Endorser(orgs.get((self + i) % orgs.size()), channel));
        }
        return list;
    }

    private List<Endorser> named(List<String> mspIds) {
        List<Endorser> list = new ArrayList<>();
        for (String msp : mspIds) {
            String o = channel.layout().orgOfMsp(msp);
            if (o != null) {
                list.add(new Endorser(o, channel));
            }
        }
        return list;
    }
}
