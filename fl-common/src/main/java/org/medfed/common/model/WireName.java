package org.medfed.common.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum written on the ledger by a fixed lower-case name rather than its Java constant name. */
public interface WireName {
    String wire();

    /** The constant whose wire name is {@code wire}. */
    static <E extends Enum<E> & WireName> E parse(Class<E> type, String field, String wire) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(wire)) {
                return constant;
            }
        }
        throw new IllegalArgumentException(field + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(WireName::wire).collect(Collectors.joining(", "))
                + ", got " + (wire == null ? "nothing" : "\"" + wire + "\""));
    }
}
