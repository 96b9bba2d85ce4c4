package org.medfed.embedded.gateway;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.medfed.embedded.chaincode.ChaincodeUnavailableException;
import org.medfed.embedded.chaincode.SimulationResult;
import org.medfed.embedded.channel.ChaincodeDefinition;
import org.medfed.embedded.channel.Channel;
import org.medfed.embedded.channel.TxIds;
import org.medfed.embedded.config.NetworkLayout;
import org.medfed.embedded.msp.Identity;
import org.medfed.embedded.msp.IdentityException;
import org.medfed.embedded.msp.MalformedIdentityException;
import org.medfed.embedded.msp.Signer;

/**
 * One organisation's peer endorsing a proposal, as Fabric's endorser does (core/endorser): validate the proposal,
 * refuse a committed tx id, check the creator against the channel's writers, run the chaincode on this
 * organisation's own chaincode server, and sign the proposal response payload with this peer's key.
 */
public final class Endorser {

    static final Duration EXECUTE_TIMEOUT = Duration.ofSeconds(30);

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Endorser.class.getName());

    private final String org;
    private final Channel channel;

    public Endorser(String org, Channel channel) {
        this.org = org;
        this.channel = channel;
    }

    public String org() {
        return org;
    }

    public String mspId() {
        return NetworkLayout.mspId(org);
    }

    public String address() {
        return channel.layout().peerEndpoint(org);
    }

    /** Endorses: simulates and signs the proposal response payload. */
    public EndorserOutcome process(UnpackedProposal up) {
        return process(up, true);
    }

    /** Evaluates: as {@link #process} but unsigned; the gateway returns only the result of an evaluation. */
    public EndorserOutcome evaluate(UnpackedProposal up) {
        return process(up, false);
    }

    private EndorserOutcome process(UnpackedProposal up, boolean sign) {
        if (creatorExpired(up)) {
            // Fabric's ExpirationCheck auth filter answers before the endorser, as a transport-level error.
            return new EndorserOutcome(io.grpc.Status.Code.UNAVAILABLE, "proposal client identity expired", null);
        }
        if (!up.channelId().equals(channel.id())) {
            // Fabric's endorser: a status 500 response without payload for a channel this peer has not joined.
            return EndorserOutcome.peerFailure("channel '" + up.channelId() + "' not found");
        }
        String refusal = preProcess(up);
        if (refusal != null) {
            return EndorserOutcome.refused(refusal);
        }
        ChaincodeDefinition definition = channel.definition();
        if (definition == null || !definition.name().equals(up.chaincodeName())) {
            return EndorserOutcome.peerFailure("make sure the chaincode " + up.chaincodeName()
                    + " has been successfully defined on channel " + up.channelId() + " and try again: chaincode "
                    + up.chaincodeName() + " not found");
        }
        SimulationResult result;
        try {
            // A snapshot of the last committed block: a commit during the simulation does not show half-way.
            result = channel.invoker(org)
                    .execute(
                            up.channelId(),
                            up.txId(),
                            up.signed(),
                            up.input(),
                            channel.store().snapshot(),
                            EXECUTE_TIMEOUT);
        } catch (ChaincodeUnavailableException e) {
            return EndorserOutcome.peerFailure("error in simulation: " + e.getMessage());
        }
        if (result.failedToRun()) {
            return EndorserOutcome.peerFailure(
                    "error in simulation: " + result.response().getMessage());
        }
        Response response = result.response();
        ByteString payload = responsePayload(up, definition, result);
        if (response.getStatus() >= 500) {
            return EndorserOutcome.chaincodeError(response.getStatus(), response.getMessage());
        }
        if (response.getStatus() >= 400) {
            return EndorserOutcome.peerFailure(response.getMessage());
        }
        if (!sign) {
            return EndorserOutcome.ok(ProposalResponse.newBuilder()
                    .setVersion(1)
                    .setResponse(response)
                    .setPayload(payload)
                    .build());
        }
        Signer signer = channel.membership().peerSigner(mspId());
        byte[] endorser = signer.serializedIdentity();
        byte[] signature = signer.sign(concat(payload.toByteArray(), endorser));
        return EndorserOutcome.ok(ProposalResponse.newBuilder()
                .setVersion(1)
                .setResponse(response)
                .setPayload(payload)
                .setEndorsement(Endorsement.newBuilder()
                        .setEndorser(ByteString.copyFrom(endorser))
                        .setSignature(ByteString.copyFrom(signature)))
                .build());
    }

    private static boolean creatorExpired(UnpackedProposal up) {
        try {
            SerializedIdentity id =
                    SerializedIdentity.parseFrom(up.signatureHeader().getCreator());
            java.security.cert.X509Certificate cert =
                    (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(id.getIdBytes().newInput());
            return Instant.now().isAfter(cert.getNotAfter().toInstant());
        } catch (com.google.protobuf.InvalidProtocolBufferException | java.security.cert.CertificateException e) {
            return false; // not a certificate: validation below refuses it
        }
    }

    /** Fabric's preProcess: message validation, uniqueness of the tx id, the channel's Writers ACL. */
    private String preProcess(UnpackedProposal up) {
        String invalid = validate(up);
        if (invalid != null) {
            return "error validating proposal: " + invalid;
        }
        if (channel.store().txStatus(up.txId()) != null) {
            return "duplicate transaction found [" + up.txId() + "]. Creator ["
                    + HexFormat.of().formatHex(up.signatureHeader().getCreator().toByteArray()) + "]";
        }
        return null;
    }

    private String validate(UnpackedProposal up) {
        int type = up.channelHeader().getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_VALUE) {
            return "invalid header type " + HeaderType.forNumber(type);
        }
        if (up.channelHeader().getEpoch() != 0) {
            return "epoch is non-zero";
        }
        if (up.signatureHeader().getNonce().isEmpty()) {
            return "nonce is empty";
        }
        ByteString creator = up.signatureHeader().getCreator();
        if (creator.isEmpty()) {
            return "creator is empty";
        }
        String expected = TxIds.compute(up.signatureHeader().getNonce(), creator);
        if (!up.txId().equals(expected)) {
            return "incorrectly computed txid '" + up.txId() + "' -- expected '" + expected + "'";
        }
        if (up.signed().getSignature().isEmpty()) {
            return "empty signature bytes";
        }
        Identity identity;
        try {
            identity = channel.membership().validate(creator.toByteArray(), Instant.now());
        } catch (IdentityException e) {
            // As Fabric's endorser: the reason goes to the log, the client learns only that it was denied.
            LOG.warning(() -> "access denied: identity is not valid: " + e.getMessage());
            // Fabric: an identity its MSP cannot deserialize (no chain to the CA among them) names no organisation
            String msp = mspOf(creator);
            return e instanceof MalformedIdentityException
                            || msp == null
                            || !channel.mspIds().contains(msp)
                    ? "access denied: channel [" + up.channelId() + "] creator org unknown, creator is malformed"
                    : "access denied: channel [" + up.channelId() + "] creator org [" + msp + "]";
        }
        if (!channel.membership()
                .verify(
                        identity,
                        up.signed().getProposalBytes().toByteArray(),
                        up.signed().getSignature().toByteArray())) {
            return "access denied: channel [" + up.channelId() + "] creator org [" + identity.mspId() + "]";
        }
        return null;
    }

    private static String mspOf(ByteString creator) {
        try {
            return SerializedIdentity.parseFrom(creator).getMspid();
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return null;
        }
    }

    /** ProposalResponsePayload{proposal hash, ChaincodeAction{rwset, event, response, chaincode id}}. */
    private static ByteString responsePayload(
            UnpackedProposal up, ChaincodeDefinition definition, SimulationResult result) {
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(result.rwset().toByteString())
                .setResponse(result.response())
                .setChaincodeId(
                        ChaincodeID.newBuilder().setName(definition.name()).setVersion(definition.version()));
        if (result.event() != null) {
            action.setEvents(result.event().toByteString());
        }
        return ProposalResponsePayload.newBuilder()
                .setProposalHash(ByteString.copyFrom(up.proposalHash()))
                .setExtension(action.build().toByteString())
                .build()
                .toByteString();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
