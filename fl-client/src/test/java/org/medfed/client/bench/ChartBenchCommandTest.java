package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import picocli.CommandLine;

class ChartBenchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ChartBenchCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private Path roundJson(String name, int k, long totalMs) throws Exception {
        return Files.writeString(
                dir.resolve(name),
                "{\"benchmark\":\"round\",\"engine\":\"embedded\",\"participants\":" + k
                        + ",\"params\":10000,\"medians\":{\"totalMs\":" + totalMs
                        + ",\"closeToAggregatedMs\":500},\"chaincodePeakRssKiB\":{\"Clinic\":204800,\"Hospital\":"
                        + "256000}}");
    }

    @Test
    void drawsRoundTimeAndPrintsTheLeastSquaresSlope() throws Exception {
        // K 10, 20, 30 at 1.2 s, 1.4 s, 1.6 s: 20 ms per participant on top of 1.0 s
        Path a = roundJson("a.json", 10, 1200);
        Path b = roundJson("b.json", 20, 1400);
        Path c = roundJson("c.json", 30, 1600);

        int code = run(
                "--round",
                a.toString(),
                "--round",
                b.toString(),
                "--round",
                c.toString(),
                "--out",
                dir.resolve("charts").toString());

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(dir.resolve("charts/round-time.png")).isNotEmptyFile();
        assertThat(out.toString())
                .contains(
                        "round time P=10,000 (embedded): 20.0 ms per participant + 1.00 s (least squares over 3 sizes)");
    }

    @Test
    void takesTheLargestChaincodePeakOfTheOrganisations() throws Exception {
        RoundTimeChart.Point point = RoundTimeChart.read(roundJson("a.json", 10, 1200));

        assertThat(point.rssMiB()).isEqualTo(250.0);
        assertThat(point.totalS()).isEqualTo(1.2);
        assertThat(point.closeToAggregatedS()).isEqualTo(0.5);
    }

    @Test
    void drawsThroughputFromFixedRateRoundsOnly() throws Exception {
        Path summary = Files.writeString(
                dir.resolve("summary.json"),
                "{\"rounds\":[{\"engine\":\"fabric\",\"workload\":\"submit-update\",\"offeredTps\":10,\"succeededTps\":9.9,"
                        + "\"latencyAvgS\":0.2},{\"engine\":\"fabric\",\"workload\":\"submit-update\",\"offeredTps\":25,"
                        + "\"succeededTps\":24.8,\"latencyAvgS\":0.2},{\"engine\":\"fabric\",\"workload\":\"get-ping\","
                        + "\"offeredTps\":50,\"succeededTps\":50,\"latencyAvgS\":0.01},{\"engine\":\"fabric\",\"workload\":\"submit-update\","
                        + "\"offeredTps\":null,\"inFlight\":30,\"succeededTps\":80.1,\"latencyAvgS\":0.4}]}");

        List<ThroughputChart.Point> points = ThroughputChart.read(summary);
        int code = run("--caliper", summary.toString(), "--out", dir.toString());

        assertThat(points)
                .containsExactly(
                        new ThroughputChart.Point("fabric", "submit-update", 10, 9.9, 0.2),
                        new ThroughputChart.Point("fabric", "submit-update", 25, 24.8, 0.2),
                        new ThroughputChart.Point("fabric", "get-ping", 50, 50, 0.01));
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(dir.resolve("throughput.png")).isNotEmptyFile();
        // one rate is no curve: only submit-update is drawn
        var plot = (org.jfree.chart.plot.CombinedDomainXYPlot)
                ThroughputChart.chart(points).getPlot();
        var sub = plot.getSubplots().get(0);
        assertThat(sub.getDataset().getSeriesCount()).isEqualTo(1);
        assertThat(sub.getDataset().getSeriesKey(0).toString()).isEqualTo("submit-update (fabric)");
    }

    @Test
    void refusesAFileThatIsNotABenchRoundOutput() throws Exception {
        Path other = Files.writeString(dir.resolve("x.json"), "{\"benchmark\":\"aggregate\"}");

        int code = run("--round", other.toString(), "--out", dir.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("is not the JSON of `medfed bench round --json`");
    }

    @Test
    void refusesToDrawNothing() {
        assertThat(run("--out", dir.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("nothing to draw");
    }
}
