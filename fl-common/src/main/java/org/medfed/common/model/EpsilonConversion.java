package org.medfed.common.model;

/** Which RDP-to-(ε, δ) conversion the task's accountant uses. */
public enum EpsilonConversion implements WireName {
    CLASSIC("classic"),
    IMPROVED("improved");

    private final String wire;

    EpsilonConversion(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static EpsilonConversion fromWire(String wire) {
        return WireName.parse(EpsilonConversion.class, "conversion", wire);
    }
}
