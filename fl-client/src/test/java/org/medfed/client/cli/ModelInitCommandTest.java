package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.train.InitialModel;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ModelSpec;

class ModelInitCommandTest {
    private static final Path SPEC = Path.of("src", "test", "resources", "examples", "task-spec.json");

    @TempDir
    Path root;

    private LedgerCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
    }

    @Test
    void initWritesTheSeededBlobAndPrintsItsHashAndCid() throws Exception {
        Path out = root.resolve("initial.bin");
        int exit =
                cli.run("model", "init", "--spec", SPEC.toString(), "--seed", "42", "--out", out.toString(), "--json");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        ModelSpec model = TaskSpecFile.read(SPEC).model();
        byte[] expected = InitialModel.blob(model, 42);
        assertThat(Files.readAllBytes(out)).isEqualTo(expected);
        JsonObject json = JsonParser.parseString(cli.out()).getAsJsonObject();
        assertThat(json.get("parameters").getAsLong())
                .isEqualTo(model.parameterCount())
                .isEqualTo(530);
        assertThat(json.get("bytes").getAsInt()).isEqualTo(4 * 530);
        assertThat(json.get("sha256").getAsString()).isEqualTo(Hashing.sha256Hex(expected));
        assertThat(json.get("cid").getAsString()).isEqualTo(Cids.rawLeafCidV1(expected));
    }

    @Test
    void initTableNamesTheFieldsForTheSpec() {
        Path out = root.resolve("initial.bin");
        assertThat(cli.run("model", "init", "--spec", SPEC.toString(), "--seed", "7", "--out", out.toString()))
                .isEqualTo(ExitCodes.OK);
        assertThat(cli.field("sha256")).matches("[0-9a-f]{64}");
        assertThat(cli.field("cid")).startsWith("bafkrei");
        assertThat(cli.field("parameters")).isEqualTo("530");
    }

    @Test
    void anUnreadableSpecOrMissingSeedIsAUsageError() throws Exception {
        Path bad = Files.writeString(root.resolve("bad.json"), "{\"id\": 3}");
        assertThat(cli.run(
                        "model",
                        "init",
                        "--spec",
                        bad.toString(),
                        "--seed",
                        "1",
                        "--out",
                        root.resolve("x.bin").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--spec " + bad);
        assertThat(Files.exists(root.resolve("x.bin"))).isFalse();

        assertThat(cli.run("model", "init", "--spec", SPEC.toString(), "--out", "x.bin"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("Missing required option: '--seed=S'");
    }
}
