package org.medfed.client.access;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatientRefsTest {

    @TempDir
    Path dir;

    @Test
    void createsTheKeyReadableByItsOwnerOnly() throws Exception {
        Path key = dir.resolve("keys/patients.key");
        PatientRefs.create(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(key).strip()).matches("[0-9a-f]{64}");
    }

    @Test
    void referenceIsTheHmacOfThePatientIdUnderTheKey() throws Exception {
        Path key = dir.resolve("patients.key");
        PatientRefs refs = PatientRefs.create(key);
        byte[] secret = HexFormat.of().parseHex(Files.readString(key).strip());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("P0001".getBytes(UTF_8)));

        assertThat(refs.of("P0001")).isEqualTo(expected).matches("[0-9a-f]{64}");
        assertThat(PatientRefs.load(key).of("P0001")).isEqualTo(expected);
        assertThat(refs.of("P0002")).isNotEqualTo(expected);
    }

    @Test
    void anotherHospitalsKeyGivesAnotherReference() throws Exception {
        assertThat(PatientRefs.create(dir.resolve("a.key")).of("P0001"))
                .isNotEqualTo(PatientRefs.create(dir.resolve("b.key")).of("P0001"));
    }

    @Test
    void neverReplacesAKey() throws Exception {
        Path key = dir.resolve("patients.key");
        PatientRefs.create(key);
        String before = Files.readString(key);
        assertThatThrownBy(() -> PatientRefs.create(key))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("never replaced");
        assertThat(Files.readString(key)).isEqualTo(before);
    }

    @Test
    void refusesAKeyOthersCanRead() throws Exception {
        Path key = dir.resolve("patients.key");
        PatientRefs.create(key);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> PatientRefs.load(key)).hasMessageContaining("chmod 600");
    }

    @Test
    void neverShowsTheKey() throws Exception {
        Path key = dir.resolve("patients.key");
        PatientRefs refs = PatientRefs.create(key);
        assertThat(refs.toString()).doesNotContain(Files.readString(key).strip());
    }
}
