package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;

class SecureAggregationSpecTest {

    @Test
    void aSecureTaskSpecSurvivesItsJsonAndATaskInClearHasNoSuchField() {
        TaskSpec secure = Samples.secureSpec();
        TaskSpec back = TaskSpec.fromJson(
                org.medfed.common.codec.JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(secure.toJson()))));
        assertThat(back).isEqualTo(secure);
        assertThat(back.securelyAggregated()).isTrue();
        assertThat(back.secureAggregationSpec()).contains(Samples.secureAggregation());
        assertThat(Samples.spec().toJson()).doesNotContainKey("secureAggregation");
        assertThat(Samples.spec().securelyAggregated()).isFalse();
    }

    @Test
    void keepsSecureAggregationWhenTheIdOrDpChanges() {
        assertThat(Samples.secureSpec().with("other", Samples.dpPolicy()).secureAggregation())
                .isEqualTo(Samples.secureAggregation());
    }

    @Test
    void refusesAnOddDegreeAThresholdOutsideHalfToKAndAModulusOtherThan32Bits() {
        assertThatThrownBy(() -> spec(3, 2, 32)).hasMessageContaining("neighbours must be even");
        assertThatThrownBy(() -> spec(4, 2, 32)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> spec(4, 6, 32)).hasMessageContaining("threshold");
        assertThatThrownBy(() -> spec(4, 3, 64)).hasMessageContaining("modulusBits");
        assertThat(spec(4, 5, 32).threshold()).isEqualTo(5);
    }

    @Test
    void refusesUnknownFields() {
        var json = new java.util.TreeMap<>(Samples.secureAggregation().toJson());
        json.put("field", "p");
        assertThatThrownBy(() -> SecureAggregationSpec.fromJson(json)).hasMessageContaining("field");
    }

    @Test
    void theInputBoundInGridStepsIsTheBoundTimesTwoToTheBits() {
        assertThat(Samples.secureAggregation().inputBoundSteps()).isEqualTo(64L << 12);
    }

    private static SecureAggregationSpec spec(long k, long t, long modulusBits) {
        return new SecureAggregationSpec(k, t, 2, new BigDecimal("0.5"), 12, 64, modulusBits, 60, 60, 120);
    }
}
