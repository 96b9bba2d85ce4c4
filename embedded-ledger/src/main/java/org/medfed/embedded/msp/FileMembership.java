package org.medfed.embedded.msp;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.medfed.embedded.config.NetworkLayout;

/**
 * The channel's MSPs read from the cryptogen folders of the layout's organisations. An instance is a snapshot:
 * after an organisation joins (add-org), {@link #load} again; loading reads a few small files per organisation.
 */
public final class FileMembership implements Membership {

    private final Map<String, OrgMsp> msps;
    private final Map<String, Signer> peerSigners;

    private FileMembership(Map<String, OrgMsp> msps, Map<String, Signer> peerSigners) {
        this.msps = msps;
        this.peerSigners = peerSigners;
    }

    /** Each organisation's msp/ (cacerts, config.yaml) and its peer0's signing identity (signcerts, keystore). */
    public static FileMembership load(NetworkLayout layout) {
        Map<String, OrgMsp> msps = new LinkedHashMap<>();
        Map<String, Signer> peerSigners = new LinkedHashMap<>();
        for (String org : layout.orgs()) {
            String mspId = NetworkLayout.mspId(org);
            msps.put(mspId, OrgMsp.load(mspId, layout.orgMspDir(org)));
            peerSigners.put(mspId, PeerSigner.load(mspId, layout.peerMspDir(org)));
        }
        return new FileMembership(msps, peerSigners);
    }

    @Override
    public List<String> mspIds() {
        return List.copyOf(msps.keySet());
    }

    @Override
    public Identity validate(byte[] serializedIdentity, Instant at) throws IdentityException {
        SerializedIdentity identity;
        try {
            identity = SerializedIdentity.parseFrom(serializedIdentity);
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedIdentityException("could not deserialize a SerializedIdentity: " + e.getMessage(), e);
        }
        OrgMsp msp = msps.get(identity.getMspid());
        if (msp == null) {
            throw new MalformedIdentityException("MSP " + identity.getMspid() + " is not defined on channel");
        }
        return msp.validate(identity.getIdBytes().toByteArray(), serializedIdentity.clone(), at);
    }

    @Override
    public boolean verify(Identity identity, byte[] message, byte[] signature) {
        return EcdsaSignatures.verify(identity.certificate().getPublicKey(), message, signature);
    }

    /** @throws IllegalArgumentException for an MSP id that is not one of {@link #mspIds()} */
    @Override
    public Signer peerSigner(String mspId) {
        Signer signer = peerSigners.get(mspId);
        if (signer == null) {
            throw new IllegalArgumentException("MSP " + mspId + " is not defined on channel (known: " + mspIds() + ")");
        }
        return signer;
    }
}
