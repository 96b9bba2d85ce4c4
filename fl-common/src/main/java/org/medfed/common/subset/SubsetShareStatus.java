package org.medfed.common.subset;

import org.medfed.common.model.WireName;

/** A contributing dataset's answer to a task's shared subset: rows given, or declined. */
public enum SubsetShareStatus implements WireName {
    CONTRIBUTED("contributed"),
    DECLINED("declined");

    private final String wire;

    SubsetShareStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static SubsetShareStatus fromWire(String wire) {
        return WireName.parse(SubsetShareStatus.class, "status", wire);
    }
}
