package org.medfed.common.protocol;

/** Chaincode event names: PascalCase, past tense. A transaction emits at most one event. */
public final class EventNames {
    /** Payload: the ping record as canonical JSON. */
    public static final String PINGED = "Pinged";

    private EventNames() {
    }
}
