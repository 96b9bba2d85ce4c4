package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.client.ExitCodes;

class PrivacyEpsilonCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
    }

    @Test
    void withoutSamplingMatchesTheClosedFormOfThePlainGaussian() {
        // q = 1: RDP(α) = T·α/(2σ²) exactly, so CLASSIC gives ε(α) = 10α/8 + ln(1e5)/(α − 1); over the integer
        // orders 2…64 the minimum is at α = 4: 5 + ln(1e5)/3 = 8.83764…
        StringBuilder orders = new StringBuilder();
        double best = Double.POSITIVE_INFINITY;
        int bestOrder = 0;
        for (int alpha = 2; alpha <= 64; alpha++) {
            orders.append(alpha == 2 ? "" : ",").append(alpha);
            double epsilon = 10 * alpha / (2 * 2.0 * 2.0) + Math.log(1e5) / (alpha - 1);
            if (epsilon < best) {
                best = epsilon;
                bestOrder = alpha;
            }
        }
        assertThat(bestOrder).isEqualTo(4);

        int exit = cli.run(
                "privacy",
                "epsilon",
                "--sampling-rate",
                "1",
                "--noise-multiplier",
                "2",
                "--steps",
                "10",
                "--delta",
                "1e-5",
                "--conversion",
                "classic",
                "--orders",
                orders.toString(),
                "--json");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        JsonObject json = JsonParser.parseString(cli.out()).getAsJsonObject();
        assertThat(json.get("epsilon").getAsDouble()).isCloseTo(best, within(1e-12));
        assertThat(json.get("bestOrder").getAsDouble()).isEqualTo(4.0);
        assertThat(json.get("orders").getAsJsonArray()).hasSize(63);
    }

    @Test
    void tableWithTheDefaultGridReproducesTheTfPrivacyMnistFigure() {
        // docs/privacy.md: q = 256/60000, σ = 1.1, 60 epochs = 14,063 steps gives ε = 2.597 at α = 8 (IMPROVED),
        // agreeing with Opacus 1.6.0 (RdpAccountantReferenceTest).
        int exit = cli.run(
                "privacy",
                "epsilon",
                "--sampling-rate",
                "0.004266666666666667",
                "--noise-multiplier",
                "1.1",
                "--steps",
                "14063",
                "--delta",
                "1e-5");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.field("epsilon")).startsWith("2.597");
        assertThat(cli.field("best order")).isEqualTo("8");
        assertThat(cli.field("conversion")).isEqualTo("improved");
        assertThat(cli.field("orders")).isEqualTo("110 (default grid)");
    }

    @Test
    void zeroStepsCostOnlyTheConversionTerm() {
        assertThat(cli.run(
                        "privacy",
                        "epsilon",
                        "--sampling-rate",
                        "0.1",
                        "--noise-multiplier",
                        "1",
                        "--steps",
                        "0",
                        "--delta",
                        "1e-5",
                        "--json"))
                .isEqualTo(ExitCodes.OK);
        // docs/privacy.md: 0.0084 with IMPROVED at δ = 1e-5 on the default grid
        assertThat(JsonParser.parseString(cli.out())
                        .getAsJsonObject()
                        .get("epsilon")
                        .getAsDouble())
                .isCloseTo(0.0084, within(5e-5));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--sampling-rate|0|--noise-multiplier|1|--delta|1e-5|--sampling-rate must be in (0, 1], got 0",
                "--sampling-rate|1.5|--noise-multiplier|1|--delta|1e-5|--sampling-rate must be in (0, 1], got 1.5",
                "--sampling-rate|0.1|--noise-multiplier|0|--delta|1e-5|--noise-multiplier must be positive, got 0",
                "--sampling-rate|0.1|--noise-multiplier|1|--delta|1|--delta must be in (0, 1), got 1",
                "--sampling-rate|0.1|--noise-multiplier|abc|--delta|1e-5|--noise-multiplier",
            })
    void badValuesAreUsageErrorsThatNameTheOption(
            String o1, String v1, String o2, String v2, String o3, String v3, String message) {
        int exit = cli.run("privacy", "epsilon", o1, v1, o2, v2, o3, v3, "--steps", "10");
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains(message);
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void badConversionOrdersAndStepsAreReportedTogether() {
        int exit = cli.run(
                "privacy",
                "epsilon",
                "--sampling-rate",
                "0.1",
                "--noise-multiplier",
                "1",
                "--steps",
                "-1",
                "--delta",
                "1e-5",
                "--conversion",
                "exact",
                "--orders",
                "3,2");
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err())
                .contains("--steps must be at least 0, got -1")
                .contains("--conversion must be classic or improved, got \"exact\"")
                .contains("--orders: orders must be strictly increasing");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        assertThat(cli.run("privacy", "epsilon", "--sampling-rate", "0.1")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("Missing required options");
    }
}
