package org.medfed.contract.support;

import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.contract.ClientIdentity;
import org.medfed.common.model.ParticipantIds;

/**
 * Who signed the proposal: the MSP id and the certificate's subject (RFC 2253), and whether the certificate is an
 * MSP admin's. With NodeOUs enabled (cryptogen {@code EnableNodeOUs}, Fabric CA {@code hf.Type}), admin
 * certificates carry {@code OU=admin} and the peer has already checked that the certificate was issued by that MSP,
 * so the OU is as trustworthy as the MSP id.
 */
public record CallerIdentity(String mspId, String subject, boolean mspAdmin) {
    public static final String ADMIN_OU = "admin";

    /** @throws IllegalArgumentException if the MSP id or subject cannot name a participant */
    public CallerIdentity {
        ParticipantIds.mspId(mspId);
        subject = ParticipantIds.canonicalSubject(subject);
    }

    public static CallerIdentity of(ClientIdentity identity) {
        X500Principal principal = identity.getX509Certificate().getSubjectX500Principal();
        String subject = principal.getName(X500Principal.RFC2253);
        return new CallerIdentity(
                identity.getMSPID(),
                subject,
                ParticipantIds.organizationalUnits(subject).contains(ADMIN_OU));
    }

    /** The id under which this identity is (or would be) registered as a participant. */
    public String participantId() {
        return ParticipantIds.of(mspId, subject);
    }
}
