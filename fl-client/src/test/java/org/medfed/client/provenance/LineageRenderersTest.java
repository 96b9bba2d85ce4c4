package org.medfed.client.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.client.provenance.LineageSamples.CLINIC;
import static org.medfed.client.provenance.LineageSamples.HOSPITAL;
import static org.medfed.client.provenance.LineageSamples.INITIAL;
import static org.medfed.client.provenance.LineageSamples.ROUND1;
import static org.medfed.client.provenance.LineageSamples.ROUND2;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

class LineageRenderersTest {

    private final Lineage lineage = LineageSamples.lineageOfRound2();

    @Nested
    class Tree {
        private final List<String> lines = LineageTree.render(lineage);

        @Test
        void startsWithTheModelAndItsTaskWithTheStrategy() {
            assertThat(lines.get(0)).isEqualTo("model " + ROUND2.cid());
            assertThat(lines.get(1))
                    .isEqualTo("└─ task wdbc-mlp \"WDBC MLP\", strategy trimmed-mean (trimFraction=0.1)");
        }

        @Test
        void listsTheRoundsNewestFirstDownToTheInitialModel() {
            List<String> rounds = lines.stream()
                    .filter(l -> l.matches("^   [├└]─ round \\d.*"))
                    .toList();

            assertThat(rounds)
                    .containsExactly(
                            "   ├─ round 2: " + ROUND2.cid() + " (sha256 " + ROUND2.sha256() + ")",
                            "   ├─ round 1: " + ROUND1.cid() + " (sha256 " + ROUND1.sha256() + ")",
                            "   └─ round 0: initial model " + INITIAL.cid() + " (sha256 " + INITIAL.sha256() + ")");
        }

        @Test
        void showsEachContributionWithDatasetPrivacyReputationAndQuality() {
            String text = String.join("\n", lines);

            assertThat(text)
                    .contains("update of Hospital ward (hospital, HospitalMSP, " + HOSPITAL + "), quality 0.95")
                    .contains("dataset wdbc-hospital: schema sha256 " + LineageSamples.sha("schema"))
                    .contains("privacy: epsilon 2.25 spent after this update (noise 1.1, clip 1, sampling 0.01, "
                            + "100 steps)")
                    .contains("reputation 0.5 at submission")
                    .contains("metrics accuracy 0.92, loss 0.32");
            assertThat(lines.stream().filter(l -> l.contains("update of ")).count())
                    .isEqualTo(3);
        }

        @Test
        void showsEachRoundsUsageReceiptAndTheHoldersDecisionSince() {
            assertThat(lines)
                    .anyMatch(l -> l.endsWith("usage receipt: 300 examples of wdbc-hospital (holder " + HOSPITAL
                            + ") for HRESCH, approval approved " + LineageSamples.at(2, 1) + ", aggregated "
                            + LineageSamples.at(2, 30)))
                    .anyMatch(l -> l.endsWith(
                            "dataset use now revoked since " + LineageSamples.at(2, 45) + " (consent withdrawn)"))
                    .anyMatch(l -> l.endsWith("usage receipt: none on the ledger"));
        }

        @Test
        void showsExclusionsWithTheirReason() {
            assertThat(lines).anyMatch(l -> l.endsWith("excluded " + CLINIC + ": quality-rejected (outlier by norm)"));
        }

        @Test
        void connectorsCloseEachBranch() {
            int initial = lines.indexOf(lines.stream()
                    .filter(l -> l.contains("round 0:"))
                    .findFirst()
                    .orElseThrow());
            assertThat(initial).isEqualTo(lines.size() - 1);
            assertThat(lines.get(initial)).startsWith("   └─");
        }
    }

    @Nested
    class Mermaid {
        private final List<String> lines = LineageMermaid.render(lineage);

        @Test
        void isAGraphTdWhereModelsFlowFromTheInitialOne() {
            assertThat(lines.get(0)).isEqualTo("graph TD");
            assertThat(lines).contains("  t0r0 --> t0r1", "  t0r1 --> t0r2");
        }

        @Test
        void pointsEveryContributionAtItsModelAndExclusionsDashed() {
            assertThat(lines.stream().filter(l -> l.matches("  t0r1u\\d --> t0r1")))
                    .hasSize(2);
            assertThat(lines.stream().filter(l -> l.matches("  t0r2u\\d --> t0r2")))
                    .hasSize(1);
            assertThat(lines).contains("  t0r2x0 -.->|excluded| t0r2");
            assertThat(lines).anyMatch(l -> l.startsWith("  t0r2x0[") && l.contains("quality-rejected"));
        }

        @Test
        void labelsBreakLinesAndNameTheRoundStrategyAndModel() {
            assertThat(lines)
                    .contains("  t0r2[\"round 2 of wdbc-mlp<br/>trimmed-mean (trimFraction=0.1)<br/>" + ROUND2.cid()
                            + "\"]");
            assertThat(lines).contains("  t0r0[\"initial model of wdbc-mlp<br/>" + INITIAL.cid() + "\"]");
        }

        @Test
        void labelsNeverCarryARawQuote() {
            assertThat(LineageMermaid.label("a \"b\" <c>")).isEqualTo("a #quot;b#quot; #lt;c#gt;");
            lines.stream()
                    .skip(1)
                    .filter(l -> l.contains("["))
                    .forEach(l -> assertThat(l.substring(l.indexOf('"') + 1, l.lastIndexOf('"')))
                            .doesNotContain("\""));
        }
    }

    @Nested
    class Json {
        @Test
        void carriesTheLedgersLineageObjectsAsTheyCame() {
            Map<String, Object> json = JsonFields.object(CanonicalJson.parse(LineageJson.render(lineage)));

            assertThat(json.get("query")).isEqualTo(ROUND2.cid());
            Map<String, Object> task = JsonFields.objects(json, "lineages").get(0);
            assertThat(task.get("taskId")).isEqualTo("wdbc-mlp");
            assertThat(JsonFields.object(task, "strategy").get("name")).isEqualTo("trimmed-mean");
            assertThat(CanonicalJson.encode(JsonFields.list(task, "rounds")))
                    .isEqualTo(CanonicalJson.encode(
                            List.of(LineageSamples.round2(), LineageSamples.round1(), LineageSamples.initial())));
        }
    }

    @Test
    void aLineageMustEndWithTheInitialModel() {
        assertThatThrownBy(() -> new TaskLineage(
                        "t", "T", LineageSamples.STRATEGY, List.of(RoundLineage.fromJson(LineageSamples.round1()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initial model");
    }
}
