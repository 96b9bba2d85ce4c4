package org.medfed.client.federation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The task a local federation trains: rounds, local training, DP policy and the node limits. {@link #wdbcDemo} is
 * the demo's setting, chosen by a sweep in one JVM (DemoSettingsTest runs it): with about 140 rows per site, the
 * DP noise on a 30×16 MLP's 530 parameters drowns the gradient (F1 ≈ 0.90), while logistic regression (62
 * parameters, no hidden layer) with σ = 2, C = 1, batches of 48, one epoch per round, learning rate 3 and 8 rounds
 * reaches F1 ≥ 0.95 on the held-back rows for each of 8 noise seeds (mean 0.955) at ε ≈ 4.8 (δ = 10⁻⁵). The first
 * choice (σ = 1.5, batches of 32, 6 rounds of 2 epochs, ε ≈ 7.5) fell to F1 0.937 in one of three real runs.
 */
public record FederationOptions(String taskId, String title, List<Long> hiddenLayers, long rounds, long quorum,
        long roundSeconds, long epochs, long batchSize, BigDecimal learningRate, String strategy,
        BigDecimal clipNorm, BigDecimal noiseMultiplier, BigDecimal delta, BigDecimal maxEpsilon, double testFraction,
        double validationFraction, long seed) {

    public FederationOptions {
        Objects.requireNonNull(taskId, "taskId");
        hiddenLayers = List.copyOf(hiddenLayers);
    }

    public static FederationOptions wdbcDemo(String taskId) {
        return new FederationOptions(taskId, "Breast cancer diagnosis (WDBC) across a hospital, a clinic and a"
                + " wearable gateway", List.of(), 8, 2, 300, 1, 48, new BigDecimal("3.0"), "fedavg",
                BigDecimal.ONE, new BigDecimal("2.0"), new BigDecimal("0.00001"), new BigDecimal("8"), 0.2, 0.1,
                20261128);
    }

    public FederationOptions withRounds(long newRounds) {
        return new FederationOptions(taskId, title, hiddenLayers, newRounds, quorum, roundSeconds, epochs, batchSize,
                learningRate, strategy, clipNorm, noiseMultiplier, delta, maxEpsilon, testFraction, validationFraction,
                seed);
    }
}
