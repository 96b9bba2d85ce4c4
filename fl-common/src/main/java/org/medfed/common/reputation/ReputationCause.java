package org.medfed.common.reputation;

import org.medfed.common.model.WireName;

/** Why a reputation score changed. */
public enum ReputationCause implements WireName {
    QUALITY("quality"),
    MISSED_ROUND("missed-round"),
    REJECTED_UPDATE("rejected-update");

    private final String wire;

    ReputationCause(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static ReputationCause fromWire(String wire) {
        return WireName.parse(ReputationCause.class, "cause", wire);
    }
}
