package org.medfed.common.budget;

import java.math.BigDecimal;
import java.util.List;
import org.medfed.common.dp.DpParams;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.dp.EpsilonResult;
import org.medfed.common.dp.RdpAccountant;

/**
 * The ledger's accountant: fl-common's {@link RdpAccountant} with its default orders. Decimals become doubles
 * through {@link Double#parseDouble}, which the JLS defines as correctly rounded, so every JDK gets the same bits
 * ({@code BigDecimal.doubleValue} was not correctly rounded before JDK 19).
 */
public final class RdpEpsilonAccountant implements EpsilonAccountant {
    private final RdpAccountant accountant = new RdpAccountant();

    @Override
    public EpsilonResult epsilon(List<DpCharge> history, BigDecimal delta, EpsilonConversion conversion) {
        List<DpParams> params = history.stream()
                .map(charge -> new DpParams(
                        toDouble(charge.samplingRate()), toDouble(charge.noiseMultiplier()), charge.steps()))
                .toList();
        return accountant.epsilon(params, toDouble(delta), conversion);
    }

    static double toDouble(BigDecimal value) {
        return Double.parseDouble(value.toString());
    }
}
