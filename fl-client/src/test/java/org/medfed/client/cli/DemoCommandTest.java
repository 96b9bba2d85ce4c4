package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.cli.DemoFakes.PingLedger;
import org.medfed.client.cli.DemoFakes.Scripts;
import org.medfed.client.cli.DemoFakes.Swarm;
import org.medfed.client.demo.DemoRun;
import org.medfed.client.demo.DemoTraining;
import org.medfed.client.demo.NetworkScript;
import org.medfed.client.federation.FederationRun;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileFixtures;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.common.model.SecureAggregationSpec;
import picocli.CommandLine;

class DemoCommandTest {

    @TempDir
    Path repo;

    private final AtomicLong clock = new AtomicLong();
    private final Map<String, PingLedger> ledgers = new LinkedHashMap<>();
    private final Scripts scripts = new Scripts();
    private final Swarm swarm = new Swarm(clock);
    private final List<Duration> sleeps = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Path> trainingRuns = new ArrayList<>();
    private final List<Boolean> secureRuns = new ArrayList<>();
    private static final SecureAggregationSpec SECURE =
            new SecureAggregationSpec(2, 2, 3, new BigDecimal("0.5"), 13, 87381, 32, 10, 10, 20);

    /** The training step, faked: a canned three-round outcome, secure unless --in-clear. */
    private DemoTraining.Outcome fakeTraining(
            Path root, Path profilesDir, Path logs, boolean secure, java.io.PrintWriter progress) throws Exception {
        trainingRuns.add(profilesDir);
        secureRuns.add(secure);
        progress.println("[training progress]");
        org.medfed.common.model.Task task = secure
                ? org.medfed.common.model.Task.create(
                        Samples.exampleSpec().withSecureAggregation(SECURE), Samples.T0, Samples.ADMIN)
                : Samples.task();
        List<FederationRun.RoundSummary> rounds = new ArrayList<>();
        for (long r = 1; r <= 3; r++) {
            // round 2 lost a site after its shares, on its second attempt
            FederationRun.SecurePhases phases = r == 2
                    ? new FederationRun.SecurePhases(2, 3, 3, 2, 2, List.of("d".repeat(64)))
                    : new FederationRun.SecurePhases(1, 3, 3, 3, 3, List.of());
            rounds.add(new FederationRun.RoundSummary(
                    r,
                    Duration.ofMillis(9_500 + r),
                    secure ? phases.survivors() : 3,
                    0,
                    "bafkreiround" + r,
                    secure ? Double.NaN : 0.9 + r / 100.0,
                    secure ? Double.NaN : 0.88 + r / 100.0,
                    2.0 * r,
                    Map.of(),
                    9000 + r,
                    new org.medfed.client.train.Metrics.Validation(113, 0.2, 0.92 + r / 100.0, 0.89 + r / 100.0, 0.98),
                    secure ? phases : null));
        }
        var summary = new FederationRun.Summary(
                task,
                rounds,
                Samples.ref("final"),
                new org.medfed.client.train.Metrics.Validation(113, 0.1, 0.965, 0.96, 0.99),
                113,
                Duration.ofSeconds(31));
        var plan = new org.medfed.client.federation.FederationPlan(
                task.spec(),
                Map.of(),
                Map.of(),
                root.resolve("out/demo/x/data/test.csv"),
                root.resolve("m.json"),
                List.of());
        Map<String, Long> times =
                new LinkedHashMap<>(Map.of("download", 12L, "train", 340L, "upload", 20L, "submit", 410L));
        if (secure) {
            times.putAll(Map.of("keys", 150L, "shares", 160L, "reveal", 170L));
        }
        var costs = new org.medfed.client.federation.FederationCosts.Costs(
                List.of(new org.medfed.client.federation.FederationCosts.PhaseTimes(1, times)),
                Map.of("peer-hospital", 204_800L));
        return new DemoTraining.Outcome(plan, summary, root.resolve("out/demo/x"), "OK: every round matches", costs);
    }

