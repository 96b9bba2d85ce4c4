package org.medfed.common.access;

import org.medfed.common.codec.Hashing;
import org.medfed.common.model.Checks;

/** Field checks of the access records beyond {@link Checks}. */
final class AccessChecks {
    /** Decision and release ids are Fabric transaction ids (64 hex digits on a peer; tests use shorter ones). */
    static final int MAX_TX_ID = 256;

    private AccessChecks() {}

    /** A hospital's keyed hash (HMAC-SHA256, hex) of its own patient id, never the id itself. */
    static String patientRef(String field, String value) {
        if (!Hashing.isSha256Hex(value)) {
            throw new IllegalArgumentException(field + " must be 64 lower-case hex digits (an HMAC-SHA256)");
        }
        return value;
    }

    static String txId(String field, String value) {
        return Checks.text(field, value, MAX_TX_ID);
    }
}
