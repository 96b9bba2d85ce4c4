package org.medfed.client.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each example mapping applied to the real table it was written for; expectations derived from the raw file. */
class MappingOnShippedDataTest {

    @Nested
    class Wdbc {
        @Test
        void keepsEveryRowWithThirtyScaledFeaturesAndTheFileLabels() throws Exception {
            List<List<String>> raw = ShippedData.naiveRows(ShippedData.WDBC);
            int label = ShippedData.naiveHeader(ShippedData.WDBC).indexOf("diagnosis");

            TabularDataset data = ShippedData.mapping("mapping-wdbc.json").apply(ShippedData.table(ShippedData.WDBC));

            assertThat(data.rowCount()).isEqualTo(raw.size());
            assertThat(data.featureNames())
                    .hasSize(ShippedData.naiveHeader(ShippedData.WDBC).size() - 1);
            assertThat(data.classNames()).containsExactly("benign", "malignant");
            assertThat(data.labels())
                    .containsExactly(raw.stream()
                            .mapToInt(r -> Integer.parseInt(r.get(label)))
                            .toArray());
        }

        @Test
        void mapsTheUciLetterCodingToTheSameClassesAndDropsTheIdColumn() throws Exception {
            CsvTable uci = CsvReader.parse("id,radius_mean,diagnosis\n842302,17.99,M\n842517,20.57,B\n", "uci.csv");
            SchemaMapping small = SchemaMapping.parse("""
                    {"name": "w", "features": ["radius_mean"], "drop": ["id"],
                     "label": {"column": "diagnosis", "classes": ["benign", "malignant"],
                               "values": {"B": 0, "M": 1, "0": 0, "1": 1}},
                     "scaling": {"method": "none"}}""", "w.json");

            TabularDataset data = small.apply(uci);

            assertThat(data.labels()).containsExactly(1, 0);
            assertThat(data.featureNames()).containsExactly("radius_mean");
        }
    }

