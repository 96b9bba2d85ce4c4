package org.medfed.common.model;

/** Whether an update carries full weights or the difference from the round's base model. */
public enum UpdateKind implements WireName {
    FULL("full"),
    DELTA("delta");

    private final String wire;

    UpdateKind(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static UpdateKind fromWire(String wire) {
        return WireName.parse(UpdateKind.class, "kind", wire);
    }
}
