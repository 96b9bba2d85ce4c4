package org.medfed.common.round;

import org.medfed.common.model.WireName;

/** Why a round closed: everyone expected submitted before the deadline, or the deadline passed with quorum. */
public enum CloseReason implements WireName {
    ALL_SUBMITTED("all-submitted"),
    DEADLINE_WITH_QUORUM("deadline-with-quorum");

    private final String wire;

    CloseReason(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static CloseReason fromWire(String wire) {
        return WireName.parse(CloseReason.class, "closeReason", wire);
    }
}
