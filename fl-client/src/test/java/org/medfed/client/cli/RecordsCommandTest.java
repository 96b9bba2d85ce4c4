package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.access.PatientRefs;
import picocli.CommandLine;

class RecordsCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int medfed(String... args) {
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void keyCreatesAnOwnerOnlyKeyAndRefPrintsTheReferencesItMakes() throws Exception {
        Path key = dir.resolve("hospital.key");

        assertThat(medfed("records", "key", key.toString())).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(out.toString()).doesNotContain(Files.readString(key).strip());

        assertThat(medfed("records", "ref", "--key", key.toString(), "P0001", "P0002"))
                .as(err.toString())
                .isEqualTo(ExitCodes.OK);
        PatientRefs refs = PatientRefs.load(key);
        assertThat(out.toString()).contains("P0001 " + refs.of("P0001")).contains("P0002 " + refs.of("P0002"));
    }

    @Test
    void keyNeverReplacesAnExistingKey() throws Exception {
        Path key = dir.resolve("hospital.key");
        assertThat(medfed("records", "key", key.toString())).isEqualTo(ExitCodes.OK);
        String before = Files.readString(key);

        assertThat(medfed("records", "key", key.toString())).isNotEqualTo(ExitCodes.OK);

        assertThat(err.toString()).contains("never replaced");
        assertThat(Files.readString(key)).isEqualTo(before);
    }

    @Test
    void refRefusesAKeyOthersCanRead() throws Exception {
        Path key = dir.resolve("hospital.key");
        assertThat(medfed("records", "key", key.toString())).isEqualTo(ExitCodes.OK);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(medfed("records", "ref", "--key", key.toString(), "P0001")).isNotEqualTo(ExitCodes.OK);

        assertThat(err.toString()).contains("chmod 600");
    }
}
