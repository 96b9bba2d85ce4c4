package org.medfed.embedded.gateway;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * A signed proposal taken apart as Fabric's endorser does (core/endorser/msgvalidation.go UnpackProposal), with its
 * proposal hash: SHA-256(channel header ‖ signature header ‖ proposal payload without the transient map).
 */
public record UnpackedProposal(
        SignedProposal signed,
        Proposal proposal,
        Header header,
        ChannelHeader channelHeader,
        SignatureHeader signatureHeader,
        ChaincodeProposalPayload payload,
        String chaincodeName,
        ChaincodeInput input,
        byte[] proposalHash) {

    /** Thrown with Fabric's message when a proposal cannot be unpacked. */
    public static final class MalformedProposalException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedProposalException(String message) {
            super(message);
        }
    }

    public String txId() {
        return channelHeader.getTxId();
    }

    public String channelId() {
        return channelHeader.getChannelId();
    }

    public static UnpackedProposal unpack(SignedProposal signed) throws MalformedProposalException {
        try {
            Proposal proposal = Proposal.parseFrom(signed.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
            ChaincodeHeaderExtension extension = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension());
            if (!extension.hasChaincodeId()) {
                throw new MalformedProposalException("ChaincodeHeaderExtension.ChaincodeId is nil");
            }
            if (extension.getChaincodeId().getName().isEmpty()) {
                throw new MalformedProposalException("ChaincodeHeaderExtension.ChaincodeId.Name is empty");
            }
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(payload.getInput());
            if (!spec.hasChaincodeSpec()) {
                throw new MalformedProposalException("chaincode invocation spec did not contain chaincode spec");
            }
            if (!spec.getChaincodeSpec().hasInput()) {
                throw new MalformedProposalException("chaincode input did not contain any input");
            }
            byte[] hash = proposalHash(header, payload);
            return new UnpackedProposal(
                    signed,
                    proposal,
                    header,
                    channelHeader,
                    signatureHeader,
                    payload,
                    extension.getChaincodeId().getName(),
                    spec.getChaincodeSpec().getInput(),
                    hash);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedProposalException("error unmarshalling proposal: " + e.getMessage());
        }
    }

    /** The proposal payload as it goes into the transaction: the transient map never leaves the endorsers. */
    public ByteString payloadWithoutTransient() {
        return ChaincodeProposalPayload.newBuilder()
                .setInput(payload.getInput())
                .build()
                .toByteString();
    }

    private static byte[] proposalHash(Header header, ChaincodeProposalPayload payload) {
        MessageDigest sha = sha256();
        sha.update(header.getChannelHeader().toByteArray());
        sha.update(header.getSignatureHeader().toByteArray());
        sha.update(ChaincodeProposalPayload.newBuilder()
                .setInput(payload.getInput())
                .build()
                .toByteArray());
        return sha.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
