package org.medfed.client.gateway;

import java.util.Objects;
import java.util.Optional;

/**
 * A ledger call failed. {@link #code()} is our chaincode's error-code name when the chaincode sent one
 * (for example {@code ROUND_NOT_OPEN}), otherwise one of the client-side codes below.
 */
public class MedfedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The peer (or the ordering service behind it) could not be reached. */
    public static final String UNAVAILABLE = "UNAVAILABLE";
    /** No answer within the call's deadline. */
    public static final String DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED";
    /** The network refused our identity. */
    public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
    /** The transaction was ordered but failed validation (for example an MVCC read conflict). */
    public static final String TX_INVALID = "TX_INVALID";
    /** The chaincode failed without one of our error codes (for example an unknown transaction name). */
    public static final String CHAINCODE_ERROR = "CHAINCODE_ERROR";
    /** The gateway refused the call for another reason (unknown channel or chaincode, bad request). */
    public static final String GATEWAY_ERROR = "GATEWAY_ERROR";
    /** A failure in this program rather than in the network. */
    public static final String INTERNAL = "INTERNAL";

    private final String code;
    private final String txId;
    private final boolean fromChaincode;

    public MedfedException(String code, String message, String txId) {
        this(code, message, txId, null);
    }

    public MedfedException(String code, String message, String txId, Throwable cause) {
        this(code, message, txId, cause, false);
    }

    private MedfedException(String code, String message, String txId, Throwable cause, boolean fromChaincode) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.txId = txId;
        this.fromChaincode = fromChaincode;
    }

    /** Our chaincode refused the call with {@code code}, one of the ledger protocol's ErrorCode names. */
    public static MedfedException fromChaincode(String code, String message, String txId, Throwable cause) {
        return new MedfedException(code, message, txId, cause, true);
    }

    /** The same failure with {@code context} (for example the organisation) in front of the message. */
    public MedfedException withContext(String context) {
        return new MedfedException(code, context + ": " + getMessage(), txId, this, fromChaincode);
    }

    public String code() {
        return code;
    }

    public Optional<String> txId() {
        return Optional.ofNullable(txId);
    }

    /** True when the code came from the chaincode, whose names (even {@code INTERNAL}) are ledger refusals. */
    public boolean isFromChaincode() {
        return fromChaincode;
    }

    /** Transport failures: the network is down or overloaded rather than refusing us. */
    public boolean isNetworkUnavailable() {
        return !fromChaincode && UNAVAILABLE.equals(code) || DEADLINE_EXCEEDED.equals(code);
    }

    /** One line for people: {@code CODE: message [tx ...]}. */
    public String describe() {
        return code + ": " + getMessage() + (txId == null || txId.isEmpty() ? "" : " [tx " + txId + "]");
    }
}
