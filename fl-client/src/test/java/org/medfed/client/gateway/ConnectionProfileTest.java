package org.medfed.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionProfileTest {

    @TempDir
    Path root;

    @Nested
    class Load {
        @Test
        void readsEveryKeyAndResolvesPathsAgainstTheFilesDirectory() throws Exception {
            Path file = ProfileFixtures.write(
                    root, "hospital-admin.properties", ProfileFixtures.validKeys("hospital", "HospitalMSP", 7051));

            ConnectionProfile profile = ConnectionProfile.load(file);

            assertThat(profile.source()).isEqualTo(file.toAbsolutePath());
            assertThat(profile.name()).isEqualTo("hospital-admin");
            assertThat(profile.mspId()).isEqualTo("HospitalMSP");
            assertThat(profile.peerEndpoint()).isEqualTo("127.0.0.1:7051");
            assertThat(profile.tlsCaCert())
                    .isEqualTo(root.resolve("pki/cert.pem").toAbsolutePath());
            assertThat(profile.certificate())
                    .isEqualTo(root.resolve("pki/cert.pem").toAbsolutePath());
            assertThat(profile.privateKey())
                    .isEqualTo(root.resolve("pki/key.pem").toAbsolutePath());
            assertThat(profile.channel()).isEqualTo("medfed");
            assertThat(profile.chaincode()).isEqualTo("medfed");
            assertThat(profile.ipfsApi()).isEqualTo(URI.create("http://127.0.0.1:7055"));
        }

        @Test
        void keepsAbsolutePaths() throws Exception {
            Map<String, String> keys = ProfileFixtures.validKeys("hospital", "HospitalMSP", 7051);
            ProfileFixtures.write(root, "tmp.properties", keys);
            keys.put("privateKey", root.resolve("pki/key.pem").toAbsolutePath().toString());

            ConnectionProfile profile =
                    ConnectionProfile.load(ProfileFixtures.write(root, "hospital-admin.properties", keys));

            assertThat(profile.privateKey())
                    .isEqualTo(root.resolve("pki/key.pem").toAbsolutePath());
        }

        @Test
        void explainsAMissingFile() {
            assertThatThrownBy(() -> ConnectionProfile.load(root.resolve("nobody-admin.properties")))
                    .isInstanceOf(ProfileException.class)
                    .hasMessageContaining("no connection profile at " + root.resolve("nobody-admin.properties"))
                    .hasMessageContaining("network/network.sh up");
        }
    }

    @Nested
    class Validation {
        @Test
        void namesEveryMissingKeyWithAnExample() throws Exception {
            Map<String, String> keys = ProfileFixtures.validKeys("hospital", "HospitalMSP", 7051);
            keys.remove("mspId");
            keys.remove("channel");

            assertThatThrownBy(() -> load(keys))
                    .isInstanceOf(ProfileException.class)
                    .hasMessageContaining("hospital-admin.properties is invalid")
                    .hasMessageContaining("missing key 'mspId' (for example mspId=HospitalMSP)")
                    .hasMessageContaining("missing key 'channel' (for example channel=medfed)");
        }

        @Test
        void pointsOutAWronglyCasedKey() throws Exception {
            Map<String, String> keys = ProfileFixtures.validKeys("hospital", "HospitalMSP", 7051);
            keys.put("mspID", keys.remove("mspId"));

            assertThatThrownBy(() -> load(keys)).hasMessageContaining("found 'mspID' but keys are case-sensitive");
        }

        @Test
        void treatsABlankValueAsMissing() throws Exception {
            Map<String, String> keys = ProfileFixtures.validKeys("hospital", "HospitalMSP", 7051);
            keys.put("chaincode", "  ");

            assertThatThrownBy(() -> load(keys)).hasMessageContaining("missing key 'chaincode'");
        }

        @Test
        void requiresHostAndPortForThePeer() throws Exception {
            Map<String, String> keys = ProfileFixtures.validKeys("hospital", "HospitalMSP", 7051);
            keys.put("peerEndpoint", "grpcs://127.0.0.1");

            assertThatThrownBy(() -> load(keys))
                    .hasMessageContaining("key 'peerEndpoint' must be host:port "
                            + "(for example peerEndpoint=127.0.0.1:7051), got 'grpcs://127.0.0.1'");
        }

        @Test
        void namesAMissingPemFileAndWhereRelativePathsResolve() throws Exception {
            Map<String, String> keys = ProfileFixtures.validKeys("hospital", "HospitalMSP", 7051);
            keys.put("certificate", "../pki/missing.pem");

            assertThatThrownBy(() -> load(keys))
                    .hasMessageContaining("key 'certificate' points to " + root.resolve("pki/missing.pem")
                            + ", which does not exist (relative paths resolve against " + root.resolve("profiles"));
        }

        @Test
        void requiresAnHttpUrlForIpfs() throws Exception {
            Map<String, String> keys = ProfileFixtures.validKeys("hospital", "HospitalMSP", 7051);
            keys.put("ipfsApi", "127.0.0.1:7055");

            assertThatThrownBy(() -> load(keys))
                    .hasMessageContaining("key 'ipfsApi' must be an http URL with host and port "
                            + "(for example ipfsApi=http://127.0.0.1:7055), got '127.0.0.1:7055'");
        }

        private ConnectionProfile load(Map<String, String> keys) throws Exception {
            return ConnectionProfile.load(ProfileFixtures.write(root, "hospital-admin.properties", keys));
        }
    }

    private void writeAdmin(String org, String mspId, int port) throws Exception {
        ProfileFixtures.write(root, org + "-admin.properties", ProfileFixtures.validKeys(org, mspId, port));
    }

    @Nested
    class ListProfiles {
        @Test
        void sortsByName() throws Exception {
            writeAdmin("wearable", "WearableMSP", 9051);
            writeAdmin("clinic", "ClinicMSP", 8051);
            writeAdmin("hospital", "HospitalMSP", 7051);
            Files.writeString(root.resolve("profiles/README.txt"), "not a profile");

            assertThat(ConnectionProfiles.list(root.resolve("profiles")))
                    .extracting(ConnectionProfile::name)
                    .containsExactly("clinic-admin", "hospital-admin", "wearable-admin");
        }

        @Test
        void filtersByGlob() throws Exception {
            writeAdmin("clinic", "ClinicMSP", 8051);
            Map<String, String> user = ProfileFixtures.validKeys("clinic", "ClinicMSP", 8051);
            user.put("name", "clinic-user1");
            ProfileFixtures.write(root, "clinic-user1.properties", user);

            assertThat(ConnectionProfiles.list(root.resolve("profiles"), "*-admin.properties"))
                    .extracting(ConnectionProfile::name)
                    .containsExactly("clinic-admin");
        }

        @Test
        void explainsAMissingDirectory() {
            assertThatThrownBy(() -> ConnectionProfiles.list(root.resolve("nowhere")))
                    .isInstanceOf(ProfileException.class)
                    .hasMessageContaining("no profiles directory at " + root.resolve("nowhere"))
                    .hasMessageContaining("network/network.sh up");
        }
    }
}
