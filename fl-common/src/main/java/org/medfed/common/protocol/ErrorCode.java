package org.medfed.common.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Stable error codes of the ledger protocol. A failed transaction carries the code's name as its payload, so clients
 * map failures without parsing messages. Never rename or remove a constant; only add.
 */
public enum ErrorCode {
    INVALID_ARGUMENT("an argument is missing, malformed or out of range"),
    UNKNOWN_IDENTITY("the caller's identity cannot be read"),
    UNAUTHORIZED("the caller may not perform this transaction"),
    NOT_FOUND("the requested record does not exist"),
    ALREADY_EXISTS("the record already exists"),
    INTERNAL("unexpected failure inside the chaincode");

    private final String description;

    ErrorCode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The code whose name is exactly {@code name}, e.g. taken from an error payload. */
    public static Optional<ErrorCode> fromName(String name) {
        return Arrays.stream(values()).filter(code -> code.name().equals(name)).findFirst();
    }
}
