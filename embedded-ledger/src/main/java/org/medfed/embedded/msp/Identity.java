package org.medfed.embedded.msp;

import java.security.cert.X509Certificate;

/** A validated identity: its organisation, certificate, NodeOU role and the SerializedIdentity bytes it came as. */
public record Identity(String mspId, X509Certificate certificate, Role role, byte[] serialized) {}
