package org.medfed.client.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.medfed.client.ExitCodes;
import org.medfed.client.report.ReportCharts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code medfed bench chart}: the PNG charts of docs/performance.md from the benchmarks' own outputs, so every chart
 * is redrawn from files a reader can regenerate: throughput against offered load from Caliper summaries, round time
 * against participants from {@code bench round --json} outputs.
 */
@Command(
        name = "chart",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            "Draw the performance charts from benchmark outputs.",
            "--caliper: summary.json files of bench/caliper/run.sh -> throughput.png;",
            "--round: JSON outputs of `medfed bench round --json` -> round-time.png."
        })
public final class ChartBenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--caliper", paramLabel = "SUMMARY", description = "Caliper summary.json files.")
    private List<Path> caliper = new ArrayList<>();

    @Option(names = "--round", paramLabel = "JSON", description = "Outputs of `medfed bench round --json`.")
    private List<Path> rounds = new ArrayList<>();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory for the PNG files.")
    private Path out;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        if (caliper.isEmpty() && rounds.isEmpty()) {
            return fail("nothing to draw: give --caliper SUMMARY and/or --round JSON files");
        }
        try {
            Files.createDirectories(out);
            System.setProperty("java.awt.headless", "true");
            if (!caliper.isEmpty()) {
                List<ThroughputChart.Point> points = new ArrayList<>();
                for (Path file : caliper) {
                    points.addAll(ThroughputChart.read(file));
                }
                stdout.println(ReportCharts.write(out.resolve("throughput.png"), ThroughputChart.chart(points)));
            }
            if (!rounds.isEmpty()) {
                List<RoundTimeChart.Point> points = new ArrayList<>();
                for (Path file : rounds) {
                    points.add(RoundTimeChart.read(file));
                }
                stdout.println(ReportCharts.write(out.resolve("round-time.png"), RoundTimeChart.chart(points)));
                for (RoundTimeChart.Fit fit : RoundTimeChart.fits(points)) {
                    stdout.printf(
                            Locale.ROOT,
                            "round time %s: %.1f ms per participant + %.2f s (least squares over %d sizes)%n",
                            fit.series(),
                            fit.slopeSPerParticipant() * 1000,
                            fit.interceptS(),
                            fit.points());
                }
            }
        } catch (IOException e) {
            return fail(e.getMessage());
        }
        stdout.flush();
        return ExitCodes.OK;
    }

    private int fail(String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("error: " + message);
        err.flush();
        return ExitCodes.USAGE;
    }
}
