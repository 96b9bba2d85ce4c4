package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.client.ExitCodes;
import picocli.CommandLine;

/** Options and the refusals before any ledger call; the rounds themselves run in BenchRoundIT. */
class RoundBenchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code medfed bench round ARGS}, with the bench command as the root: bench knows no cli. */
    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of("round"));
        all.addAll(Arrays.asList(args));
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(all.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 10000, --participants must be in [1, 1000], got 0",
        "1001, 10000, --participants must be in [1, 1000], got 1001",
        "10, 9, --params must be in [10, 1048576], got 9",
        "10, 1048577, --params must be in [10, 1048576], got 1048577"
    })
    void participantsAndParamsOutOfRangeAreUsageErrors(String k, String p, String message) {
        int exit = run("--participants", k, "--params", p, "--profiles-dir", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains(message);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        int exit = run(
                "--participants",
                "0",
                "--params",
                "10",
                "--rounds",
                "0",
                "--concurrency",
                "0",
                "--round-seconds",
                "10",
                "--tasks",
                "2");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("--participants must be in [1, 1000]")
                .contains("--rounds must be in [1, 1000], got 0")
                .contains("--concurrency must be in [1, 256], got 0")
                .contains("--round-seconds must be in [60, ")
                .contains("--tasks needs --caliper-fixture");
    }

    @Test
    void theFixtureTakesTasksAndNoRounds() {
        int exit = run(
                "--participants",
                "10",
                "--params",
                "10000",
                "--caliper-fixture",
                dir.resolve("f.json").toString(),
                "--rounds",
                "2",
                "--tasks",
                "101");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("--rounds does not go with --caliper-fixture")
                .contains("--tasks must be in [1, 100], got 101");
    }

    @Test
    void aRetentionThatKeepsEveryRoundOrGoesWithTheFixtureIsRefused() {
        int keepsAll = run("--participants", "10", "--params", "10000", "--rounds", "3", "--retention", "3");
        String keepsAllErr = err.toString();
        int withFixture = run(
                "--participants",
                "10",
                "--params",
                "10000",
                "--caliper-fixture",
                dir.resolve("f.json").toString(),
                "--retention",
                "0");

        assertThat(keepsAll).isEqualTo(ExitCodes.USAGE);
        assertThat(keepsAllErr).contains("--retention must be in [0, 2], got 3");
        assertThat(withFixture).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--retention does not go with --caliper-fixture");
    }

    @Test
    void participantsAndParamsAreRequired() {
        assertThat(run("--participants", "10")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--params");
    }

    @Test
    void noNetworkAtTheProfilesFolderIsAUsageErrorSayingHowToStartOne() {
        int exit = run(
                "--participants",
                "10",
                "--params",
                "10000",
                "--profiles-dir",
                dir.resolve("nothing").toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .startsWith("error: no network here")
                .contains("network/network.sh up && network/network.sh deploy");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aNetworkWithoutItsChaincodeServersIsUnavailable() throws Exception {
        Path profiles = BenchNetworkTest.network(dir, "Hospital", "Clinic", "Wearable");

        int exit = run("--participants", "10", "--params", "10000", "--json", "--profiles-dir", profiles.toString());

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(err.toString())
                .contains("runs no chaincode-hospital, chaincode-clinic, chaincode-wearable")
                .contains("network/network.sh deploy");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theHelpNamesTheOptionsAndExitCodes() {
        assertThat(run("--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("--participants=K")
                .contains("--params=P")
                .contains("--caliper-fixture=FILE")
                .contains("--profiles-dir=DIR")
                .contains("4 a round aggregated fewer");
    }
}
