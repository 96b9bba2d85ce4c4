package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.client.ExitCodes;
import picocli.CommandLine;

class SecAggBenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code bench secagg args}, with the bench command as the root: bench knows no cli. */
    private int run(String args) {
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(("secagg " + args).split(" "));
    }

    @Test
    void tinyRoundsPrintEveryFigureAndUnmaskTheSum() {
        int exit = run("--participants 4,5 --params 64 --dropouts 1 --repeats 1");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("K=4, P=64 (mlp ")
                .contains("K=5, P=64 (mlp ")
                .contains("k=2, t=2, 1 dropout(s), 3 survivors")
                // a masked blob: 12-byte header + 4·64 bytes
                .containsPattern("upload per survivor +268 B masked blob \\+ \\d+ B records = \\d+ B")
                .contains("ledger per round (canonical JSON)")
                .contains("client: share generation (median)")
                .contains("client: masking (median)")
                .contains("chaincode: secure aggregation (median of 1)")
                .contains("chaincode: aggregation of 4 float32 in clear")
                .contains("ratio secure / clear")
                .contains("peak heap, one secure aggregation")
                .containsPattern("unmasked sum = sum of inputs; runs identical +yes; yes")
                .contains("| K | P | upload/survivor: blob + records |")
                .containsPattern("\\| 5 \\| 64 \\| \\d+ B: 268 \\+ \\d+ \\| \\d+ B \\|")
                .contains("goal (issue 13): unmasking in chaincode costs less than the aggregation of the same updates"
                        + " in clear at K = 10, P = 10^6: not measured");
    }

    @Test
    void theGoalIsJudgedOnCpuTime() {
        assertThat(SecAggBenchCommand.goalVerdict(
                        new Stopwatch.Median(120.0, 80.0), new Stopwatch.Median(110.0, 100.0)))
                .isEqualTo("met (CPU 80.0 < 100.0 ms; wall 120.0 vs 110.0 ms)");
        assertThat(SecAggBenchCommand.goalVerdict(
                        new Stopwatch.Median(90.0, 100.0), new Stopwatch.Median(110.0, 100.0)))
                .isEqualTo("NOT met (CPU 100.0 >= 100.0 ms; wall 90.0 vs 110.0 ms)");
    }

    @Test
    void recordBytesDependOnlyOnTheSeed() {
        run("--participants 4 --params 32 --repeats 1 --warmup 0");
        run("--participants 4 --params 32 --repeats 1 --warmup 0");
        String[] lines = out.toString().split("\\R");
        List<String> ledger = Arrays.stream(lines)
                .filter(line -> line.contains("ledger per round"))
                .toList();
        assertThat(ledger).hasSize(2);
        assertThat(ledger.get(1)).isEqualTo(ledger.get(0));
    }

    @Test
    void everyPIsAnMlpsExactParameterCount() {
        for (long p : new long[] {6, 21, 22, 64, 100_000, 1_000_000, 999_999}) {
            long[] shape = SecAggBenchCommand.mlp(p);
            // in·h + h + h·c + c
            assertThat(shape[0] * shape[1] + shape[1] + shape[1] * shape[2] + shape[2])
                    .as("P = %d", p)
                    .isEqualTo(p);
        }
        // the widest hidden layer ≤ √(P − 10) dividing P − 10 = 99 990 = 2·3²·5·11·101 is 303: 319·303 + 303 + 3030 +
        // 10
        assertThat(SecAggBenchCommand.mlp(100_000)).containsExactly(319, 303, 10);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--params 5",
                "--participants 2",
                "--participants 3 --dropouts 2",
                "--neighbours 3",
                "--dropouts -1",
                "--repeats 0",
                "--warmup -1",
                "--participants 4 --threshold 4",
                "--participants 10 --neighbours 4 --dropouts 3",
                "--params ten"
            })
    void badArgumentsExitWithUsage(String args) {
        assertThat(run(args)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isNotBlank();
        assertThat(out.toString()).isEmpty();
    }
}
