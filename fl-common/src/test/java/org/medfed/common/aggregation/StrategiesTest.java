package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.common.model.StrategySpec;

class StrategiesTest {

    private static StrategySpec spec(String name, String... keyValues) {
        TreeMap<String, BigDecimal> params = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], new BigDecimal(keyValues[i + 1]));
        }
        return new StrategySpec(name, params);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "fedavg||validated(fedavg)",
                "median||validated(median)",
                "trimmed-mean|beta=0.2|validated(trimmed-mean(beta=0.2))",
                "multi-krum|f=1,m=3|validated(multi-krum(f=1,m=3))",
                "fedavg|maxNorm=2.5|validated(norm-clipped(maxNorm=2.5, fedavg))",
                "fedavg|reputationWeighted=1,maxNorm=1|validated(reputation-weighted(norm-clipped(maxNorm=1.0, fedavg)))",
                "median|reputationWeighted=0|validated(median)"
            })
    void buildsTheValidatedChainTheSpecNames(String name, String params, String chain) {
        String[] keyValues =
                params == null ? new String[0] : params.replace('=', ',').split(",");

        assertThat(Strategies.fromSpec(spec(name, keyValues))).hasToString(chain);
    }

    @Test
    void scaffoldAveragesTheModelsLikeFedAvgAndKeepsAControlVariateButNoOptimizerState() {
        StrategySpec scaffold = spec("scaffold");

        assertThat(Strategies.fromSpec(scaffold)).hasToString("validated(fedavg)");
        assertThat(Strategies.needsControlVariate(scaffold)).isTrue();
        assertThat(Strategies.needsOptimizerState(scaffold)).isFalse();
        assertThat(Strategies.needsControlVariate(spec("fedavg"))).isFalse();
        assertThat(Strategies.needsControlVariate(spec("fedadam"))).isFalse();
        assertThatThrownBy(() -> Strategies.fromSpec(spec("scaffold", "eta", "0.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strategy scaffold has no parameter \"eta\"");
    }

    @Test
    void serverOptimizersNeedTheirState() {
        StrategySpec adam = spec("fedadam", "eta", "0.05", "biasCorrection", "1");
        ServerOptimizerState state = Strategies.initialState(adam, 4);

        assertThat(Strategies.needsOptimizerState(adam)).isTrue();
        assertThat(Strategies.fromSpec(adam, state)).hasToString("validated(fedadam)");
        assertThat(Strategies.fromSpec(spec("fedyogi"), state)).hasToString("validated(fedyogi)");
        assertThat(Strategies.adaptiveParams(adam)).isEqualTo(new AdaptiveParams(0.05, 0.9, 0.99, 1e-3, true));
        assertThat(state).isEqualTo(ServerOptimizerState.initial(4, 1e-3));
        assertThatThrownBy(() -> Strategies.fromSpec(adam))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the previous round's optimizer state");
        assertThatThrownBy(() -> Strategies.fromSpec(spec("fedavg"), state))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("takes no optimizer state");
    }

    @Test
    void theBuiltChainAggregates() {
        AggregationResult result = Strategies.fromSpec(spec("trimmed-mean", "beta", "0.25"))
                .aggregate(
                        new float[1],
                        List.of(
                                Fixtures.delta("a", 1, 1),
                                Fixtures.delta("b", 1, 2),
                                Fixtures.delta("c", 1, 3),
                                Fixtures.delta("d", 1, 100)));

        assertThat(result.model()).containsExactly(2.5f);
    }

    @Test
    void refusesUnknownNamesAndParameters() {
        assertThatThrownBy(() -> Strategies.fromSpec(spec("fedprox")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown strategy \"fedprox\"");
        assertThatThrownBy(() -> Strategies.fromSpec(spec("median", "beta", "0.1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no parameter \"beta\"");
        assertThatThrownBy(() -> Strategies.fromSpec(spec("trimmed-mean")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing strategy parameter");
        assertThatThrownBy(() -> Strategies.fromSpec(spec("multi-krum", "f", "1.5", "m", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be an integer");
        assertThatThrownBy(() -> Strategies.fromSpec(spec("fedavg", "reputationWeighted", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be 0 or 1");
        assertThatThrownBy(() -> Strategies.fromSpec(spec("fedavg", "maxNorm", "-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
