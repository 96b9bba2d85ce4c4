package org.medfed.common.access;

import org.medfed.common.model.WireName;

/**
 * A part of a patient's records that a grant may cover: {@code summary} (id, name, age), {@code vitals} (the
 * observations) and {@code notes} (free text). The data holder serves only the fields of a granted scope.
 */
public enum RecordScope implements WireName {
    SUMMARY("summary"),
    VITALS("vitals"),
    NOTES("notes");

    private final String wire;

    RecordScope(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static RecordScope fromWire(String wire) {
        return WireName.parse(RecordScope.class, "scope", wire);
    }
}
