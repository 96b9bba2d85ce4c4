package org.medfed.client.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.common.model.Role;

class NodeConfigsTest {

    @TempDir
    Path dir;

    private FederationMember member() {
        ConnectionProfile user = new ConnectionProfile(
                dir.resolve("hospital-user1.properties"),
                "hospital-user1",
                "HospitalMSP",
                "127.0.0.1:7051",
                dir.resolve("tls-ca.pem"),
                dir.resolve("cert.pem"),
                dir.resolve("keystore/priv_sk"),
                "medfed",
                "medfed",
                URI.create("http://127.0.0.1:7055"));
        return new FederationMember("Hospital", Role.HOSPITAL, user, user, "hospital-wdbc");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private Path write(Path file) throws Exception {
        return NodeConfigs.write(
                file,
                member(),
                dir.resolve("hospital.csv"),
                dir.resolve("mapping.json"),
                List.of("wdbc"),
                dir.resolve("home/work"),
                FederationOptions.wdbcDemo("wdbc"),
                null);
    }

    @Test
    void aNodesConfigurationNamesItsPrivateKeyAndOnlyItsOwnerMayReadIt() throws Exception {
        Path file = write(dir.resolve("home/client.yaml"));

        assertThat(Files.readString(file)).contains("privateKey: '" + dir.resolve("keystore/priv_sk") + "'");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("home"))).isEqualTo("rwx------");
    }

    @Test
    void aConfigurationWrittenAgainOverAReadableOneIsItsOwnersOnly() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path file = Files.writeString(home.resolve("client.yaml"), "# an older configuration\n");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        write(file);

        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(home)).isEqualTo("rwx------");
        assertThat(Files.readString(file)).doesNotContain("an older configuration");
    }
}
