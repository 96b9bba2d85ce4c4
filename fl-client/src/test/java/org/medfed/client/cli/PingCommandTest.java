package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.ErrorMapper;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileFixtures;
import picocli.CommandLine;

class PingCommandTest {

    @TempDir
    Path root;

    private final AtomicLong clock = new AtomicLong();
    private final Map<String, FakeLedger> ledgers = new LinkedHashMap<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String profilesDir;

    @BeforeEach
    void writeProfiles() throws Exception {
        writeProfile("hospital-admin", "HospitalMSP", 7051);
        writeProfile("clinic-admin", "ClinicMSP", 8051);
        writeProfile("clinic-user1", "ClinicMSP", 8051);
        profilesDir = root.resolve("profiles").toString();
        ledgers.put("HospitalMSP", new FakeLedger("HospitalMSP", clock));
        ledgers.put("ClinicMSP", new FakeLedger("ClinicMSP", clock));
    }

    @Test
    void printsOneRowPerAdminProfileSortedByName() {
        int exit = run("ping", "--profiles-dir", profilesDir, "--count", "10", "--warmup", "0");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).isEmpty();
        String[] lines = out.toString().split("\\R");
        assertThat(lines[0]).contains("submit (ms)").contains("evaluate (ms)");
        assertThat(lines[1].split("\\s+")).containsExactly("org", "median", "p90", "max", "median", "p90", "max");
        assertThat(lines[2].split("\\s+")).containsExactly("clinic", "5.5", "9.0", "10.0", "0.6", "0.9", "1.0");
        assertThat(lines[3]).startsWith("hospital ");
        assertThat(lines[4]).isEqualTo("10 measured calls of each kind per organisation, after 0 warm-up pairs.");
        assertThat(lines[5]).as("profiles without ledgerEngine were Fabric's").isEqualTo("ledger engine: fabric");
    }

    @Test
    void printsTheLedgerEngineTheProfilesName() throws Exception {
        writeProfile("hospital-admin", "HospitalMSP", 7051, "embedded");
        writeProfile("clinic-admin", "ClinicMSP", 8051, "embedded");

        assertThat(run("ping", "--profiles-dir", profilesDir, "--count", "1", "--warmup", "0"))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString().strip().lines().reduce((a, b) -> b)).contains("ledger engine: embedded");

        out.getBuffer().setLength(0);
        run("ping", "--profiles-dir", profilesDir, "--count", "1", "--warmup", "0", "--json");
        assertThat(JsonParser.parseString(out.toString())
                        .getAsJsonObject()
                        .get("ledgerEngine")
                        .getAsString())
                .isEqualTo("embedded");
    }

    @Test
    void profilesOnDifferentEnginesAreAllNamed() throws Exception {
        writeProfile("hospital-admin", "HospitalMSP", 7051, "embedded");

        run("ping", "--profiles-dir", profilesDir, "--count", "1", "--warmup", "0");

        assertThat(out.toString()).contains("ledger engine: embedded, fabric");
    }

    @Test
    void submitsTheMessageAndEvaluatesWithTheOrgsMspId() {
        run(
                "ping",
                "--profiles-dir",
                profilesDir,
                "--org",
                "hospital",
                "--count",
                "3",
                "--warmup",
                "2",
                "--message",
                "hello");

        FakeLedger hospital = ledgers.get("HospitalMSP");
        assertThat(hospital.calls)
                .filteredOn(c -> c.equals("system:ping hello"))
                .hasSize(5);
        assertThat(hospital.calls)
                .filteredOn(c -> c.equals("system:getPing HospitalMSP"))
                .hasSize(5);
        assertThat(hospital.calls).hasSize(10);
        assertThat(hospital.closed).isTrue();
        assertThat(ledgers.get("ClinicMSP").calls).isEmpty();
    }

    @Test
    void printsJsonForMachines() {
        int exit = run(
                "ping", "--profiles-dir", profilesDir, "--org", "clinic", "--count", "10", "--warmup", "0", "--json");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertThat(json.get("count").getAsInt()).isEqualTo(10);
        assertThat(json.get("ledgerEngine").getAsString()).isEqualTo("fabric");
        JsonObject clinic = json.getAsJsonArray("orgs").get(0).getAsJsonObject();
        assertThat(clinic.get("org").getAsString()).isEqualTo("clinic");
        assertThat(clinic.get("mspId").getAsString()).isEqualTo("ClinicMSP");
        assertThat(clinic.getAsJsonObject("submitMs").get("median").getAsDouble())
                .isEqualTo(5.5);
        assertThat(clinic.getAsJsonObject("submitMs").get("p90").getAsDouble()).isEqualTo(9.0);
        assertThat(clinic.getAsJsonObject("evaluateMs").get("max").getAsDouble())
                .isEqualTo(1.0);
    }

    @Test
    void unreachablePeerExitsWithNetworkUnavailableAndOneLine() {
        MedfedException unreachable = new ErrorMapper("127.0.0.1:7051")
                .map(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
        ledgers.get("HospitalMSP").failingWith(unreachable);

        int exit = run("ping", "--profiles-dir", profilesDir, "--org", "hospital");

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: UNAVAILABLE: hospital: peer unreachable at 127.0.0.1:7051")
                .contains("network/network.sh status");
    }

    @Test
    void verboseAddsTheStackTrace() {
        ledgers.get("HospitalMSP").failingWith(new MedfedException(MedfedException.UNAVAILABLE, "down", null));

        int exit = run("--verbose", "ping", "--profiles-dir", profilesDir, "--org", "hospital");

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(err.toString()).contains("MedfedException").contains("\tat ");
    }

    @Test
    void verboseIsAcceptedAfterTheSubcommandToo() {
        ledgers.get("HospitalMSP").failingWith(new MedfedException(MedfedException.UNAVAILABLE, "down", null));

        run("ping", "--verbose", "--profiles-dir", profilesDir, "--org", "hospital");

        assertThat(err.toString()).contains("\tat ");
    }

    @Test
    void chaincodeRefusalExitsWithLedgerRefused() {
        ledgers.get("ClinicMSP").failingWith(new MedfedException("UNAUTHORIZED", "ping is for admins", "tx1"));

        int exit = run("ping", "--profiles-dir", profilesDir, "--org", "clinic");

        assertThat(exit).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(err.toString().strip()).isEqualTo("error: UNAUTHORIZED: clinic: ping is for admins [tx tx1]");
    }

    @Test
    void unexpectedFailureIsInternalAndPointsToVerbose() {
        ledgers.put("HospitalMSP", new FakeLedger("HospitalMSP", clock) {
            @Override
            public byte[] submit(String transaction, String... args) {
                throw new IllegalStateException("bug");
            }
        });

        int exit = run("ping", "--profiles-dir", profilesDir, "--org", "hospital");

        assertThat(exit).isEqualTo(ExitCodes.INTERNAL);
        assertThat(err.toString())
                .contains("error: internal error: java.lang.IllegalStateException: bug")
                .contains("--verbose");
    }

    @Test
    void missingProfileIsAUsageError() {
        int exit = run("ping", "--profiles-dir", profilesDir, "--org", "lab");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no connection profile at").contains("lab-admin.properties");
    }

    @Test
    void missingProfilesDirectoryIsAUsageError() {
        int exit = run("ping", "--profiles-dir", root.resolve("nowhere").toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no profiles directory at");
    }

    @Test
    void rejectsAZeroCount() {
        assertThat(run("ping", "--profiles-dir", profilesDir, "--count", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--count must be at least 1");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(run("ping", "--bogus")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Unknown option: '--bogus'");
    }

    @Test
    void helpExitsZero() {
        assertThat(run("ping", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("--profiles-dir=DIR")
                .contains("--count=N")
                .contains("--json");
    }

    @Test
    void noSubcommandPrintsUsage() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("Usage: medfed").contains("ping");
    }

    private void writeProfile(String name, String mspId, int port) throws Exception {
        writeProfile(name, mspId, port, null);
    }

    private void writeProfile(String name, String mspId, int port, String ledgerEngine) throws Exception {
        Map<String, String> keys = ProfileFixtures.validKeys("unused", mspId, port);
        keys.put("name", name);
        if (ledgerEngine != null) {
            keys.put("ledgerEngine", ledgerEngine);
        }
        ProfileFixtures.write(root, name + ".properties", keys);
    }

    private int run(String... args) {
        CliServices services = CliServices.ledger(profile -> ledgers.get(profile.mspId()), clock::get);
        CommandLine cli = new CommandLine(new MedfedCommand(), new ServiceFactory(services));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
