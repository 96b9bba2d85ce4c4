package org.medfed.common.model;

/**
 * A patient's current risk as a risk task's model estimates it ([11] FRAMH: critical, serious, stable). An access
 * policy also matches {@link #UNKNOWN}: no attestation, or only an expired one.
 */
public enum RiskClass implements WireName {
    STABLE("stable"),
    SERIOUS("serious"),
    CRITICAL("critical"),
    UNKNOWN("unknown");

    private final String wire;

    RiskClass(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static RiskClass fromWire(String wire) {
        return WireName.parse(RiskClass.class, "risk class", wire);
    }
}
