package org.medfed.common.model;

public enum TaskStatus implements WireName {
    ACTIVE("active"),
    PAUSED("paused"),
    CANCELLED("cancelled"),
    COMPLETED("completed");

    private final String wire;

    TaskStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static TaskStatus fromWire(String wire) {
        return WireName.parse(TaskStatus.class, "status", wire);
    }
}
