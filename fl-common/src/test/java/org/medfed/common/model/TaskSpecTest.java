package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.reputation.ReputationPolicy;

class TaskSpecTest {

    @Test
    void survivesACanonicalJsonRoundTrip() {
        TaskSpec spec = Samples.spec();

        String json = CanonicalJson.encode(spec.toJson());

        assertThat(TaskSpec.fromJson(JsonFields.object(CanonicalJson.parse(json))))
                .isEqualTo(spec);
        assertThat(CanonicalJson.encode(TaskSpec.fromJson(JsonFields.object(CanonicalJson.parse(json)))
                        .toJson()))
                .isEqualTo(json);
    }

    @Test
    void aTaskWithoutDpLeavesThePolicyOutOfItsJsonAndReadsBackWithoutOne() {
        TaskSpec spec = Samples.specWithoutDp();

        String json = CanonicalJson.encode(spec.toJson());

        assertThat(json).doesNotContain("\"dp\"");
        TaskSpec read = TaskSpec.fromJson(JsonFields.object(CanonicalJson.parse(json)));
        assertThat(read).isEqualTo(spec);
        assertThat(read.differentiallyPrivate()).isFalse();
        assertThat(read.dpPolicy()).isEmpty();
        assertThat(Samples.spec().dpPolicy()).contains(Samples.dpPolicy());
        assertThat(CanonicalJson.encode(read.toJson())).isEqualTo(json);
    }

    @Test
    void sortsParticipantsAndDatasetsSoOrderDoesNotMatter() {
        TaskSpec forward = Samples.spec(List.of(Samples.ALICE, Samples.BOB, Samples.CAROL), 2);
        TaskSpec backward = Samples.spec(List.of(Samples.CAROL, Samples.BOB, Samples.ALICE), 2);

        assertThat(CanonicalJson.encode(backward.toJson())).isEqualTo(CanonicalJson.encode(forward.toJson()));
        assertThat(forward.eligibleParticipants()).isSorted();
    }

    @Test
    void readsDecimalsExactlyWhateverTheirTrailingZeros() {
        Map<String, Object> json = new TreeMap<>(Samples.spec().toJson());
        Map<String, Object> training = new TreeMap<>(JsonFields.object(json, "training"));
        training.put("learningRate", new BigDecimal("0.0100"));
        json.put("training", training);

        assertThat(TaskSpec.fromJson(json)).isEqualTo(Samples.spec());
    }

    @Test
    void usesTheDefaultReputationPolicyWhenNoneIsGiven() {
        Map<String, Object> json = new TreeMap<>(Samples.spec().toJson());
        json.remove("reputation");

        assertThat(TaskSpec.fromJson(json).reputation()).isEqualTo(ReputationPolicy.defaults());
    }

    @Test
    void refusesAQuorumLargerThanTheEligibleParticipants() {
        assertThatThrownBy(() -> Samples.spec(List.of(Samples.ALICE), 2)).hasMessageContaining("quorum");
    }

    @Test
    void refusesDuplicateParticipants() {
        assertThatThrownBy(() -> Samples.spec(List.of(Samples.ALICE, Samples.ALICE), 1))
                .hasMessageContaining("twice");
    }

    @Test
    void refusesMisspeltFields() {
        Map<String, Object> json = new TreeMap<>(Samples.spec().toJson());
        json.put("quroum", 2L);

        assertThatThrownBy(() -> TaskSpec.fromJson(json)).hasMessage("unknown field \"quroum\"");
    }

    @Test
    void countsTheMlpsWeightsAndBiases() {
        // 4·3 + 3 and 3·2 + 2
        assertThat(Samples.model().parameterCount()).isEqualTo(23);
        assertThat(new ModelSpec("mlp", 10, List.of(), "relu", 3, Samples.ref("m")).parameterCount())
                .isEqualTo(33);
        assertThat(new ModelSpec("mlp", 2, List.of(4L, 4L), "tanh", 2, Samples.ref("m")).parameterCount())
                .isEqualTo(12 + 20 + 10);
    }

    @Test
    void refusesModelsItCannotDescribe() {
        assertThatThrownBy(() -> new ModelSpec("cnn", 4, List.of(3L), "relu", 2, Samples.ref("m")))
                .hasMessageContaining("mlp");
        assertThatThrownBy(() -> new ModelSpec("mlp", 4, List.of(0L), "relu", 2, Samples.ref("m")))
                .hasMessageContaining("hiddenLayers");
        assertThatThrownBy(() -> new ModelSpec("mlp", 4, List.of(3L), "ReLU", 2, Samples.ref("m")))
                .hasMessageContaining("activation");
    }

    @Test
    void refusesAnInvalidDpPolicy() {
        assertThatThrownBy(() -> new DpPolicy(
                        BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.TEN, EpsilonConversion.CLASSIC))
                .hasMessageContaining("delta");
        assertThatThrownBy(() -> new DpPolicy(
                        BigDecimal.ZERO,
                        BigDecimal.ONE,
                        new BigDecimal("0.1"),
                        BigDecimal.TEN,
                        EpsilonConversion.CLASSIC))
                .hasMessageContaining("clipNorm");
        assertThatThrownBy(() -> EpsilonConversion.fromWire("fancy")).hasMessageContaining("classic, improved");
    }

    @Test
    void keepsStrategyParametersSortedAndExact() {
        StrategySpec strategy = new StrategySpec("trimmed-mean", new TreeMap<>(Map.of("beta", new BigDecimal("0.10"))));

        assertThat(CanonicalJson.encode(strategy.toJson()))
                .isEqualTo("{\"name\":\"trimmed-mean\",\"params\":{\"beta\":0.1}}");
    }
}
