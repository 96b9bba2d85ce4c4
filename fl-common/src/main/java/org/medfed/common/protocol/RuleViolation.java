package org.medfed.common.protocol;

/**
 * A refusal by one of the pure ledger rules, carrying the code the chaincode reports. The message has no code prefix;
 * the chaincode adds it when it turns the violation into a transaction failure.
 */
public final class RuleViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RuleViolation(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
