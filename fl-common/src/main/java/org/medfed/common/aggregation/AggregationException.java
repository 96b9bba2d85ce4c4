package org.medfed.common.aggregation;

import java.util.Optional;
import org.medfed.common.model.ExclusionReason;

/**
 * Why an aggregation was refused: a stable {@link Reason} code, the participant whose update caused it when there is
 * one, and for a non-finite value its index. The chaincode decides from {@link Reason#exclusion()} whether to leave
 * that participant out (with the given exclusion reason) and aggregate again, or to fail the transaction.
 */
public final class AggregationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Stable codes: never rename or remove a constant; only add. */
    public enum Reason {
        /** No updates at all, or a global model of length 0. */
        EMPTY_INPUT(null),
        /** Two updates name the same participant, so no canonical order exists. */
        DUPLICATE_PARTICIPANT(null),
        /** An update's length differs from the global model's. */
        LENGTH_MISMATCH(ExclusionReason.CONTENT_INVALID),
        /** An update (or, without a participant, the global model or optimizer state) holds NaN or ±Infinity. */
        NON_FINITE_VALUE(ExclusionReason.CONTENT_INVALID),
        /** An update's bytes do not hash to the SHA-256 recorded on the ledger. */
        HASH_MISMATCH(ExclusionReason.CONTENT_INVALID),
        /** An update's source could not be read (I/O failure, timeout). Not the participant's fault. */
        UNREADABLE(ExclusionReason.UNAVAILABLE),
        /** A weight, example count or reputation is zero, negative, NaN, infinite or out of range. */
        INVALID_WEIGHT(null),
        /**
         * Fewer updates than the strategy needs. No strategy refuses for this any more (Multi-Krum used to below
         * 2f + 3 updates; it now tolerates fewer faults), but messages already recorded may name it.
         */
        TOO_FEW_UPDATES(null),
        /** The strategy would have to hold more than its memory budget of update values (K × P). */
        TOO_LARGE_FOR_STRATEGY(null),
        /** The server optimizer state does not fit the model (length, negative second moment). */
        INVALID_STATE(null),
        /** Valid inputs gave a non-finite aggregate (overflow beyond float32). */
        NON_FINITE_RESULT(null);

        private final ExclusionReason exclusion;

        Reason(ExclusionReason exclusion) {
            this.exclusion = exclusion;
        }

        /**
         * The exclusion to record when this failure names a participant: leave that update out and aggregate the
         * rest. Empty when the failure is not about one update's content, so the aggregation as a whole fails.
         */
        public Optional<ExclusionReason> exclusion() {
            return Optional.ofNullable(exclusion);
        }
    }

    private final Reason reason;
    private final String participantId;
    private final long index;
    private final String detail;

    public AggregationException(Reason reason, String message) {
        this(reason, null, -1, message, null);
    }

    public AggregationException(Reason reason, String participantId, long index, String message, Throwable cause) {
        super(format(reason, participantId, message), cause);
        this.reason = reason;
        this.participantId = participantId;
        this.index = index;
        this.detail = message;
    }

    public Reason reason() {
        return reason;
    }

    /** The participant whose update caused the failure, if it is about one update. */
    public Optional<String> participantId() {
        return Optional.ofNullable(participantId);
    }

    /** The index of the offending value for {@link Reason#NON_FINITE_VALUE}; -1 otherwise. */
    public long index() {
        return index;
    }

    /** This failure attributed to {@code participant}, unless it already names one. */
    AggregationException attributedTo(String participant) {
        if (participantId != null) {
            return this;
        }
        return new AggregationException(reason, participant, index, detail, getCause());
    }

    /** The message without the reason code and participant. */
    public String detail() {
        return detail;
    }

    private static String format(Reason reason, String participantId, String message) {
        return reason.name() + (participantId == null ? "" : " (participant " + participantId + ")") + ": " + message;
    }
}
