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

/** A two-stage task: {@code sharedSubset} in the task spec. */
class TaskSpecSharedSubsetTest {
    private static final String CONSENT = "broad consent to research use, rows shared within the consortium";

    private static SharedSubsetSpec subset(List<String> contributors) {
        return new SharedSubsetSpec(
                contributors,
                20,
                new BigDecimal("0.05"),
                new BigDecimal("0.5"),
                CONSENT,
                new WarmUpSpec(50, new BigDecimal("0.1")));
    }

    private static TaskSpec roundTrip(TaskSpec spec) {
        return TaskSpec.fromJson(JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(spec.toJson()))));
    }

    @Test
    void roundTripsThroughCanonicalJsonWithItsSubset() {
        TaskSpec spec = Samples.spec().withSharedSubset(subset(List.of("ds-bob", "ds-alice")));

        assertThat(roundTrip(spec)).isEqualTo(spec);
        assertThat(roundTrip(spec).subset()).contains(subset(List.of("ds-alice", "ds-bob")));
        assertThat(JsonFields.object(spec.toJson(), "sharedSubset")).containsEntry("rowsPerClass", 20L);
    }

    @Test
    void aTaskWithoutASubsetHasNoSharedSubsetField() {
        assertThat(Samples.spec().subset()).isEmpty();
        assertThat(Samples.spec().toJson()).doesNotContainKey("sharedSubset");
        assertThat(roundTrip(Samples.spec())).isEqualTo(Samples.spec());
    }

    @Test
    void contributorsMustBeAdmittedDatasets() {
        assertThatThrownBy(() -> Samples.spec().withSharedSubset(subset(List.of("ds-alice", "ds-dave"))))
                .hasMessageContaining("sharedSubset.contributors names dataset ds-dave, which the task does not admit");
        Map<String, Object> json = new TreeMap<>(Samples.spec().toJson());
        json.put("sharedSubset", subset(List.of("ds-eve")).toJson());
        assertThatThrownBy(() -> TaskSpec.fromJson(json)).hasMessageContaining("ds-eve");
    }

    @Test
    void aSubsetAndSecureAggregationExcludeEachOther() {
        TaskSpec twoStage = Samples.spec().withSharedSubset(subset(List.of("ds-alice")));

        assertThatThrownBy(() -> twoStage.withSecureAggregation(Samples.secureAggregation()))
                .hasMessageContaining("choose one of sharedSubset and secureAggregation");
        assertThatThrownBy(() -> Samples.secureSpec().withSharedSubset(subset(List.of("ds-alice"))))
                .hasMessageContaining("choose one of sharedSubset and secureAggregation");
    }
}
