package org.medfed.embedded.msp;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate and the private key of its public key. */
record Credentials(X509Certificate certificate, PrivateKey privateKey) {}
