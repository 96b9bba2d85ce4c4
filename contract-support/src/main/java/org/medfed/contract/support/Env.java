package org.medfed.contract.support;

/**
 * Deployment settings. Contracts read them in their constructor, which the chaincode server calls once at start-up;
 * a setting that differs between organisations may only feed EVALUATE transactions, or endorsements would disagree.
 */
public final class Env {
    private Env() {
    }

    /** The variable's value, or {@code fallback} when it is unset or blank. */
    public static String valueOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