    @Nested
    class HeartDisease {
        private static final List<String> USED =
                List.of("age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "num");

        @ParameterizedTest
        @ValueSource(strings = {"cleveland", "hungarian", "switzerland", "va_long_beach"})
        void keepsTheSiteRowsWithoutMissingValuesInTheUsedColumns(String site) throws Exception {
            List<List<String>> complete = completeRows(site);

            TabularDataset data = ShippedData.mapping("mapping-heart-disease-4sites.json")
                    .apply(ShippedData.table(ShippedData.HEART), site);

            assertThat(data.rowCount())
                    .isEqualTo(complete.size())
                    .isLessThanOrEqualTo(siteRows(site).size());
            int num = ShippedData.naiveHeader(ShippedData.HEART).indexOf("num");
            assertThat(data.labels())
                    .containsExactly(complete.stream()
                            .mapToInt(r -> Integer.parseInt(r.get(num)) >= 1 ? 1 : 0)
                            .toArray());
        }

        @Test
        void theFourSitesTogetherAreTheWholeTableAfterDropRow() throws Exception {
            SchemaMapping mapping = ShippedData.mapping("mapping-heart-disease-4sites.json");
            CsvTable table = ShippedData.table(ShippedData.HEART);
            int sum = 0;
            for (String site : sites()) {
                sum += mapping.apply(table, site).rowCount();
            }

            assertThat(mapping.apply(table).rowCount()).isEqualTo(sum);
        }

        @Test
        void oneHotEncodesChestPainAndRestingEcgWithTheFirstLevelAsAllZeros() throws Exception {
            SchemaMapping mapping = ShippedData.mapping("mapping-heart-disease-4sites.json");
            List<List<String>> complete = completeRows("cleveland");
            int cp = ShippedData.naiveHeader(ShippedData.HEART).indexOf("cp");
            int restecg = ShippedData.naiveHeader(ShippedData.HEART).indexOf("restecg");
            List<String> names = mapping.featureNames();

            float[][] features = mapping.apply(ShippedData.table(ShippedData.HEART), "cleveland")
                    .features();

            assertThat(names).hasSize(10 - 2 + (4 - 1) + (3 - 1));
            for (int r = 0; r < features.length; r++) {
                for (String level : List.of("2", "3", "4")) {
                    float expected = complete.get(r).get(cp).equals(level) ? 1f : 0f;
                    assertThat(features[r][names.indexOf("cp=" + level)]).isEqualTo(expected);
                }
                for (String level : List.of("1", "2")) {
                    float expected = complete.get(r).get(restecg).equals(level) ? 1f : 0f;
                    assertThat(features[r][names.indexOf("restecg=" + level)]).isEqualTo(expected);
                }
            }
        }

        @Test
        void scalesEverySiteWithTheDeclaredStatisticsNotItsOwn() throws Exception {
            SchemaMapping mapping = ShippedData.mapping("mapping-heart-disease-4sites.json");
            Scaling.Declared age = mapping.scaling().stats().get("age");
            int ageRaw = ShippedData.naiveHeader(ShippedData.HEART).indexOf("age");
            int ageColumn = mapping.featureNames().indexOf("age");
            Map<String, Float> scaledBySite = new LinkedHashMap<>();
            String shared = sharedAge("cleveland", "hungarian");

            for (String site : List.of("cleveland", "hungarian")) {
                List<List<String>> raw = completeRows(site);
                float[][] features = mapping.apply(ShippedData.table(ShippedData.HEART), site)
                        .features();
                double localMean = raw.stream()
                        .mapToDouble(r -> Double.parseDouble(r.get(ageRaw)))
                        .average()
                        .orElseThrow();
                assertThat(Math.abs(localMean - age.first()))
                        .as("the test needs sites whose own mean differs from the declared one")
                        .isGreaterThan(0.5);
                for (int r = 0; r < raw.size(); r++) {
                    double x = Double.parseDouble(raw.get(r).get(ageRaw));
                    assertThat(features[r][ageColumn]).isEqualTo((float) ((x - age.first()) / age.second()));
                    if (raw.get(r).get(ageRaw).equals(shared)) {
                        scaledBySite.put(site, features[r][ageColumn]);
                    }
                }
            }

            assertThat(scaledBySite).hasSize(2);
            assertThat(scaledBySite.get("cleveland")).isEqualTo(scaledBySite.get("hungarian"));
        }

        @Test
        void namesThePresentSitesWhenAskedForAnUnknownOne() throws Exception {
            SchemaMapping mapping = ShippedData.mapping("mapping-heart-disease-4sites.json");

            assertThatThrownBy(() -> mapping.apply(ShippedData.table(ShippedData.HEART), "budapest"))
                    .hasMessageEndingWith("has no row with site = \"budapest\" (present: "
                            + String.join(", ", sites().stream().sorted().toList()) + ")");
        }

        private static List<List<String>> siteRows(String site) {
            return ShippedData.naiveRows(ShippedData.HEART).stream()
                    .filter(r -> r.get(0).equals(site))
                    .toList();
        }

        private static List<List<String>> completeRows(String site) {
            List<String> header = ShippedData.naiveHeader(ShippedData.HEART);
            List<List<String>> kept = new ArrayList<>();
            for (List<String> row : siteRows(site)) {
                if (USED.stream().noneMatch(c -> row.get(header.indexOf(c)).isEmpty())) {
                    kept.add(row);
                }
            }
            return kept;
        }

        private static Set<String> sites() {
            Set<String> sites = new LinkedHashSet<>();
            ShippedData.naiveRows(ShippedData.HEART).forEach(r -> sites.add(r.get(0)));
            return sites;
        }

        private static String sharedAge(String a, String b) {
            int age = ShippedData.naiveHeader(ShippedData.HEART).indexOf("age");
            Set<String> first = new LinkedHashSet<>();
            completeRows(a).forEach(r -> first.add(r.get(age)));
            return completeRows(b).stream()
                    .map(r -> r.get(age))
                    .filter(first::contains)
                    .findFirst()
                    .orElseThrow();
        }
    }

    @Nested
    class MaternalHealthRisk {
        @Test
        void mapsTheThreeRiskLevelsToClassesInDeclaredOrder() throws Exception {
            List<List<String>> raw = ShippedData.naiveRows(ShippedData.MATERNAL);
            List<String> levels = List.of("low risk", "mid risk", "high risk");
            int[] expected = new int[3];
            raw.forEach(r -> expected[levels.indexOf(r.get(r.size() - 1))]++);

            TabularDataset data = ShippedData.mapping("mapping-maternal-health-risk.json")
                    .apply(ShippedData.table(ShippedData.MATERNAL));

            assertThat(data.classNames()).isEqualTo(levels);
            assertThat(data.classCounts()).containsExactly(expected);
            assertThat(data.featureNames())
                    .hasSize(ShippedData.naiveHeader(ShippedData.MATERNAL).size() - 1);
        }

