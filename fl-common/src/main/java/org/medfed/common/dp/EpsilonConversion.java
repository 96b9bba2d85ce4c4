package org.medfed.common.dp;

import org.medfed.common.model.WireName;

/**
 * How a Rényi-DP guarantee (α, RDP(α)) becomes an (ε, δ)-DP guarantee; the accountant minimises over α. The one
 * type for the choice: a task's {@code DpPolicy} and a privacy budget carry it on the ledger by its wire name, and
 * the accountant applies its formula, so the name recorded and the maths run can never disagree.
 */
public enum EpsilonConversion implements WireName {
    /** Mironov 2017, "Rényi Differential Privacy", Proposition 3: ε = RDP(α) + log(1/δ)/(α − 1). */
    CLASSIC("classic") {
        @Override
        double epsilon(double order, double rdp, double delta) {
            return rdp - StrictMath.log(delta) / (order - 1);
        }
    },
    /**
     * Balle et al. 2020, "Hypothesis testing interpretations and Rényi differential privacy", Theorem 21:
     * ε = RDP(α) + log((α − 1)/α) − (log δ + log α)/(α − 1). Never larger than {@link #CLASSIC} at the same α,
     * because both extra terms are negative; the same formula as Opacus and Google's dp-accounting.
     */
    IMPROVED("improved") {
        @Override
        double epsilon(double order, double rdp, double delta) {
            return rdp + StrictMath.log1p(-1 / order) - (StrictMath.log(delta) + StrictMath.log(order)) / (order - 1);
        }
    };

    private final String wire;

    EpsilonConversion(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static EpsilonConversion fromWire(String wire) {
        return WireName.parse(EpsilonConversion.class, "conversion", wire);
    }

    /** ε at one order, before the minimum over orders and the clip at 0. */
    abstract double epsilon(double order, double rdp, double delta);
}
