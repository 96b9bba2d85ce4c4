package org.medfed.embedded.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Minimal proposals as the shim reads them (channel header, creator, timestamp, transient map), unsigned: the shim
 * does not verify signatures, but its Context parses the creator's certificate, so the creator is a real one.
 */
final class TestProposals {

    static final String CHANNEL = "medfed";
    static final String MSP_ID = "Org1MSP";
    private static final ByteString CREATOR = SerializedIdentity.newBuilder()
            .setMspid(MSP_ID)
            .setIdBytes(ByteString.copyFromUtf8(selfSignedPem()))
            .build()
            .toByteString();

    private TestProposals() {}

    static ChaincodeInput input(String function, String... args) {
        ChaincodeInput.Builder input = ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8(function));
        Arrays.stream(args).forEach(arg -> input.addArgs(ByteString.copyFromUtf8(arg)));
        return input.build();
    }

    static SignedProposal proposal(String txId, String chaincode, ChaincodeInput input) {
        return proposal(txId, chaincode, input, HeaderType.ENDORSER_TRANSACTION);
    }

    static SignedProposal proposal(String txId, String chaincode, ChaincodeInput input, HeaderType type) {
        ChannelHeader channelHeader = ChannelHeader.newBuilder()
                .setType(type.getNumber())
                .setChannelId(CHANNEL)
                .setTxId(txId)
                .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000))
                .build();
        SignatureHeader signatureHeader = SignatureHeader.newBuilder()
                .setCreator(CREATOR)
                .setNonce(ByteString.copyFromUtf8("nonce-" + txId))
                .build();
        ChaincodeInvocationSpec invocation = ChaincodeInvocationSpec.newBuilder()
                .setChaincodeSpec(ChaincodeSpec.newBuilder()
                        .setType(ChaincodeSpec.Type.JAVA)
                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                        .setInput(input))
                .build();
        Proposal proposal = Proposal.newBuilder()
                .setHeader(Header.newBuilder()
                        .setChannelHeader(channelHeader.toByteString())
                        .setSignatureHeader(signatureHeader.toByteString())
                        .build()
                        .toByteString())
                .setPayload(ChaincodeProposalPayload.newBuilder()
                        .setInput(invocation.toByteString())
                        .build()
                        .toByteString())
                .build();
        return SignedProposal.newBuilder()
                .setProposalBytes(proposal.toByteString())
                .build();
    }

    private static String selfSignedPem() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name subject = new X500Name("CN=user1,OU=client,O=org1.example.com");
            Date notBefore = new Date(1_600_000_000_000L);
            Date notAfter = new Date(4_000_000_000_000L);
            var certificate = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    subject, BigInteger.ONE, notBefore, notAfter, subject, keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            StringWriter pem = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
                writer.writeObject(certificate);
            }
            return pem.toString();
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String utf8(ByteString bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
