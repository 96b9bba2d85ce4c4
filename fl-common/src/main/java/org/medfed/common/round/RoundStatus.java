package org.medfed.common.round;

import org.medfed.common.model.WireName;

/**
 * {@code OPEN → CLOSED → AGGREGATED}, then the next round opens; {@code OPEN → ABORTED} when the deadline passes
 * without quorum, after which the round opens again as a new attempt (or waits, aborted, while its task is paused).
 */
public enum RoundStatus implements WireName {
    OPEN("open"),
    CLOSED("closed"),
    AGGREGATED("aggregated"),
    ABORTED("aborted");

    private final String wire;

    RoundStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static RoundStatus fromWire(String wire) {
        return WireName.parse(RoundStatus.class, "status", wire);
    }
}
