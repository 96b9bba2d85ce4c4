package org.medfed.client.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.access.RecordsSettings;
import org.medfed.client.data.TabularDataset;
import org.medfed.common.model.Role;

class ClientConfigTest {

    @TempDir
    Path root;

    @Test
    void loadsTheHospitalExampleOnceItsFilesExist() throws Exception {
        Path file = deploy("client-hospital.yaml");

        ClientConfig config = ClientConfig.load(file);

        assertThat(config.role()).isEqualTo(Role.HOSPITAL);
        assertThat(config.connection().mspId()).isEqualTo("HospitalMSP");
        assertThat(config.connection().peerEndpoint()).isEqualTo("127.0.0.1:7051");
        assertThat(config.connection().certificate()).isEqualTo(root.resolve("etc/hospital/msp/signcerts/cert.pem"));
        assertThat(config.connection().ipfsApi()).isEqualTo(URI.create("http://127.0.0.1:7055"));
        assertThat(config.connection().channel()).isEqualTo("medfed");
        assertThat(config.tlsHostOverride()).contains("peer0.hospital.medfed.local");
        assertThat(config.tasks()).containsExactly("fed-heart-disease");
        assertThat(config.workDir()).isEqualTo(root.resolve("var/hospital"));
        assertThat(config.limits()).isEqualTo(new ClientConfig.Limits(8.0, 5, false));
        ClientConfig.CsvSource data = (ClientConfig.CsvSource) config.data();
        assertThat(data.partition()).contains("cleveland");
        assertThat(data.validationFraction()).isEqualTo(0.2);
        assertThat(data.datasetId()).isEqualTo("heart-cleveland");
    }

    @Test
    void theDatasetIdIsRequiredAndMustBeALedgerId() throws Exception {
        Path missing = deploy("client-hospital.yaml");
        Files.writeString(missing, Files.readString(missing).replaceAll("(?m)^  datasetId:.*\n", ""));
        Path bad = deploy("client-clinic.yaml");
        Files.writeString(bad, Files.readString(bad).replace("datasetId: heart-hungary", "datasetId: heart hungary"));

        assertThatThrownBy(() -> ClientConfig.load(missing))
                .hasMessageContaining("missing key 'data.datasetId' (for example datasetId: wdbc-hospital)");
        assertThatThrownBy(() -> ClientConfig.load(bad))
                .hasMessageContaining("key 'data.datasetId' must be the id the dataset was registered under");
    }

    @Test
    void theHospitalReadsOnlyItsPartitionOfTheTable() throws Exception {
        ClientConfig config = ClientConfig.load(deploy("client-hospital.yaml"));
        ClientConfig.CsvSource data = (ClientConfig.CsvSource) config.data();

        TabularDataset rows = data.read(config.workDir());

        TabularDataset whole = data.mapping().apply(org.medfed.client.data.CsvReader.read(data.csv()));
        assertThat(rows.rowCount()).isPositive().isLessThan(whole.rowCount());
        assertThat(rows.rowCount())
                .isEqualTo(data.mapping()
                        .apply(org.medfed.client.data.CsvReader.read(data.csv()), "cleveland")
                        .rowCount());
    }

    @Test
    void loadsTheClinicExample() throws Exception {
        ClientConfig config = ClientConfig.load(deploy("client-clinic.yaml"));

        assertThat(config.role()).isEqualTo(Role.CLINIC);
        assertThat(((ClientConfig.CsvSource) config.data()).partition()).contains("hungarian");
        assertThat(config.limits().maxEpsilon()).isEqualTo(4.0);
    }

    @Test
    void loadsTheWearableExampleAndReadsItsInbox() throws Exception {
        Path file = deploy("client-wearable.yaml");
        Files.writeString(
                root.resolve("var/inbox/watch-1.csv"),
                "device,timestamp,Age,SystolicBP,DiastolicBP,BS,BodyTemp,HeartRate,RiskLevel\n"
                        + "watch-1,1700000000,25,130,80,15,98,86,high risk\n");

        ClientConfig config = ClientConfig.load(file);
        ClientConfig.InboxSource data = (ClientConfig.InboxSource) config.data();

        assertThat(config.role()).isEqualTo(Role.WEARABLE_GATEWAY);
        assertThat(data.window().maxRows()).isEqualTo(5000);
        assertThat(data.window().timestampColumn()).contains("timestamp");
        assertThat(data.read(config.workDir()).labels()).containsExactly(2);
    }

