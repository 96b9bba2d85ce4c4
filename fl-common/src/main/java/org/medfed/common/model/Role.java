package org.medfed.common.model;

/** What a participant does in the consortium; the wire name is what the ledger and the CLI use. */
public enum Role implements WireName {
    HOSPITAL("hospital"),
    CLINIC("clinic"),
    WEARABLE_GATEWAY("wearable-gateway"),
    RESEARCHER("researcher"),
    ADMIN("admin"),
    /** A physician or nurse who asks for a patient's records (docs/access.md). */
    CLINICIAN("clinician"),
    /** Closes break-glass reviews. */
    PRIVACY_OFFICER("privacy-officer"),
    /** An insurer or billing office (purpose HPAYMT). */
    PAYER("payer");

    private final String wire;

    Role(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Hospitals, clinics and wearable gateways hold data, so only they register datasets and train. */
    public boolean holdsData() {
        return this == HOSPITAL || this == CLINIC || this == WEARABLE_GATEWAY;
    }

    public static Role fromWire(String wire) {
        return WireName.parse(Role.class, "role", wire);
    }
}
