package org.medfed.common.model;

public enum ParticipantStatus implements WireName {
    ACTIVE("active"),
    SUSPENDED("suspended");

    private final String wire;

    ParticipantStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static ParticipantStatus fromWire(String wire) {
        return WireName.parse(ParticipantStatus.class, "status", wire);
    }
}