    @Test
    void collectsEveryProblemAtOnceNamingTheKeyAndTheFix() throws Exception {
        Path file = deploy("client-hospital.yaml");
        String text = Files.readString(file)
                .replace("role: hospital", "role: hopsital")
                .replace("endpoint: 127.0.0.1:7051", "endpoint: 127.0.0.1")
                .replace("ipfsApi: http://127.0.0.1:7055", "ipfsApi: 127.0.0.1:7055")
                .replace("maxEpsilon: 8.0", "maxEpsilon: -1")
                .replace("maxEpochs: 5", "maxEpochs: five")
                .replace("channel: medfed", "chanel: medfed")
                .replace("validationFraction: 0.2", "validationFraction: 1.5");
        Files.writeString(file, text);
        Files.delete(root.resolve("etc/hospital/tls/ca.crt"));

        assertThatThrownBy(() -> ClientConfig.load(file))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "unknown key 'chanel' (did you mean 'channel'? allowed here: role, mspId, identity, peer, "
                                                + "channel, chaincode, ipfsApi, data, tasks, workDir, limits, records, subset, storage)",
                                        "key 'role' must be hospital, clinic or wearable-gateway (the roles that hold data and "
                                                + "train), got 'hopsital'",
                                        "key 'peer.endpoint' must be host:port (for example 127.0.0.1:7051), got '127.0.0.1'",
                                        "key 'peer.tlsCaCert' points to " + root.resolve("etc/hospital/tls/ca.crt")
                                                + ", which does not exist (relative paths resolve against "
                                                + root.resolve("conf")
                                                + ")",
                                        "missing key 'channel' (for example channel: medfed)",
                                        "key 'ipfsApi' must be the Kubo RPC API as an http URL with host and port (for example "
                                                + "http://127.0.0.1:7055), got '127.0.0.1:7055'",
                                        "key 'data.validationFraction' must be at least 0 and below 1 (for example 0.2), got 1.5",
                                        "key 'limits.maxEpsilon' must be a positive, finite ε (for example 8.0), got -1.0",
                                        "key 'limits.maxEpochs' must be a whole number, got 'five'"))
                .hasMessageStartingWith("client configuration " + file + " is invalid:\n  - ");
    }

    @Test
    void tasksWithoutDpAreRefusedUnlessTheLimitsAllowThemExplicitly() throws Exception {
        Path allowing = deploy("client-hospital.yaml");
        Files.writeString(
                allowing,
                Files.readString(allowing).replace("  maxEpochs: 5", "  maxEpochs: 5\n  allowTasksWithoutDp: true"));
        Path wrong = deploy("client-wearable.yaml");
        Files.writeString(
                wrong,
                Files.readString(wrong).replace("  maxEpochs: 2", "  maxEpochs: 2\n  allowTasksWithoutDp: sometimes"));

        assertThat(ClientConfig.load(deploy("client-clinic.yaml")).limits().allowTasksWithoutDp())
                .isFalse();
        assertThat(ClientConfig.load(allowing).limits().allowTasksWithoutDp()).isTrue();
        assertThatThrownBy(() -> ClientConfig.load(wrong))
                .hasMessageContaining("key 'limits.allowTasksWithoutDp' must be true or false, got 'sometimes'");
    }

    @Test
    void refusesKeysThatBelongToAnotherRole() throws Exception {
        Path wearable = deploy("client-wearable.yaml");
        Files.writeString(wearable, Files.readString(wearable).replace("data:\n", "data:\n  csv: x.csv\n"));
        Path hospital = deploy("client-hospital.yaml");
        Files.writeString(hospital, Files.readString(hospital).replace("data:\n", "data:\n  inbox: /tmp\n"));

        assertThatThrownBy(() -> ClientConfig.load(wearable))
                .hasMessageContaining(
                        "key 'data.csv' does not apply to this role: a wearable gateway reads device files from 'data.inbox'");
        assertThatThrownBy(() -> ClientConfig.load(hospital))
                .hasMessageContaining(
                        "key 'data.inbox' does not apply to this role: only a wearable-gateway reads an inbox");
    }

    @Test
    void checksTheWearableWindowAndInbox() throws Exception {
        Path file = deploy("client-wearable.yaml");
        Files.writeString(file, Files.readString(file).replace("maxRows: 5000", "maxRows: -3"));
        Files.delete(root.resolve("var/inbox"));

        assertThatThrownBy(() -> ClientConfig.load(file))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .containsExactlyInAnyOrder(
                                        "key 'data.inbox' points to " + root.resolve("var/inbox")
                                                + ", which does not exist: create "
                                                + "it (devices drop their files there) or fix the path",
                                        "key 'data.window.maxRows' must be a positive number of readings to keep, got -3"));
    }

    @Test
    void reportsAMappingThatCannotBeUsedOrHasNoPartitionColumn() throws Exception {
        Path file = deploy("client-hospital.yaml");
        Path mapping = root.resolve("var/data/mapping-heart-disease-4sites.json");
        Files.writeString(
                mapping,
                Files.readString(mapping)
                        .replace("\"partition\": {\"column\": \"site\"},", "")
                        .replace(
                                "\"drop\": [\"slope\", \"ca\", \"thal\"]",
                                "\"drop\": [\"slope\", \"ca\", \"thal\", \"site\"]"));

        assertThatThrownBy(() -> ClientConfig.load(file))
                .hasMessageContaining(
                        "key 'data.partition' is set but mapping " + mapping + " declares no 'partition' column");

        Files.writeString(mapping, "{\"name\": \"x\"}");
        assertThatThrownBy(() -> ClientConfig.load(file))
                .hasMessageContaining(
                        "key 'data.mapping' points to a schema mapping that cannot be used: schema mapping " + mapping
                                + " is invalid: ");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirPosition() throws Exception {
        Path file = root.resolve("bad.yaml");
        Files.writeString(file, "role: hospital\npeer:\n  endpoint: [oops\n");

        assertThatThrownBy(() -> ClientConfig.load(file))
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("line 3");
    }

    @Test
    void saysWhereTheExamplesAreWhenTheFileDoesNotExist() {
        assertThatThrownBy(() -> ClientConfig.load(root.resolve("nope.yaml")))
                .hasMessageContaining("there is no such file")
                .hasMessageContaining("examples/client-*.yaml");
    }

    @Test
    void refusesADuplicateKey() throws Exception {
        Path file = root.resolve("dup.yaml");
        Files.writeString(file, "role: hospital\nrole: clinic\n");

        assertThatThrownBy(() -> ClientConfig.load(file))
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("duplicate key role");
    }

    @Test
    void refusesAnEmptyFileListingTheRequiredKeys() throws Exception {
        Path file = root.resolve("empty.yaml");
        Files.writeString(file, "");

        assertThatThrownBy(() -> ClientConfig.load(file))
                .isInstanceOfSatisfying(
                        ConfigException.class,
                        e -> assertThat(e.problems())
                                .contains(
                                        "the file must be a YAML mapping of keys (role: hospital, mspId: ..., ...), got an "
                                                + "empty file",
                                        "missing key 'identity.certificate' (for example certificate: "
                                                + "relative/to/this/file.pem)",
                                        "missing key 'limits.maxEpsilon' (for example " + "maxEpsilon: 8.0)"));
    }

    @Test
    void readsTheRecordsBlockToServeAndAttest() throws Exception {
        Path file = withRecords("""
                records:
                  patients: patients.csv
                  key: patients.key
                  serve:
                    port: 7443
                    cas:
                      HospitalMSP: ca-hospital.pem
                      ClinicMSP: ca-clinic.pem
                  attest:
                    task: fed-heart-disease
                    ttlSeconds: 3600
                """);

        ClientConfig.Records records = ClientConfig.load(file).records().orElseThrow();

        assertThat(records.patients()).isEqualTo(file.resolveSibling("patients.csv"));
        RecordsSettings serve = records.serve().orElseThrow();
        assertThat(serve.port()).isEqualTo(7443);
        assertThat(serve.cas()).containsOnlyKeys("ClinicMSP", "HospitalMSP");
        assertThat(serve.releaseLog()).isEqualTo(root.resolve("var/hospital/records/releases.jsonl"));
        assertThat(records.attest()).contains(new ClientConfig.Attest("fed-heart-disease", 3600));
    }

    @Test
    void theRecordsBlockIsOptionalAndCheckedWhenPresent() throws Exception {
        assertThat(ClientConfig.load(deploy("client-hospital.yaml")).records()).isEmpty();
        Path file = withRecords("""
                records:
                  patients: patients.csv
                  key: missing.key
                  serve:
                    port: 0
                  attest:
                    task: another-task
                """);

        assertThatThrownBy(() -> ClientConfig.load(file))
                .hasMessageContaining("create it with `medfed records key")
                .hasMessageContaining("key 'records.serve.port' must be a TCP port")
                .hasMessageContaining("key 'records.serve.cas' must map each consortium organisation")
                .hasMessageContaining("which is not in 'tasks'");
    }

    @Test
    void theStorageBlockTurnsPruningOnAndIsCheckedWhenPresent() throws Exception {
        assertThat(ClientConfig.load(deploy("client-hospital.yaml")).pruneStorage())
                .isFalse();
        Path pruning = deploy("client-clinic.yaml");
        Files.writeString(pruning, Files.readString(pruning) + "storage:\n  prune: true\n");
        Path wrong = deploy("client-wearable.yaml");
        Files.writeString(wrong, Files.readString(wrong) + "storage:\n  prune: yes please\n  gc: false\n");

        assertThat(ClientConfig.load(pruning).pruneStorage()).isTrue();
        assertThatThrownBy(() -> ClientConfig.load(wrong))
                .hasMessageContaining("key 'storage.prune' must be true or false")
                .hasMessageContaining("unknown key 'storage.gc' (allowed here: prune)");
    }

    private Path withRecords(String block) throws IOException {
        Path file = deploy("client-hospital.yaml");
        for (String name : new String[] {"patients.csv", "patients.key", "ca-hospital.pem", "ca-clinic.pem"}) {
            Files.writeString(file.resolveSibling(name), "x");
        }
        Files.writeString(file, Files.readString(file) + block);
        return file;
    }

    private Path deploy(String example) throws IOException {
        return ExampleDeployment.deploy(root, example);
    }
}
