package org.medfed.common.model;

/**
 * Why data is used, as HL7 v3 PurposeOfUse codes (code system 2.16.840.1.113883.1.11.20448); the wire name is the
 * code itself. A task declares one for the datasets it trains on; an access request declares one for a patient's
 * records.
 */
public enum PurposeOfUse implements WireName {
    TREAT("TREAT", "treatment"),
    ETREAT("ETREAT", "emergency treatment"),
    HPAYMT("HPAYMT", "healthcare payment"),
    HOPERAT("HOPERAT", "healthcare operations"),
    HRESCH("HRESCH", "healthcare research"),
    PUBHLTH("PUBHLTH", "public health"),
    PATRQT("PATRQT", "patient requested");

    private final String wire;
    private final String meaning;

    PurposeOfUse(String wire, String meaning) {
        this.wire = wire;
        this.meaning = meaning;
    }

    @Override
    public String wire() {
        return wire;
    }

    public String meaning() {
        return meaning;
    }

    /** Emergency treatment: the one purpose that may break the glass. */
    public boolean emergency() {
        return this == ETREAT;
    }

    public static PurposeOfUse fromWire(String wire) {
        return WireName.parse(PurposeOfUse.class, "purpose", wire);
    }
}
