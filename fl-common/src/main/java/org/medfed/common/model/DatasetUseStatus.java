package org.medfed.common.model;

/** A data holder's decision on a task's use of its dataset; only {@link #APPROVED} lets the task train on it. */
public enum DatasetUseStatus implements WireName {
    APPROVED("approved"),
    DECLINED("declined"),
    REVOKED("revoked");

    private final String wire;

    DatasetUseStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static DatasetUseStatus fromWire(String wire) {
        return WireName.parse(DatasetUseStatus.class, "status", wire);
    }
}
