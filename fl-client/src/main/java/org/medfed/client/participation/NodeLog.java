package org.medfed.client.participation;

/** Where a client node reports what it does; {@link Level#WARN} marks what an operator should look at. */
@FunctionalInterface
public interface NodeLog {

    enum Level {
        INFO,
        WARN
    }

    void log(Level level, String message);

    default void info(String message) {
        log(Level.INFO, message);
    }

    default void warn(String message) {
        log(Level.WARN, message);
    }
}
