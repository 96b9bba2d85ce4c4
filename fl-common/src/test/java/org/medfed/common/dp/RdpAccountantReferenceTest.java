package org.medfed.common.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Agreement with two independent Python implementations, both given the same 110 orders as
 * {@link RdpAccountant#DEFAULT_ORDERS}, δ = 1e-5. Produced by the script in docs/privacy.md ("Reference values"):
 *
 * <pre>
 * python3 -m venv /tmp/dpacc &amp;&amp; /tmp/dpacc/bin/pip install dp-accounting==0.6.0   # numpy 2.4.6, scipy 1.17.1
 * /tmp/dpacc/bin/pip download opacus==1.6.0 --no-deps -d /tmp/opacus &amp;&amp; cd /tmp/opacus \
 *     &amp;&amp; unzip -o opacus-1.6.0-py3-none-any.whl opacus/accountants/analysis/rdp.py
 * /tmp/dpacc/bin/python reference_values.py /tmp/opacus/opacus/accountants/analysis/rdp.py
 * </pre>
 *
 * <p>Opacus 1.6.0 ({@code opacus.accountants.analysis.rdp}, numpy/scipy only) sums the fractional-order series with
 * the binomial coefficients' signs, exactly as we do; dp-accounting 0.6.0 (Google) adds their absolute values,
 * which gives an upper bound on A_α: equal at integer orders, up to about 20% larger in RDP at small
 * fractional ones.
 * So ε must equal Opacus' everywhere, equal dp-accounting's when the best order is an integer, and never exceed
 * dp-accounting's.
 */
class RdpAccountantReferenceTest {
    private static final double DELTA = 1e-5;
    private static final double RELATIVE = 1e-6;

    private final RdpAccountant accountant = new RdpAccountant();

    @ParameterizedTest(name = "q={0} σ={1} steps={2}")
    @CsvSource({
        // q, σ, steps, Opacus IMPROVED ε, order, CLASSIC ε (Opacus RDP), order, dp-accounting IMPROVED ε, order
        "0.01, 1.1, 1000, 1.7119545726004601, 9.5, 2.082190151814134, 9.75, 1.7119546357663675, 9.5",
        "0.01, 2.0, 100, 0.2571292377435178, 36.0, 0.38768637009467444, 36.0, 0.2571292377435293, 36.0",
        "0.01, 0.8, 10000, 10.935373444641078, 3.0, 11.890144697083297, 3.0, 10.935373444641163, 3.0",
        "0.05, 1.1, 1000, 10.031141080950814, 3.25, 10.922712526116861, 3.25, 10.035576966279683, 3.25",
        "0.05, 2.0, 10000, 15.416523887067166, 2.75, 16.446566674626496, 2.75, 15.429366546602521, 2.75",
        "0.05, 0.8, 100, 6.65325741369948, 3.25, 7.544828858865528, 3.25, 6.655708551776434, 3.25",
        "0.25, 2.0, 1000, 27.72250034169092, 2.0, 29.108794702810812, 2.0, 27.72250034169092, 2.0",
        "0.25, 0.8, 100, 30.04609635635233, 1.8, 31.591759903696307, 1.8, 30.652988048013817, 1.8",
        // The TF-Privacy MNIST tutorial's run: N = 60000, batch 256, σ = 1.1, 60 epochs.
        "0.004266666666666667, 1.1, 14063, 2.59707951965708, 8.0, 3.008495572587031, 8.75, 2.5970795196566616, 8.0"
    })
    void matchesOpacusAndDpAccounting(
            double q,
            double sigma,
            long steps,
            double opacusImproved,
            double opacusImprovedOrder,
            double opacusClassic,
            double opacusClassicOrder,
            double dpAccountingImproved,
            double dpAccountingOrder) {
        List<DpParams> history = List.of(new DpParams(q, sigma, steps));
        EpsilonResult improved = accountant.epsilon(history, DELTA, EpsilonConversion.IMPROVED);
        EpsilonResult classic = accountant.epsilon(history, DELTA, EpsilonConversion.CLASSIC);

        assertThat(improved.epsilon()).isCloseTo(opacusImproved, within(RELATIVE * opacusImproved));
        assertThat(improved.bestOrder()).isEqualTo(opacusImprovedOrder);
        assertThat(classic.epsilon()).isCloseTo(opacusClassic, within(RELATIVE * opacusClassic));
        assertThat(classic.bestOrder()).isEqualTo(opacusClassicOrder);

        assertThat(improved.epsilon()).isLessThanOrEqualTo(dpAccountingImproved * (1 + 1e-12));
        if (dpAccountingOrder == Math.rint(dpAccountingOrder)) {
            assertThat(improved.epsilon()).isCloseTo(dpAccountingImproved, within(RELATIVE * dpAccountingImproved));
            assertThat(improved.bestOrder()).isEqualTo(dpAccountingOrder);
        }
    }

    /** Per-step RDP; fractional orders from Opacus 1.6.0, integer orders from dp-accounting 0.6.0. */
    @ParameterizedTest(name = "q={0} σ={1} α={2}")
    @CsvSource({
        "0.01, 1.1, 1.1, 6.958851489149683e-05",
        "0.01, 1.1, 1.5, 9.554528557684942e-05",
        "0.01, 1.1, 2.75, 0.00017909646743256234",
        "0.01, 1.1, 4.5, 0.0003030393494246534",
        "0.01, 1.1, 10.25, 0.0008666307204255371",
        "0.01, 1.1, 2.0, 0.00012851008160516542",
        "0.01, 1.1, 8.0, 0.0005840703355202598",
        "0.01, 1.1, 32.0, 8.469416433675926",
        "0.01, 1.1, 256.0, 101.1618942900286",
        "0.05, 0.8, 1.1, 0.004250467653210021",
        "0.05, 0.8, 1.5, 0.006267907613470236",
        "0.05, 0.8, 2.75, 0.016311415790252064",
        "0.05, 0.8, 4.5, 0.11989710651093474",
        "0.05, 0.8, 10.25, 4.688228408006526",
        "0.05, 0.8, 2.0, 0.00938267764472453",
        "0.05, 0.8, 8.0, 2.826693714998323",
        "0.05, 0.8, 32.0, 21.907631201492652",
        "0.05, 0.8, 256.0, 196.99251975674576",
        "0.25, 2.0, 1.1, 0.009236889962070576",
        "0.25, 2.0, 1.5, 0.012854680031684978",
        "0.25, 2.0, 2.75, 0.02521480678020449",
        "0.25, 2.0, 4.5, 0.04591375766349426",
        "0.25, 2.0, 10.25, 0.17692455080415162",
        "0.25, 2.0, 2.0, 0.01759586923784058",
        "0.25, 2.0, 8.0, 0.10770969505360216",
        "0.25, 2.0, 32.0, 2.570327178682576",
        "0.25, 2.0, 256.0, 30.608269190405128",
        "0.9, 0.7, 1.1, 0.9339859026099584",
        "0.9, 0.7, 1.5, 1.3385989013098585",
        "0.9, 0.7, 2.75, 2.645550938883967",
        "0.9, 0.7, 4.5, 4.4564862535753464",
        "0.9, 0.7, 10.25, 10.342432832574193",
        "0.9, 0.7, 2.0, 1.8601158098344708",
        "0.9, 0.7, 8.0, 8.042853367577118",
        "0.9, 0.7, 32.0, 32.54430198252043",
        "0.9, 0.7, 256.0, 261.1187161017678"
    })
    void perStepRdpMatchesTheReferenceImplementations(double q, double sigma, double order, double expected) {
        double rdp = new RdpAccountant(new double[] {order}).rdp(new DpParams(q, sigma, 1))[0];
        assertThat(rdp).isCloseTo(expected, within(RELATIVE * expected));
    }
}
