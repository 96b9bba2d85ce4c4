package org.medfed.contract.support;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Deployment settings. Contracts read them when they are built (the shim builds a contract object for every
 * transaction); a setting that differs between organisations may only feed EVALUATE transactions, or endorsements
 * would disagree.
 *
 * <p>A chaincode server takes them from its environment. A JVM that hosts the contracts in process (the embedded
 * ledger's in-process mode, which simulations run on) gives them with {@link #host} instead, for every contract
 * it hosts. There a setting may also be an object, such as the in-memory blob store that stands in for Kubo.
 */
public final class Env {
    private static volatile Map<String, ?> hosted = Map.of();

    private Env() {}

    /** The variable's value, or {@code fallback} when it is unset or blank. */
    public static String valueOr(String name, String fallback) {
        Object value = hosted.get(name);
        String text = value instanceof String s ? s : System.getenv(name);
        return text == null || text.isBlank() ? fallback : text;
    }

    /** The object that the hosting JVM gave under {@code name}; empty in a chaincode server. */
    public static <T> Optional<T> hostedObject(String name, Class<T> type) {
        return Optional.ofNullable(hosted.get(name)).filter(type::isInstance).map(type::cast);
    }

    /**
     * Settings for every contract this JVM hosts from now on, in place of the environment: a string answers
     * {@link #valueOr}, any other object {@link #hostedObject}; a name not given falls back to the environment.
     * One set per JVM, as one environment is per chaincode server: a JVM that hosts several organisations gives
     * them the same settings.
     */
    public static void host(Map<String, ?> settings) {
        hosted = Map.copyOf(Objects.requireNonNull(settings, "settings"));
    }
}
