package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.medfed.client.ExitCodes;
import picocli.CommandLine;

class SimulateSecureAggregationTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void secureAggregationReportsTheSecureArmAndCentralizedDpSgdWithTheSameSteps() {
        int exit = run(
                "--rounds",
                "20",
                "--lr",
                "1",
                "--seeds",
                "1",
                "--dp-epsilon",
                "3",
                "--secure-aggregation",
                "--sampling-rate",
                "0.5",
                "--min-survivors",
                "2");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains(
                        "each round runs on the simulated ledger's chaincode",
                        "q 0.5, 20 rounds, η 1",
                        "grid 2^13 per C, n_min 2 of 3 survivors (noise added: σ·1.225)",
                        "coordinates beyond it 0",
                        "FedAvg + secure aggregation, n_min 2",
                        "centralized DP-SGD, same q, steps, η, σ");
        // the learned model beats guessing the majority class (63% of WDBC is benign)
        String line = out.toString()
                .lines()
                .filter(l -> l.startsWith("FedAvg + secure aggregation"))
                .findFirst()
                .orElseThrow();
        double accuracy = Double.parseDouble(line.substring(52).trim().split(" ")[0]);
        assertThat(accuracy).isGreaterThan(0.9);
    }

    @Test
    void secureAggregationWithoutDpIsAUsageError() {
        assertThat(run("--rounds", "2", "--seeds", "1", "--secure-aggregation")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--dp-epsilon or --noise-multiplier");
    }

    @Test
    void moreSurvivorsRequiredThanSitesIsAUsageError() {
        assertThat(run(
                        "--rounds",
                        "2",
                        "--seeds",
                        "1",
                        "--dp-epsilon",
                        "3",
                        "--secure-aggregation",
                        "--min-survivors",
                        "4"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--min-survivors 4 is more than the 3 sites");
    }

    private int run(String... args) {
        String[] command = new String[args.length + 5];
        command[0] = "simulate";
        command[1] = "--data";
        command[2] =
                Path.of("..", "data", "breast_cancer_wisconsin_diagnostic.csv").toString();
        command[3] = "--label";
        command[4] = "diagnosis";
        System.arraycopy(args, 0, command, 5, args.length);
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        PrintWriter o = new PrintWriter(out);
        PrintWriter e = new PrintWriter(err);
        cli.setOut(o);
        cli.setErr(e);
        int exit = cli.execute(command);
        o.flush();
        e.flush();
        return exit;
    }
}
