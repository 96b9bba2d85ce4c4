package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.SchemaMapping;
import picocli.CommandLine;

class DataCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void checkShowsWhatOneSiteWouldTrainOn() throws Exception {
        Path mapping = repo("fl-client/src/main/resources/examples/mapping-heart-disease-4sites.json");
        Path csv = repo("data/heart_disease_uci_4sites.csv");
        SchemaMapping expected = SchemaMapping.load(mapping);
        int kept = expected.apply(CsvReader.read(csv), "hungarian").rowCount();

        int exit = run(
                "data",
                "check",
                "--csv",
                csv.toString(),
                "--mapping",
                mapping.toString(),
                "--partition",
                "hungarian",
                "--validation",
                "0.25",
                "--seed",
                "3",
                "--json");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertThat(json.get("mappingSha256").getAsString()).isEqualTo(expected.fingerprint());
        assertThat(json.get("rowsKept").getAsInt()).isEqualTo(kept);
        assertThat(json.get("train").getAsInt() + json.get("validation").getAsInt())
                .isEqualTo(kept);
        assertThat(json.getAsJsonArray("features"))
                .hasSize(expected.featureNames().size());
    }

    @Test
    void checkReportsABadTableAsAUsageErrorNamingTheLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("bad.csv"), "a,b\n1,2,3\n");

        int exit = run(
                "data",
                "check",
                "--csv",
                csv.toString(),
                "--mapping",
                repo("fl-client/src/main/resources/examples/mapping-wdbc.json").toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("error: " + csv + ", line 2: 3 fields, but the header has 2 columns");
    }

    @Test
    void statsPrintsAScalingBlockTheMappingAccepts() throws Exception {
        Path mapping = repo("fl-client/src/main/resources/examples/mapping-maternal-health-risk.json");

        int exit = run(
                "data",
                "stats",
                "--csv",
                repo("data/maternal_health_risk.csv").toString(),
                "--mapping",
                mapping.toString(),
                "--method",
                "min-max");

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        String block = out.toString().strip();
        String original = Files.readString(mapping);
        int start = original.indexOf("\"scaling\"");
        String replaced = original.substring(0, start) + "\"scaling\": " + block + "\n}\n";
        SchemaMapping pinned = SchemaMapping.parse(replaced, "pinned");
        assertThat(pinned.scaling().method().key()).isEqualTo("min-max");
        assertThat(pinned.scaling().stats().get("Age").first()).isEqualTo(10.0);
        assertThat(pinned.scaling().stats().get("Age").second()).isEqualTo(70.0);
    }

    @Test
    void statsRefusesAnUnknownMethod() {
        int exit = run("data", "stats", "--csv", "x.csv", "--mapping", "m.json", "--method", "median");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--method must be z-score or min-max, got median");
    }

    @Test
    void helpExitsZeroAndAMissingOptionIsAUsageError() {
        assertThat(run("data", "check", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Usage: medfed data check");
        assertThat(run("data", "stats", "--csv", "x.csv")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Missing required option: '--mapping=FILE'");
    }

    private int run(String... args) {
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static Path repo(String path) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(path))) {
                return d.resolve(path);
            }
        }
        throw new IllegalStateException(path + " not found");
    }
}
