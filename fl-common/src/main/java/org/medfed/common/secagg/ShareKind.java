package org.medfed.common.secagg;

import org.medfed.common.model.WireName;

/** Which secret a Shamir share belongs to: the self-mask seed b_i or the mask private key s_i^SK. */
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
