package org.medfed.common.model;

import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

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

    /**
     * Refuses with {@link ErrorCode#ILLEGAL_TRANSITION} unless a holder may decide this after {@code current} (null:
     * pending, never decided). Approve from pending, declined or revoked; decline only a pending use; revoke only an
     * approval, so a revocation always means that earlier rounds did use the dataset.
     */
    public void requireReachableFrom(DatasetUseStatus current) {
        boolean allowed = switch (this) {
            case APPROVED -> current != APPROVED;
            case DECLINED -> current == null;
            case REVOKED -> current == APPROVED;
        };
        if (!allowed) {
            throw new RuleViolation(
                    ErrorCode.ILLEGAL_TRANSITION,
                    "the use is " + (current == null ? "pending" : current.wire()) + ": it cannot be " + wire()
                            + (this == REVOKED ? " (only an approval can be revoked)" : ""));
        }
    }

    public static DatasetUseStatus fromWire(String wire) {
        return WireName.parse(DatasetUseStatus.class, "status", wire);
    }
}
