package org.medfed.common.aggregation.round;

import java.util.Objects;
import org.medfed.common.protocol.ErrorCode;

/**
 * A round cannot be aggregated: {@link ErrorCode#AGGREGATION_FAILED}, {@link ErrorCode#QUORUM_NOT_MET} or
 * {@link ErrorCode#BLOB_UNAVAILABLE} (the node could not serve a blob, which says nothing about the round). The
 * chaincode turns it into its transaction error with the same code and message.
 */
public final class RoundAggregationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public RoundAggregationException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