    @BeforeEach
    void writeRepository() throws Exception {
        Files.createDirectories(repo.resolve("network"));
        Files.writeString(repo.resolve(NetworkScript.PATH), "# never run: the tests use a fake\n");
        writeProfile("hospital-admin", "HospitalMSP", 7051, 7055);
        writeProfile("clinic-admin", "ClinicMSP", 8051, 8055);
        writeProfile("clinic-user1", "ClinicMSP", 8051, 8055);
        ledgers.put("HospitalMSP", new PingLedger("HospitalMSP", clock));
        ledgers.put("ClinicMSP", new PingLedger("ClinicMSP", clock));
    }

    @Test
    void runsUpDeployPingsEveryOrgMovesOneBlobAndStopsTheNetwork() {
        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).isEmpty();
        assertThat(scripts.runs).containsExactly("up", "deploy", "down");
        assertThat(scripts.root).isEqualTo(repo);
        assertThat(trainingRuns).containsExactly(repo.resolve("network/data/profiles"));
        String text = out.toString();
        assertThat(text)
                .contains("[training progress]")
                .contains("test     accuracy 0.965, F1 0.960, AUC 0.990 on 113 held-back rows no site trained on"
                        + " (F1 goal 0.95: met)")
                .contains("verify   OK: every round matches")
                .contains("peak RSS peer-hospital 200 MiB")
                .contains("secure aggregation with distributed DP (the ledger sees only the sum)")
                .contains(", secure aggregation (neighbours 2, threshold 2, min survivors 3, one DP-SGD step a round"
                        + " with sampling rate 0.5)");
        assertThat(secureRuns).containsExactly(true);
        // round, seconds, keys, shares, inputs, reveals, dropouts, test acc., test F1, epsilon, ledger bytes, model
        assertThat(line("round "))
                .containsExactly(
                        "round",
                        "seconds",
                        "keys",
                        "shares",
                        "inputs",
                        "reveals",
                        "dropouts",
                        "test",
                        "acc.",
                        "test",
                        "F1",
                        "epsilon",
                        "ledger",
                        "bytes",
                        "global",
                        "model");
        assertThat(line("2 "))
                .containsExactly(
                        "2", "9.5", "3", "3", "2", "2", "1", "0.940", "0.910", "4.00", "9002", "bafkreiround2");
        assertThat(line("3 "))
                .containsExactly(
                        "3", "9.5", "3", "3", "3", "3", "0", "0.950", "0.920", "6.00", "9003", "bafkreiround3");
        assertThat(text)
                .doesNotContain("val. F1")
                .contains("rounds that needed another attempt: 2 (attempt 2)")
                .contains("each round's global model on the 113 held-back rows");
        assertThat(line("round ", 1))
                .containsExactly("round", "keys", "shares", "download", "train", "upload", "submit", "reveal");
        assertThat(line("1 ", 1)).containsExactly("1", "150", "160", "12", "340", "20", "410", "170");
        assertThat(text).startsWith(DemoRun.LABEL);
        assertThat(text.indexOf("[network.sh down output]")).isLessThan(text.lastIndexOf(DemoRun.LABEL));
        assertThat(row("clinic")).containsExactly("clinic", "ClinicMSP", "12.0", "1.5", "3", "tx-ClinicMSP-3");
        assertThat(row("hospital")).containsExactly("hospital", "HospitalMSP", "12.0", "1.5", "3", "tx-HospitalMSP-3");
        String cid = swarm.content.keySet().iterator().next();
        assertThat(text)
                .contains("blob     " + cid + " (1048576 bytes")
                .contains("add      7.0 ms on ClinicMSP's Kubo node http://127.0.0.1:8055")
                .contains("cat      3.0 ms from HospitalMSP's Kubo node http://127.0.0.1:7055")
                .contains(at("network/network.sh") + " status")
                .contains(at("network/logs") + "/")
                .contains(at("network/data/profiles") + "/");
        assertThat(text.strip())
                .endsWith("The network was stopped (`" + at("network/network.sh") + " down`); "
                        + "ledgers and IPFS repositories are kept.");
    }

    @Test
    void inClearTrainsAsBeforeWithTheSitesValidationScores() {
        assertThat(demo("--in-clear")).isEqualTo(ExitCodes.OK);

        assertThat(secureRuns).containsExactly(false);
        String text = out.toString();
        assertThat(text)
                .contains("each update in clear with local DP (--in-clear)")
                .doesNotContain("secure aggregation (")
                .doesNotContain("test F1")
                .containsPattern("1\\s+12\\s+340\\s+20\\s+410")
                .containsPattern("3\\s+9\\.5\\s+3\\s+0\\.930\\s+0\\.910\\s+6\\.00\\s+9003\\s+bafkreiround3");
        assertThat(line("round "))
                .containsExactly(
                        "round", "seconds", "updates", "val.", "acc.", "val.", "F1", "epsilon", "ledger", "bytes",
                        "global", "model");
        assertThat(line("round ", 1)).containsExactly("round", "download", "train", "upload", "submit");
    }

    @Test
    void jsonGivesEachSecureRoundsPhasesAndTestScores() {
        assertThat(demo("--json")).isEqualTo(ExitCodes.OK);

        JsonObject training =
                JsonParser.parseString(out.toString()).getAsJsonObject().getAsJsonObject("training");
        assertThat(training.get("secureAggregation").getAsBoolean()).isTrue();
        JsonObject round2 = training.getAsJsonArray("rounds").get(1).getAsJsonObject();
        assertThat(round2.get("testF1").getAsDouble()).isCloseTo(0.91, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(round2.has("validationF1")).isFalse();
        JsonObject secure = round2.getAsJsonObject("secure");
        assertThat(secure.get("attempt").getAsLong()).isEqualTo(2);
        assertThat(secure.get("survivors").getAsLong()).isEqualTo(2);
        assertThat(secure.getAsJsonArray("dropouts").get(0).getAsString()).isEqualTo("d".repeat(64));
    }

    @Test
    void submitsTheDemoMessageAndReadsItBackWithTheOrgsMspId() {
        demo();

        PingLedger clinic = ledgers.get("ClinicMSP");
        assertThat(clinic.calls).containsExactly("system:ping medfed demo", "system:getPing ClinicMSP");
        assertThat(clinic.closed).isTrue();
        assertThat(swarm.calls).hasSize(2);
        assertThat(swarm.calls.get(0)).isEqualTo("add http://127.0.0.1:8055");
        assertThat(swarm.calls.get(1)).startsWith("cat http://127.0.0.1:7055 bafkrei");
    }

    @Test
    void givesEachStepAGenerousTimeout() {
        demo();

        assertThat(scripts.timeouts.get("up")).isGreaterThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(scripts.timeouts.get("deploy")).isGreaterThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(scripts.timeouts.get("down")).isGreaterThanOrEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void keepLeavesTheNetworkRunningAndSaysHowToStopIt() {
        int exit = demo("--keep");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(scripts.runs).containsExactly("up", "deploy");
        assertThat(out.toString().strip())
                .endsWith(
                        "The network is still running (--keep): stop it with `" + at("network/network.sh") + " down`.");
    }

    @Test
    void reportsTheLedgerEngineTheProfilesName() {
        assertThat(demo()).isEqualTo(ExitCodes.OK);

        assertThat(scripts.runs.get(0)).as("no --ledger: up picks the engine").isEqualTo("up");
        String text = out.toString();
        assertThat(text).contains("==> ledger engine: embedded");
        String report = text.substring(text.lastIndexOf(DemoRun.LABEL));
        assertThat(report.lines().skip(1).findFirst()).contains("ledger engine: embedded");
    }

    @Test
    void ledgerIsPassedToUp() {
        assertThat(demo("--ledger", "fabric")).isEqualTo(ExitCodes.OK);

        assertThat(scripts.runs).containsExactly("up --ledger fabric", "deploy", "down");
    }

    @Test
    void anUnknownLedgerIsAUsageError() {
        assertThat(demo("--ledger", "besu")).isEqualTo(ExitCodes.USAGE);

        assertThat(scripts.runs).isEmpty();
        assertThat(err.toString()).contains("--ledger must be fabric or embedded");
    }

    @Test
    void fabricAskedForThatCannotBeInstalledBlocksTheDemo() {
        scripts.exitStatus.put("up --ledger fabric", DemoRun.UP_FABRIC_REFUSED);

        int exit = demo("--ledger", "fabric");

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(scripts.runs).containsExactly("up --ledger fabric");
        assertThat(err.toString().strip().lines())
                .singleElement()
                .asString()
                .contains("BLOCKED")
                .contains("Fabric binaries cannot be installed on this machine")
                .contains("without --ledger")
                .contains("docs/operations.md \"Installing Fabric\"");
        assertThat(ledgers.get("ClinicMSP").calls).isEmpty();
    }

    @Test
    void withoutLedgerExitThreeIsAnOrdinaryUpFailure() {
        scripts.exitStatus.put("up", 3);

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(err.toString().strip())
                .isEqualTo("error: demo step `network/network.sh up` failed with exit "
                        + "status 3; see the logs under " + at("network/logs"))
                .doesNotContain("BLOCKED");
    }

    @Test
    void anotherUpFailureNamesTheStepAndTheLogs() {
        scripts.exitStatus.put("up", 1);

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(scripts.runs).containsExactly("up");
        assertThat(err.toString().strip())
                .isEqualTo("error: demo step `network/network.sh up` failed with exit "
                        + "status 1; see the logs under " + at("network/logs"));
    }

    @Test
    void aDeployFailureStillStopsTheNetwork() {
        scripts.exitStatus.put("deploy", 1);

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(scripts.runs).containsExactly("up", "deploy", "down");
        assertThat(err.toString())
                .contains("`network/network.sh deploy` failed with exit status 1")
                .contains(at("network/logs"));
    }

    @Test
    void aStepThatTimesOutIsReportedAndTheNetworkStopped() {
        scripts.timesOut = "deploy";

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(scripts.runs).containsExactly("up", "deploy", "down");
        assertThat(err.toString()).contains("`network/network.sh deploy` did not finish within 15 min");
    }

    @Test
    void aChaincodeErrorIsALedgerRefusalAndIsNotRetried() {
        ledgers.get("ClinicMSP").failure = MedfedException.fromChaincode("UNAUTHORIZED", "admins only", "tx9", null);

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(ledgers.get("ClinicMSP").calls).hasSize(1);
        assertThat(sleeps).isEmpty();
        assertThat(scripts.runs).containsExactly("up", "deploy", "down");
        assertThat(err.toString().strip()).isEqualTo("error: UNAUTHORIZED: clinic: admins only [tx tx9]");
    }

    @Test
    void retriesEveryHalfSecondWhileThePeerIsNotReady() {
        ledgers.get("HospitalMSP").notReadyCalls = 4;

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(sleeps).hasSize(4).containsOnly(Duration.ofMillis(500));
        assertThat(out.toString()).contains("hospital: system:ping not ready yet (UNAVAILABLE)");
        assertThat(row("hospital")).containsExactly("hospital", "HospitalMSP", "12.0", "1.5", "3", "tx-HospitalMSP-3");
    }

    @Test
    void givesUpAfterAMinuteAndStillStopsTheNetwork() {
        ledgers.get("HospitalMSP").notReadyCalls = Integer.MAX_VALUE;

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        long waited = sleeps.stream().mapToLong(Duration::toMillis).sum();
        assertThat(waited).isBetween(55_000L, 60_000L);
        assertThat(scripts.runs).containsExactly("up", "deploy", "down");
        assertThat(err.toString()).contains("error: UNAVAILABLE: hospital: peer unreachable");
    }

    @Test
    void aBlobThatComesBackDifferentFailsVerification() {
        swarm.corruptOnCat = true;

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(scripts.runs).containsExactly("up", "deploy", "down");
        assertThat(err.toString().strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: blob bafkrei")
                .contains("added on ClinicMSP's node")
                .contains("came back from HospitalMSP's node")
                .contains("with SHA-256");
    }

    @Test
    void anUnreachableKuboNodeMeansTheNetworkIsUnavailable() {
        swarm.failure = new BlobStoreException("Kubo at http://127.0.0.1:8055 could not add: unreachable");

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
        assertThat(scripts.runs).containsExactly("up", "deploy", "down");
        assertThat(err.toString()).contains("IPFS round trip failed: Kubo at http://127.0.0.1:8055");
    }

    @Test
    void jsonKeepsStdoutForTheReportAlone() {
        int exit = demo("--json");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        JsonObject json = JsonParser.parseString(out.toString()).getAsJsonObject();
        assertThat(json.get("label").getAsString()).isEqualTo(DemoRun.LABEL);
        assertThat(json.get("ledgerEngine").getAsString()).isEqualTo("embedded");
        JsonObject clinic = json.getAsJsonArray("orgs").get(0).getAsJsonObject();
        assertThat(clinic.get("mspId").getAsString()).isEqualTo("ClinicMSP");
        assertThat(clinic.get("submitMs").getAsDouble()).isEqualTo(12.0);
        assertThat(clinic.get("evaluateMs").getAsDouble()).isEqualTo(1.5);
        assertThat(clinic.get("pingCount").getAsLong()).isEqualTo(3);
        assertThat(clinic.get("txId").getAsString()).isEqualTo("tx-ClinicMSP-3");
        JsonObject blob = json.getAsJsonObject("blob");
        assertThat(blob.get("size").getAsLong()).isEqualTo(1 << 20);
        assertThat(blob.get("sha256").getAsString()).hasSize(64);
        assertThat(blob.getAsJsonObject("readFrom").get("ipfsApi").getAsString())
                .isEqualTo("http://127.0.0.1:7055");
        assertThat(json.getAsJsonObject("network").get("stopped").getAsBoolean())
                .isTrue();
        assertThat(err.toString()).contains("[network.sh up output]").contains("[network.sh down output]");
    }

    @Test
    void withoutTheScriptItIsAUsageError() throws Exception {
        Files.delete(repo.resolve(NetworkScript.PATH));

        int exit = demo();

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(scripts.runs).isEmpty();
        assertThat(err.toString()).contains("no network/network.sh under").contains("--root");
    }

    @Test
    void smokeRunsTheHealthChecksWithoutTraining() {
        assertThat(demo("--smoke")).isEqualTo(ExitCodes.OK);

        assertThat(trainingRuns).isEmpty();
        assertThat(out.toString()).doesNotContain("test     accuracy");
    }

    @Test
    void helpExitsZero() {
        assertThat(run("demo", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("medfed demo (a breast cancer model trained")
                .contains("--root=DIR")
                .contains("--keep")
                .contains("--smoke")
                .contains("--ledger=ENGINE")
                .contains("--json")
                .contains("--in-clear")
                .contains("--profiles-dir=DIR");
    }

    @Test
    void theTopLevelUsageListsDemo() {
        assertThat(run()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("demo").contains("ping");
    }

    /** A path as the report shows it: under --root, which the tests pass as an absolute directory. */
    private String at(String relative) {
        return repo.resolve(relative).toString();
    }

    /** The words of the first line of the report (after the demo's own label) that starts with {@code start}. */
    private List<String> line(String start) {
        return line(start, 0);
    }

    /** The same of the {@code skip + 1}-th such line (the costs table repeats "round" and the round numbers). */
    private List<String> line(String start, int skip) {
        String text = out.toString();
        String report = text.substring(text.lastIndexOf(DemoRun.LABEL));
        return report.lines()
                .map(String::strip)
                .filter(l -> l.startsWith(start))
                .skip(skip)
                .findFirst()
                .map(l -> List.of(l.split("\\s+")))
                .orElseThrow();
    }

    private String[] row(String org) {
        return out.toString()
                .lines()
                .filter(l -> l.startsWith(org + " "))
                .findFirst()
                .orElseThrow()
                .split("\\s+");
    }

    private void writeProfile(String name, String mspId, int peerPort, int ipfsPort) throws Exception {
        Map<String, String> keys = ProfileFixtures.validKeys("unused", mspId, peerPort);
        keys.put("name", name);
        keys.put("ipfsApi", "http://127.0.0.1:" + ipfsPort);
        keys.put("ledgerEngine", "embedded");
        ProfileFixtures.write(repo.resolve("network/data"), name + ".properties", keys);
    }

    /** Runs the demo from the repository root, the way ./medfed launches it. */
    private int demo(String... options) {
        List<String> args =
                new ArrayList<>(List.of("demo", "--root", repo.toString(), "--profiles-dir", "network/data/profiles"));
        args.addAll(List.of(options));
        return run(args.toArray(String[]::new));
    }

    private int run(String... args) {
        CliServices services = new CliServices(
                profile -> ledgers.get(profile.mspId()),
                swarm,
                clock::get,
                duration -> {
                    sleeps.add(duration);
                    clock.addAndGet(duration.toNanos());
                },
                scripts,
                this::fakeTraining);
        CommandLine cli = new CommandLine(new MedfedCommand(), new ServiceFactory(services));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
