package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.client.ExitCodes;
import picocli.CommandLine;

class AggregateBenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code args} as typed after {@code medfed}, with the bench command as the root: bench knows no cli. */
    private int run(String... args) {
        assertThat(args[0]).isEqualTo("bench");
        args = Arrays.copyOfRange(args, 1, args.length);
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fedavg", "median", "trimmed-mean", "krum"})
    void tinyRunPrintsEveryFieldAsJson(String strategy) {
        int exit = run(
                "bench",
                "aggregate",
                "--params",
                "64",
                "--clients",
                "5",
                "--strategy",
                strategy,
                "--iterations",
                "3",
                "--warmup",
                "1",
                "--json");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertThat(json.get("strategy").getAsString()).isEqualTo(strategy);
        assertThat(json.get("params").getAsInt()).isEqualTo(64);
        assertThat(json.get("clients").getAsInt()).isEqualTo(5);
        assertThat(json.get("updateBytes").getAsLong()).isEqualTo(5 * 64 * 4);
        assertThat(json.get("threads").getAsInt()).isEqualTo(2);
        for (String field : new String[] {
            "aggregateGBps",
            "readGBps",
            "floatReadGBps",
            "longReadGBps",
            "singleThreadReadGBps",
            "ratio",
            "singleThreadRatio",
            "qualityGBps",
            "peakHeapMiB",
            "inputBlobsMiB"
        }) {
            assertThat(json.get(field).getAsDouble()).as(field).isPositive();
        }
        assertThat(json.has("aggregationHeapMiB")).isTrue();
        assertThat(json.get("inputBlobsMiB").getAsDouble()).isEqualTo(5 * 64 * 4 / (1024.0 * 1024.0));
        assertThat(json.get("bitIdentical").getAsBoolean()).isTrue();
        assertThat(json.get("runsCompared").getAsInt()).isEqualTo(6);
        assertThat(json.get("resultSha256").getAsString()).matches("[0-9a-f]{64}");
    }

    @Test
    void theResultHashDependsOnlyOnTheSeedAndStrategy() {
        run("bench", "aggregate", "--params", "100", "--clients", "3", "--iterations", "1", "--warmup", "0", "--json");
        run("bench", "aggregate", "--params", "100", "--clients", "3", "--iterations", "2", "--warmup", "1", "--json");
        String[] lines = out.toString().split("\\R");
        String first = JsonParser.parseString(lines[0])
                .getAsJsonObject()
                .get("resultSha256")
                .getAsString();
        String second = JsonParser.parseString(lines[1])
                .getAsJsonObject()
                .get("resultSha256")
                .getAsString();
        assertThat(second).isEqualTo(first);
    }

    @Test
    void everyThreadCountGivesTheSameResultAndTheRatioIsToTheReadOnAsManyThreads() {
        String[] hashes = new String[3];
        for (int threads = 1; threads <= 3; threads++) {
            out.getBuffer().setLength(0);
            int exit = run(
                    "bench",
                    "aggregate",
                    "--params",
                    "10000",
                    "--clients",
                    "4",
                    "--threads",
                    Integer.toString(threads),
                    "--iterations",
                    "1",
                    "--warmup",
                    "0",
                    "--json");

            assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
            JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
            assertThat(json.get("threads").getAsInt()).isEqualTo(threads);
            assertThat(json.get("ratio").getAsDouble())
                    .isEqualTo(json.get("aggregateGBps").getAsDouble()
                            / json.get("readGBps").getAsDouble());
            assertThat(json.get("singleThreadRatio").getAsDouble())
                    .isEqualTo(json.get("aggregateGBps").getAsDouble()
                            / json.get("singleThreadReadGBps").getAsDouble());
            assertThat(json.get("singleThreadReadGBps").getAsDouble())
                    .isEqualTo(Math.max(
                            json.get("floatReadGBps").getAsDouble(),
                            json.get("longReadGBps").getAsDouble()));
            hashes[threads - 1] = json.get("resultSha256").getAsString();
        }
        assertThat(hashes[1]).isEqualTo(hashes[0]);
        assertThat(hashes[2]).isEqualTo(hashes[0]);
    }

    @Test
    void printsATableByDefault() {
        int exit = run("bench", "aggregate", "--params", "16", "--clients", "2", "--iterations", "1", "--warmup", "0");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("aggregate benchmark: fedavg, K=2 updates of P=16 float32")
                .contains("aggregation throughput")
                .contains("read bandwidth, 2 threads (best kernel)")
                .contains("ratio (aggregation / read, 2 threads)")
                .contains("ratio (aggregation / best 1-thread read)")
                .contains("quality scores throughput")
                .contains("peak heap during one aggregation")
                .contains("input blobs")
                .containsPattern("bit-identical over 3 runs +yes")
                .containsPattern("result SHA-256 [0-9a-f]{64}");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "--params 0 --clients 2",
                "--params 10 --clients 0",
                "--params 10 --clients 2 --iterations 0",
                "--params 10 --clients 2 --warmup -1",
                "--params 10 --clients 2 --strategy bogus",
                "--params 10 --clients 2 --strategy krum --krum-f -1",
                "--params 10 --clients 2 --threads 0",
                "--params 10 --clients 2 --threads 65",
                "--params ten --clients 2",
                "--clients 2",
                "--params 10 --clients 2 --strategy trimmed-mean --beta 0.5",
                "--params 10 --clients 3 --strategy krum --krum-f 1"
            })
    void badArgumentsExitWithUsage(String args) {
        String[] full = ("bench aggregate " + args).split(" ");

        assertThat(run(full)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).isNotBlank();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void benchAloneShowsUsage() {
        assertThat(run("bench")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("aggregate");
    }
}
