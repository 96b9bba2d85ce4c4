package org.medfed.common.dp;

/**
 * An (ε, δ) guarantee and the Rényi order that gave the smallest ε. {@code bestOrder} is NaN when no order was
 * used: for an empty history, or when ε is infinite at every order.
 */
public record EpsilonResult(double epsilon, double bestOrder) {}
