package org.medfed.client.participation;

/** Local training declined a round for a reason that retrying will not change (budget, missing data, bad spec). */
public final class TrainingRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    public TrainingRefusedException(String message) {
        super(message);
    }

    public TrainingRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
