package org.medfed.common.model;

/**
 * Whether an update carries full weights, the difference from the round's base model, or (secure aggregation) a
 * masked site input.
 */
public enum UpdateKind implements WireName {
    FULL("full"),
    DELTA("delta"),
    /** A site's quantised input plus masks modulo 2^32, in a task that aggregates securely. */
    MASKED("masked");

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
