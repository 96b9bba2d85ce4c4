package org.medfed.contract.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.hyperledger.fabric.shim.ChaincodeException;
import org.medfed.common.protocol.ErrorCode;

/**
 * A transaction failure with a stable code: the message reads {@code CODE: text} for people, and the payload is the
 * code's name in UTF-8 for programs.
 */
public final class FlChaincodeException extends ChaincodeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public FlChaincodeException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public FlChaincodeException(ErrorCode code, String message, Throwable cause) {
        super(code.name() + ": " + message, code.name().getBytes(UTF_8), cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
