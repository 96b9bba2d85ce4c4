package org.medfed.embedded.msp;

/** NodeOU roles (the OU of the certificate, as cryptogen's config.yaml maps them). */
public enum Role {
    CLIENT,
    PEER,
    ADMIN,
    ORDERER
}
