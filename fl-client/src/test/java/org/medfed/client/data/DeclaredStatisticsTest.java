package org.medfed.client.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeclaredStatisticsTest {

    private static final String DRAFT = """
            {"name": "d", "features": ["x", "c"], "partition": {"column": "site"},
             "label": {"column": "y", "classes": ["a", "b"], "values": {"a": 0, "b": 1}},
             "categorical": {"c": {"levels": ["u", "v"]}},
             "scaling": {"method": "none"}}""";

    private static final String REFERENCE = "site,x,c,y\ns1,2,u,a\ns1,4,v,b\ns2,,u,a\ns2,9,u,b\n";

    @Test
    void computesTheMeanAndPopulationStdOfTheKeptRows() throws Exception {
        Scaling scaling = DeclaredStatistics.fromReference(
                CsvReader.parse(REFERENCE, "ref.csv"),
                SchemaMapping.parse(DRAFT, "d"),
                Scaling.Method.Z_SCORE,
                Optional.empty());

        double mean = (2 + 4 + 9) / 3.0;
        double std = Math.sqrt((Math.pow(2 - mean, 2) + Math.pow(4 - mean, 2) + Math.pow(9 - mean, 2)) / 3);
        assertThat(scaling.stats()).containsOnlyKeys("x");
        assertThat(scaling.stats().get("x").first()).isCloseTo(mean, within(1e-12));
        assertThat(scaling.stats().get("x").second()).isCloseTo(std, within(1e-12));
    }

    @Test
    void computesMinAndMaxOfOnePartition() throws Exception {
        Scaling scaling = DeclaredStatistics.fromReference(
                CsvReader.parse(REFERENCE, "ref.csv"),
                SchemaMapping.parse(DRAFT, "d"),
                Scaling.Method.MIN_MAX,
                Optional.of("s1"));

        assertThat(scaling.stats().get("x")).isEqualTo(new Scaling.Declared(2, 4));
        assertThat(scaling.apply("x", 3)).isEqualTo(0.5);
    }

    @Test
    void producesAScalingBlockThatAMappingAccepts() throws Exception {
        Scaling scaling = DeclaredStatistics.fromReference(
                CsvReader.parse(REFERENCE, "ref.csv"),
                SchemaMapping.parse(DRAFT, "d"),
                Scaling.Method.Z_SCORE,
                Optional.empty());
        String json = DeclaredStatistics.toJson(scaling);

        SchemaMapping pinned = SchemaMapping.parse(DRAFT.replace("{\"method\": \"none\"}", json), "pinned");

        assertThat(json).startsWith("{\"method\":\"z-score\",\"stats\":{\"x\":{\"mean\":5");
        assertThat(pinned.scaling().stats().get("x").first())
                .isCloseTo(scaling.stats().get("x").first(), within(1e-5));
    }

    @Test
    void refusesAFeatureThatIsConstantInTheReference() throws Exception {
        CsvTable constant = CsvReader.parse("site,x,c,y\ns1,3,u,a\ns1,3,v,b\n", "ref.csv");

        assertThatThrownBy(() -> DeclaredStatistics.fromReference(
                        constant, SchemaMapping.parse(DRAFT, "d"), Scaling.Method.Z_SCORE, Optional.empty()))
                .hasMessage(
                        "ref.csv: feature x is constant in the reference sample, so it cannot be scaled: drop it or "
                                + "use a larger sample");
    }

    @Test
    void theExampleStatisticsAreThoseOfTheShippedTablesToSixDigits() throws Exception {
        for (String[] pair : new String[][] {
            {"mapping-wdbc.json", ShippedData.WDBC},
            {"mapping-heart-disease-4sites.json", ShippedData.HEART},
            {"mapping-maternal-health-risk.json", ShippedData.MATERNAL},
            {"mapping-wearable-activity.json", ShippedData.WEARABLE}
        }) {
            SchemaMapping mapping = ShippedData.mapping(pair[0]);
            Scaling computed = DeclaredStatistics.fromReference(
                    ShippedData.table(pair[1]), mapping, Scaling.Method.Z_SCORE, Optional.empty());
            mapping.scaling().stats().forEach((feature, declared) -> {
                Scaling.Declared actual = computed.stats().get(feature);
                assertThat(declared.first())
                        .as(pair[0] + " " + feature)
                        .isCloseTo(actual.first(), within(Math.abs(actual.first()) * 1e-5 + 1e-12));
                assertThat(declared.second())
                        .as(pair[0] + " " + feature)
                        .isCloseTo(actual.second(), within(actual.second() * 1e-5));
            });
        }
    }
}
