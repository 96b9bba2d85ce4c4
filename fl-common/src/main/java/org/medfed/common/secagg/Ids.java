package org.medfed.common.secagg;

import org.medfed.common.codec.Hashing;

/** Participant ids go into labels and hashed strings with {@code |} as separator; 64 hex digits keep them unambiguous. */
final class Ids {
    private Ids() {}

    static String require(String id) {
        if (!Hashing.isSha256Hex(id)) {
            throw new IllegalArgumentException(
                    "a participant id is 64 lower-case hex digits, got " + (id == null ? "nothing" : "\"" + id + "\""));
        }
        return id;
    }
}
