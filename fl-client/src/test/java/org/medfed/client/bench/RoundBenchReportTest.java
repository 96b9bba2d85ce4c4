package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.client.bench.RoundLoad.Phases;
import org.medfed.client.bench.RoundLoad.RoundFigures;

class RoundBenchReportTest {

    private static final List<String> ORGS = List.of("Hospital", "Clinic", "Wearable");

    private static RoundFigures round(long n, double upload, double submit, double close, double aggregate, long disk) {
        return new RoundFigures(
                n,
                new Phases(upload, submit, close, aggregate),
                10,
                0,
                (int) n - 1,
                11_000 + n,
                Map.of("Hospital", 200_000L + n, "Clinic", 190_000L, "Wearable", 180_000L),
                Map.of("Hospital", disk, "Clinic", disk, "Wearable", disk / 2),
                "bafkreiglobal" + n);
    }

    private static RoundBenchReport report() {
        return new RoundBenchReport(
                new RoundBenchReport.Settings(
                        "embedded",
                        2,
                        ORGS,
                        10,
                        10_000,
                        3,
                        16,
                        "bench-20261207-080000-k10-p10000",
                        "light",
                        null,
                        42,
                        true),
                new RoundBenchReport.Setup(800.25, 900.5, 300.125),
                Map.of("Hospital", 1_000_000L, "Clinic", 1_000_000L, "Wearable", 500_000L),
                List.of(
                        round(1, 40.1234567, 700, 200, 1000, 1_500_000),
                        round(2, 30, 500, 180, 600, 2_000_000),
                        round(3, 35, 600, 190, 700, 2_600_000)),
                Map.of("chaincode-hospital", 200_003L, "ledger", 250_000L));
    }

    @Test
    void theJsonNamesTheRunEveryRoundsSplitsAndTheMedians() {
        JsonObject json = JsonParser.parseString(report().toJson().toString()).getAsJsonObject();

        assertThat(json.get("engine").getAsString()).isEqualTo("embedded");
        assertThat(json.get("cores").getAsInt()).isEqualTo(2);
        assertThat(json.get("participants").getAsInt()).isEqualTo(10);
        assertThat(json.get("params").getAsInt()).isEqualTo(10_000);
        assertThat(json.get("updateBytes").getAsLong()).isEqualTo(40_000);
        assertThat(json.get("rounds").getAsInt()).isEqualTo(3);
        assertThat(json.get("dp").getAsString()).isEqualTo("light");
        assertThat(json.getAsJsonArray("organisations")).hasSize(3);
        assertThat(json.getAsJsonObject("setup").get("taskMs").getAsDouble()).isEqualTo(300.125);

        var perRound = json.getAsJsonArray("perRound");
        assertThat(perRound).hasSize(3);
        JsonObject first = perRound.get(0).getAsJsonObject();
        assertThat(first.get("uploadMs").getAsDouble()).isEqualTo(40.123);
        assertThat(first.get("closeToAggregatedMs").getAsDouble()).isEqualTo(1200.0);
        assertThat(first.get("totalMs").getAsDouble()).isEqualTo(1940.123);
        assertThat(first.get("contributions").getAsInt()).isEqualTo(10);
        assertThat(first.get("ledgerBytes").getAsLong()).isEqualTo(11_001);
        assertThat(first.getAsJsonObject("chaincodePeakRssKiB").get("Hospital").getAsLong())
                .isEqualTo(200_001);
        assertThat(first.getAsJsonObject("kuboRepoGrowthBytes").get("Hospital").getAsLong())
                .isEqualTo(500_000);
        assertThat(perRound.get(2)
                        .getAsJsonObject()
                        .getAsJsonObject("kuboRepoGrowthBytes")
                        .get("Wearable")
                        .getAsLong())
                .isEqualTo(300_000);

        JsonObject medians = json.getAsJsonObject("medians");
        assertThat(medians.get("uploadMs").getAsDouble()).isEqualTo(35.0);
        assertThat(medians.get("submitMs").getAsDouble()).isEqualTo(600.0);
        assertThat(medians.get("closeMs").getAsDouble()).isEqualTo(190.0);
        assertThat(medians.get("aggregateMs").getAsDouble()).isEqualTo(700.0);
        assertThat(medians.get("closeToAggregatedMs").getAsDouble()).isEqualTo(890.0);
        assertThat(medians.get("ledgerBytes").getAsDouble()).isEqualTo(11_002.0);
        assertThat(medians.getAsJsonObject("kuboRepoGrowthBytes")
                        .get("Hospital")
                        .getAsDouble())
                .isEqualTo(500_000.0);

        assertThat(json.getAsJsonObject("chaincodePeakRssKiB").get("Hospital").getAsLong())
                .isEqualTo(200_003);
        assertThat(json.getAsJsonObject("kuboRepoBytes")
                        .getAsJsonObject("after")
                        .get("Clinic")
                        .getAsLong())
                .isEqualTo(2_600_000);
        assertThat(json.getAsJsonObject("processPeakRssKiB").get("ledger").getAsLong())
                .isEqualTo(250_000);
    }

    @Test
    void theTablesShowEveryRoundTheMedianAndEachOrganisationsMemoryAndDisk() {
        StringWriter text = new StringWriter();
        report().print(new PrintWriter(text, true));

        assertThat(text.toString())
                .contains("embedded ledger, 3 organisations, K=10 participants, P=10000 float32 (40.0 kB an update)")
                .contains("task bench-20261207-080000-k10-p10000")
                .containsPattern("(?m)^1 +40\\.1 +700\\.0 +200\\.0 +1000\\.0 +1940\\.1 +10 +0 +11001$")
                .containsPattern("(?m)^median +35\\.0 +600\\.0 +190\\.0 +700\\.0 ")
                .contains("Hospital chaincode peak MiB")
                .containsPattern("(?m)^3 +195\\.3 +2\\.6 \\(\\+0\\.6\\) ");
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(RoundBenchReport.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
        assertThat(RoundBenchReport.median(new double[] {})).isNaN();
    }
}
