package org.medfed.common.secagg;

import org.medfed.common.model.WireName;

/** Which of a participant's two secrets a Shamir share is of: its self-mask seed or its mask private key. */
public enum ShareKind implements WireName {
    SEED("seed"),
    KEY("key");

    private final String wire;

    ShareKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static ShareKind fromWire(String wire) {
        return WireName.parse(ShareKind.class, "kind", wire);
    }
}
