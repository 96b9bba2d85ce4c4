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

class SharedSubsetSpecTest {
    private static final WarmUpSpec WARM_UP = new WarmUpSpec(50, new BigDecimal("0.10"));
    private static final String CONSENT = "broad consent to research use, rows shared within the consortium";

    private static SharedSubsetSpec spec(List<String> contributors, String beta, String alpha) {
        return new SharedSubsetSpec(contributors, 20, new BigDecimal(beta), new BigDecimal(alpha), CONSENT, WARM_UP);
    }

    private static SharedSubsetSpec roundTrip(SharedSubsetSpec spec) {
        return SharedSubsetSpec.fromJson(JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(spec.toJson()))));
    }

    @Test
    void roundTripsAsCanonicalJsonWithSortedContributorsAndStrippedDecimals() {
        SharedSubsetSpec spec = spec(List.of("ds-bob", "ds-alice"), "0.050", "0.5");

        assertThat(spec.contributors()).containsExactly("ds-alice", "ds-bob");
        assertThat(roundTrip(spec)).isEqualTo(spec);
        assertThat(CanonicalJson.encode(spec.toJson()))
                .isEqualTo("{\"alpha\":0.5,\"beta\":0.05,\"consent\":\"" + CONSENT + "\","
                        + "\"contributors\":[\"ds-alice\",\"ds-bob\"],\"rowsPerClass\":20,"
                        + "\"warmUp\":{\"epochs\":50,\"learningRate\":0.1}}");
    }

    @Test
    void betaIsInTheHalfOpenUnitIntervalAndAlphaInTheClosedOne() {
        assertThat(spec(List.of("ds-a"), "1", "0").beta()).isEqualByComparingTo("1");
        assertThat(spec(List.of("ds-a"), "0.01", "1").alpha()).isEqualByComparingTo("1");
        assertThatThrownBy(() -> spec(List.of("ds-a"), "0", "0.5")).hasMessageContaining("sharedSubset.beta");
        assertThatThrownBy(() -> spec(List.of("ds-a"), "1.01", "0.5")).hasMessageContaining("sharedSubset.beta");
        assertThatThrownBy(() -> spec(List.of("ds-a"), "0.5", "-0.1")).hasMessageContaining("sharedSubset.alpha");
        assertThatThrownBy(() -> spec(List.of("ds-a"), "0.5", "1.5")).hasMessageContaining("sharedSubset.alpha");
    }

    @Test
    void refusesNoOrDuplicateOrMalformedContributors() {
        assertThatThrownBy(() -> spec(List.of(), "0.05", "0.5")).hasMessageContaining("sharedSubset.contributors");
        assertThatThrownBy(() -> spec(List.of("ds-a", "ds-a"), "0.05", "0.5")).hasMessageContaining("ds-a twice");
        assertThatThrownBy(() -> spec(List.of("ds|a"), "0.05", "0.5")).hasMessageContaining("an id");
    }

    @Test
    void refusesRowsPerClassConsentAndWarmUpOutOfBounds() {
        BigDecimal half = new BigDecimal("0.5");
        assertThatThrownBy(() -> new SharedSubsetSpec(List.of("ds-a"), 0, half, half, CONSENT, WARM_UP))
                .hasMessageContaining("sharedSubset.rowsPerClass");
        assertThatThrownBy(() -> new SharedSubsetSpec(List.of("ds-a"), 1_000_001, half, half, CONSENT, WARM_UP))
                .hasMessageContaining("sharedSubset.rowsPerClass");
        assertThatThrownBy(() -> new SharedSubsetSpec(List.of("ds-a"), 5, half, half, "x".repeat(1025), WARM_UP))
                .hasMessageContaining("sharedSubset.consent");
        assertThatThrownBy(() -> new SharedSubsetSpec(List.of("ds-a"), 5, half, half, " ", WARM_UP))
                .hasMessageContaining("sharedSubset.consent");
        assertThatThrownBy(() -> new SharedSubsetSpec(List.of("ds-a"), 5, half, half, CONSENT, null))
                .hasMessage("sharedSubset.warmUp is required");
        assertThatThrownBy(() -> new WarmUpSpec(0, BigDecimal.ONE)).hasMessageContaining("sharedSubset.warmUp.epochs");
        assertThatThrownBy(() -> new WarmUpSpec(10_001, BigDecimal.ONE))
                .hasMessageContaining("sharedSubset.warmUp.epochs");
        assertThatThrownBy(() -> new WarmUpSpec(1, BigDecimal.ZERO))
                .hasMessageContaining("sharedSubset.warmUp.learningRate");
    }

    @Test
    void refusesUnknownFields() {
        Map<String, Object> json =
                new TreeMap<>(spec(List.of("ds-a"), "0.05", "0.5").toJson());
        json.put("seed", 7L);
        Map<String, Object> warmUp = new TreeMap<>(WARM_UP.toJson());
        warmUp.put("batchSize", 8L);

        assertThatThrownBy(() -> SharedSubsetSpec.fromJson(json)).hasMessage("unknown field \"seed\"");
        assertThatThrownBy(() -> WarmUpSpec.fromJson(warmUp)).hasMessage("unknown field \"batchSize\"");
    }
}
