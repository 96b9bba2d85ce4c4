package org.medfed.common.model;

/**
 * Why a participant or its update is left out of a round. Only the reasons that are the participant's own fault
 * ({@link #penalised()}) cost reputation; a missed deadline costs the separate missed-round penalty.
 */
public enum ExclusionReason implements WireName {
    NOT_REGISTERED("not-registered", false),
    SUSPENDED("suspended", false),
    REPUTATION_BELOW_THRESHOLD("reputation-below-threshold", false),
    MISSED_DEADLINE("missed-deadline", false),
    /** The aggregator could not fetch the blob; not necessarily the participant's fault. */
    UNAVAILABLE("unavailable", false),
    /** The blob did not match its SHA-256 or the model's shape. */
    CONTENT_INVALID("content-invalid", true),
    /** The aggregator's quality check refused the update (e.g. an outlier). */
    QUALITY_REJECTED("quality-rejected", true);

    private final String wire;
    private final boolean penalised;

    ExclusionReason(String wire, boolean penalised) {
        this.wire = wire;
        this.penalised = penalised;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean penalised() {
        return penalised;
    }

    public static ExclusionReason fromWire(String wire) {
        return WireName.parse(ExclusionReason.class, "reason", wire);
    }
}