        @Test
        void declaredStatisticsAreThoseOfTheWholeTableSoItsScaledColumnsAreCentred() throws Exception {
            float[][] features = ShippedData.mapping("mapping-maternal-health-risk.json")
                    .apply(ShippedData.table(ShippedData.MATERNAL))
                    .features();

            for (int f = 0; f < features[0].length; f++) {
                double sum = 0;
                for (float[] row : features) {
                    sum += row[f];
                }
                assertThat(sum / features.length).as("feature %d", f).isCloseTo(0, within(1e-4));
            }
        }
    }

    @Nested
    class Errors {
        private static final String MAPPING = """
                {"name": "e", "features": ["x", "c"], "drop": ["note"],
                 "label": {"column": "y", "classes": ["a", "b"], "values": {"a": 0, "b": 1}},
                 "categorical": {"c": {"levels": ["u", "v"]}},
                 "missing": {"policy": "fail", "impute": {"c": "u"}},
                 "scaling": {"method": "z-score", "stats": {"x": {"mean": 10, "std": 2}}}}""";

        @Test
        void namesFileLineAndColumnOfAValueThatIsNotANumber() throws Exception {
            CsvTable table = CsvReader.parse("x,c,note,y\n1,u,,a\nten,v,,b\n", "site.csv");

            assertThatThrownBy(() -> SchemaMapping.parse(MAPPING, "e").apply(table))
                    .hasMessageStartingWith("site.csv, line 3, column 1 (x): \"ten\" is not a number");
        }

        @Test
        void namesAnUnknownLabelValueAndTheKnownOnes() throws Exception {
            CsvTable table = CsvReader.parse("x,c,note,y\n1,u,,c\n", "site.csv");

            assertThatThrownBy(() -> SchemaMapping.parse(MAPPING, "e").apply(table))
                    .hasMessage("site.csv, line 2, column 4 (y): label value \"c\" is not in the mapping "
                            + "('label.values' knows [a, b])");
        }

        @Test
        void namesAnUndeclaredCategoricalLevel() throws Exception {
            CsvTable table = CsvReader.parse("x,c,note,y\n1,w,,a\n", "site.csv");

            assertThatThrownBy(() -> SchemaMapping.parse(MAPPING, "e").apply(table))
                    .hasMessageStartingWith(
                            "site.csv, line 2, column 2 (c): \"w\" is not a declared level of c [u, v]");
        }

        @Test
        void failsOnAMissingValueUnderTheFailPolicyButImputesADeclaredConstant() throws Exception {
            CsvTable imputed = CsvReader.parse("x,c,note,y\n12,NA,,b\n", "site.csv");
            CsvTable missing = CsvReader.parse("x,c,note,y\n?,u,,b\n", "site.csv");
            SchemaMapping mapping = SchemaMapping.parse(MAPPING, "e");

            assertThat(mapping.apply(imputed).features()[0]).containsExactly(1f, 1f, 0f);
            assertThatThrownBy(() -> mapping.apply(missing))
                    .hasMessageStartingWith(
                            "site.csv, line 2, column 1 (x): missing value (missing.policy is \"fail\"; "
                                    + "declare 'missing.impute.x' or use \"drop-row\")");
        }

        @Test
        void refusesAColumnTheMappingDoesNotAccountFor() throws Exception {
            CsvTable table = CsvReader.parse("x,c,y,extra\n1,u,a,0\n", "site.csv");

            assertThatThrownBy(() -> SchemaMapping.parse(MAPPING, "e").apply(table))
                    .hasMessage("site.csv does not fit schema mapping e: the header has columns the mapping does not "
                            + "account for: extra (add each to 'drop' or 'features') (header: x,c,y,extra)");
        }

        @Test
        void namesTheColumnsTheMappingNeedsAndTheHeaderLacks() throws Exception {
            CsvTable table = CsvReader.parse("x,y\n1,a\n", "site.csv");

            assertThatThrownBy(() -> SchemaMapping.parse(MAPPING, "e").apply(table))
                    .hasMessage("site.csv does not fit schema mapping e: the mapping needs columns the header lacks: c "
                            + "(header: x,y)");
        }

        @Test
        void refusesAPartitionWhenTheMappingHasNoPartitionColumn() throws Exception {
            CsvTable table = CsvReader.parse("x,c,note,y\n1,u,,a\n", "site.csv");

            assertThatThrownBy(() -> SchemaMapping.parse(MAPPING, "e").apply(table, "cleveland"))
                    .hasMessageContaining("has no 'partition' column");
        }
    }
}
