package org.medfed.client.federation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The task a local federation trains: rounds, local training, DP policy and the node limits. {@link #wdbcDemo} is
 * the demo's setting (a small MLP on WDBC, DP-SGD with σ = 1.1 and C = 1).
 */
public record FederationOptions(String taskId, String title, List<Long> hiddenLayers, long rounds, long quorum,
        long roundSeconds, long epochs, long batchSize, BigDecimal learningRate, String strategy,
        BigDecimal clipNorm, BigDecimal noiseMultiplier, BigDecimal delta, BigDecimal maxEpsilon, double testFraction,
        long seed) {

    public FederationOptions {
        Objects.requireNonNull(taskId, "taskId");
        hiddenLayers = List.copyOf(hiddenLayers);
    }

    public static FederationOptions wdbcDemo(String taskId) {
        return new FederationOptions(taskId, "Breast cancer diagnosis (WDBC) across a hospital, a clinic and a"
                + " wearable gateway", List.of(16L), 5, 2, 300, 4, 16, new BigDecimal("0.1"), "fedavg",
                BigDecimal.ONE, new BigDecimal("1.1"), new BigDecimal("0.00001"), new BigDecimal("8"), 0.2, 20261128);
    }

    public FederationOptions withRounds(long newRounds) {
        return new FederationOptions(taskId, title, hiddenLayers, newRounds, quorum, roundSeconds, epochs, batchSize,
                learningRate, strategy, clipNorm, noiseMultiplier, delta, maxEpsilon, testFraction, seed);
    }
}
