package org.medfed.common.codec;

/**
 * A blob that is not a valid vector: wrong length, a float32 value that is NaN or infinite, or (for the formats that
 * have one, such as the masked vectors of secure aggregation) a wrong header. Carries
 * which problem it is and, for a non-finite value, its index, so callers can report it without parsing messages.
 */
public final class InvalidVectorException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the blob. */
    public enum Problem {
        /** The byte length is not 4 × the expected number of values (too short, too long or not a multiple of 4). */
        LENGTH,
        /** A value is NaN, +Infinity or -Infinity. */
        NON_FINITE,
        /** The blob's header is not the one its format requires (magic, version or reserved bytes). */
        HEADER
    }

    private final Problem problem;
    private final long index;

    public InvalidVectorException(Problem problem, long index, String message) {
        super(message);
        this.problem = problem;
        this.index = index;
    }

    public Problem problem() {
        return problem;
    }

    /** The index of the offending value for {@link Problem#NON_FINITE}; -1 otherwise. */
    public long index() {
        return index;
    }
}
