package org.medfed.client.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaMappingTest {

    private static final String MINIMAL = """
            {"name": "m", "features": ["x", "color"], "label": {"column": "y", "classes": ["no", "yes"],
             "values": {"n": 0, "y": 1}}, "categorical": {"color": {"levels": ["red", "blue"]}},
             "scaling": {"method": "min-max", "stats": {"x": {"min": 0, "max": 10}}}}""";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mapping-wdbc.json",
                "mapping-heart-disease-4sites.json",
                "mapping-maternal-health-risk.json",
                "mapping-wearable-activity.json"
            })
    void everyExampleMappingIsValid(String example) throws Exception {
        SchemaMapping mapping = ShippedData.mapping(example);

        assertThat(mapping.scaling().method()).isEqualTo(Scaling.Method.Z_SCORE);
        assertThat(mapping.scaling().stats().keySet()).containsExactlyInAnyOrderElementsOf(mapping.numericFeatures());
        assertThat(mapping.fingerprint()).matches("[0-9a-f]{64}");
    }

    @Test
    void loadsFromAFile() throws Exception {
        Path file = dir.resolve("m.json");
        Files.writeString(file, MINIMAL);

        assertThat(SchemaMapping.load(file).featureNames()).containsExactly("x", "color=red", "color=blue");
    }

    @Test
    void fingerprintIgnoresWhitespaceAndKeyOrderButNotContent() throws Exception {
        String reordered = """
                {"scaling": {"stats": {"x": {"max": 10, "min": 0}}, "method": "min-max"},
                 "categorical": {"color": {"levels": ["red", "blue"]}},
                 "label": {"values": {"y": 1, "n": 0}, "classes": ["no", "yes"], "column": "y"},
                 "features": ["x", "color"], "name": "m"}""";
        String changed = MINIMAL.replace("\"max\": 10", "\"max\": 11");

        String fingerprint = SchemaMapping.parse(MINIMAL, "a").fingerprint();

        assertThat(SchemaMapping.parse(reordered, "b").fingerprint()).isEqualTo(fingerprint);
        assertThat(SchemaMapping.parse(changed, "c").fingerprint()).isNotEqualTo(fingerprint);
    }

    @Test
    void oneHotNamesFollowTheDeclaredLevelsWithoutTheFirstWhenDropped() throws Exception {
        SchemaMapping heart = ShippedData.mapping("mapping-heart-disease-4sites.json");

        assertThat(heart.featureNames())
                .containsExactly(
                        "age",
                        "sex",
                        "cp=2",
                        "cp=3",
                        "cp=4",
                        "trestbps",
                        "chol",
                        "fbs",
                        "restecg=1",
                        "restecg=2",
                        "thalach",
                        "exang",
                        "oldpeak");
    }

    @Test
    void reportsEveryProblemAtOnceNamingTheKeyAndTheFix() {
        String broken = """
                {"name": "b", "features": ["x", "y", "z"], "lable": 1,
                 "categorical": {"w": {"levels": ["a"]}},
                 "missing": {"policy": "ignore", "impute": {"x": "abc"}},
                 "scaling": {"method": "z-score", "stats": {"x": {"mean": 0, "std": 0}, "z": {"mean": 1}}}}""";

        assertThatThrownBy(() -> SchemaMapping.parse(broken, "broken.json"))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("schema mapping broken.json is invalid: ")
                .hasMessageContaining("unknown key 'lable' (allowed here: name, features, label,")
                .hasMessageContaining("missing key 'label' (for example \"label\": {\"column\": \"diagnosis\"")
                .hasMessageContaining("key 'categorical' names \"w\", which is not in 'features'")
                .hasMessageContaining("key 'missing.policy' must be \"drop-row\" or \"fail\", got ignore")
                .hasMessageContaining("key 'missing.impute.x' must be a number, got abc")
                .hasMessageContaining("key 'scaling.stats.y' is missing: declare {\"mean\": .., \"std\": ..}")
                .hasMessageContaining("key 'scaling.stats.x': std must be positive")
                .hasMessageContaining("key 'scaling.stats.z.std' must be a finite number, got nothing");
    }

    @Test
    void requiresAScalingRuleSoSitesCannotEachPickTheirOwn() {
        assertThatThrownBy(() -> SchemaMapping.parse(MINIMAL.replaceAll(",\\s*\"scaling\".*}}}", "}"), "s.json"))
                .hasMessageContaining("missing key 'scaling': declare");
    }

    @Test
    void rejectsALabelThatIsAlsoAFeatureOrALabelRuleThatIsAmbiguous() {
        String both = MINIMAL.replace("\"features\": [\"x\", \"color\"]", "\"features\": [\"x\", \"color\", \"y\"]")
                .replace("\"values\": {\"n\": 0, \"y\": 1}", "\"values\": {\"n\": 0, \"y\": 2}, \"atLeast\": 1");

        assertThatThrownBy(() -> SchemaMapping.parse(both, "l.json"))
                .hasMessageContaining("the label column \"y\" is also in 'features'")
                .hasMessageContaining("key 'label' needs exactly one of 'values'");
    }

    @Test
    void rejectsAClassIndexOutsideTheClassList() {
        assertThatThrownBy(() -> SchemaMapping.parse(MINIMAL.replace("\"y\": 1}", "\"y\": 2}"), "l.json"))
                .hasMessageContaining("key 'label.values.\"y\"' must be a class index from 0 to 1");
    }

    @Test
    void rejectsMalformedJsonNamingTheFile() {
        assertThatThrownBy(() -> SchemaMapping.parse("{\"name\": ", "bad.json"))
                .hasMessageStartingWith("schema mapping bad.json is not valid JSON: ");
    }
}
