package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.access.PatientRefs;
import org.medfed.client.federation.FederationMember;
import org.medfed.client.federation.FederationOptions;
import org.medfed.client.federation.FederationPlan;
import org.medfed.client.federation.LocalFederation;
import org.medfed.client.federation.NodeProcesses;
import org.medfed.client.gateway.CertificateSubjects;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.client.ledger.AttestationView;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.AccessRequest;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.RiskModelSpec;
import org.medfed.common.model.Role;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.model.UsePurpose;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.round.RoundStatus;

/**
 * Issue 14's acceptance on the real network (the embedded ledger, and Fabric's peers and orderer where installed): a
 * risk task on the maternal health risk table is trained by three client node processes on datasets their holders
 * approved; the wearable gateway revokes its approval mid-task and sits the next rounds out. The hospital then
 * attests its patients' risk with the global model (through DL4J), the consortium admin sets a policy, and a
 * clinician, a payer and a privacy officer act through the CLI: requests granted and denied by the policy, records
 * fetched from the hospital's records server (a real process, mutual TLS) under a grant and refused without one, a
 * break-glass grant used, flagged on repeat, expired on ledger time and reviewed. Every refusal comes back with its
 * code and writes nothing; the audit matches every release to a grant.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("access");

    private static final String TASK = "maternal-risk";
    private static final long ROUNDS = 4;
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(10);
    private static final int PATIENTS = 12;
    /**
     * The rounds the wearable sits out wait for this deadline. The nodes submit within seconds of a round's
     * opening (round 1: within about 10 s of their start), so 40 s leaves room on a loaded machine.
     */
    private static final long ROUND_SECONDS = 40;

    private static NodeProcesses nodes;
    private static Process recordsServer;
    private static FederationPlan plan;

    @AfterAll
    static void stopProcesses() throws InterruptedException {
        if (recordsServer != null) {
            recordsServer.destroy();
            recordsServer.waitFor();
        }
        if (nodes != null) {
            nodes.stopAll(Duration.ofSeconds(30));
        }
    }

    @Test
    @Order(1)
    void aRiskTaskTrainsOnApprovedDatasetsAndARevokedApprovalStopsTheNextRoundWithoutRewritingThePast()
            throws Exception {
        Path profiles = NET.dataDir().resolve("profiles");
        List<FederationMember> members = List.of(
                member("Hospital", Role.HOSPITAL, profiles.resolve("hospital-user1.properties")),
                member("Clinic", Role.CLINIC, profiles.resolve("clinic-user1.properties")),
                member("Wearable", Role.WEARABLE_GATEWAY, profiles.resolve("wearable-user1.properties")));
        plan = new LocalFederation(
                        GatewayConnection::open,
                        KuboBlobStore::new,
                        (level, message) -> System.out.println("[setup] " + message))
                .withUse(
                        new UsePurpose(
                                PurposeOfUse.HOPERAT,
                                "a maternal risk classifier whose attestations decide access to patients' records"),
                        new RiskModelSpec(List.of(RiskClass.STABLE, RiskClass.SERIOUS, RiskClass.CRITICAL)))
                .setUp(
                        members,
                        NET.root().resolve("data/maternal_health_risk.csv"),
                        NET.root().resolve("fl-client/src/main/resources/examples/mapping-maternal-health-risk.json"),
                        "RiskLevel",
                        maternalRisk().withRounds(ROUNDS).withRoundSeconds(ROUND_SECONDS),
                        NET.dataDir().resolve("risk-federation"));

        MedfedCli.Run uses = NET.cli("dataset", "uses", TASK, "--profile", "hospital-user1");
        System.out.println("[uses]\n" + uses.out() + uses.err());
        assertThat(uses.exit()).as(uses.err()).isZero();
        for (FederationMember member : members) {
            assertThat(uses.out()).contains(member.datasetId()).contains("approved");
        }

        nodes = new NodeProcesses(NET.logDir(), NET.cliJar().toString());
        for (FederationMember member : members) {
            nodes.start(member.org(), plan.configs().get(member.org()));
        }
        GatewayConnection admin = NET.gateway("Hospital", "admin");
        TaskLedger tasks = new TaskLedger(admin);
        waitFor(() -> tasks.get(TASK).value(), task -> task.currentRound() >= 3, TASK_TIMEOUT, "round 2 aggregated");

        String wearableDataset = members.get(2).datasetId();
        MedfedCli.Run revoke = NET.cli(
                "dataset",
                "revoke",
                TASK,
                wearableDataset,
                "--reason",
                "the gateway's devices are being recalled",
                "--profile",
                "wearable-user1");
        System.out.println("[revoke] " + revoke.out() + revoke.err());
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        long openAtRevocation = tasks.get(TASK).value().currentRound();

        Task done = waitFor(
                () -> tasks.get(TASK).value(),
                task -> task.status() == TaskStatus.COMPLETED,
                TASK_TIMEOUT,
                "the risk task to complete");
        assertThat(done.currentRound()).isEqualTo(ROUNDS);

        String wearable = plan.participantIds().get("Wearable");
        RoundLedger rounds = new RoundLedger(admin);
        DatasetLedger datasets = new DatasetLedger(admin);
        List<Long> receipted = datasets.allUsageReceipts(wearableDataset, 50).value().items().stream()
                .filter(receipt -> receipt.taskId().equals(TASK))
                .map(UsageReceipt::round)
                .toList();
        System.out.printf(
                "[receipts] the wearable's dataset was used in rounds %s; approval revoked while round %d was open%n",
                receipted, openAtRevocation);
        assertThat(receipted)
                .as("receipts of the rounds before the revocation stay")
                .contains(1L, 2L);
        for (long round = openAtRevocation + 1; round <= ROUNDS; round++) {
            assertThat(rounds.get(TASK, round).value().round().status()).isEqualTo(RoundStatus.AGGREGATED);
            assertThat(rounds.updates(TASK, round).value().items())
                    .as("round %d after the revocation", round)
                    .noneMatch(update -> update.participantId().equals(wearable));
            assertThat(receipted).doesNotContain(round);
        }
        assertThat(Files.readString(nodes.log("Wearable"), UTF_8))
                .as("the wearable's node sits the rounds after the revocation out")
                .contains("round " + (openAtRevocation + 1) + ": NOT_APPROVED")
                .contains("(revoked)");

        String round2Model = rounds.get(TASK, 2).value().round().resultModel().cid();
        MedfedCli.Run provenance = NET.cli("provenance", round2Model, "--profile", "clinic-user1");
        System.out.println("[provenance]\n" + provenance.out() + provenance.err());
        assertThat(provenance.exit()).as(provenance.err()).isZero();
        assertThat(provenance.out()).contains(wearableDataset);
        nodes.stopAll(Duration.ofSeconds(30));
    }

    @Test
    @Order(2)
    void riskAttestationsDecideAccessAndTheHolderReleasesRecordsOnlyUnderALiveGrant() throws Exception {
        assertThat(plan).as("the risk task of the first test").isNotNull();
        Path work = Files.createDirectories(NET.dataDir().resolve("access"));
        Path profiles = NET.dataDir().resolve("profiles");
        ExtraIdentities extra = new ExtraIdentities(NET);
        String clinician = person(extra, "Clinic", "DrOkafor", Role.CLINICIAN, "clinic-clinician");
        String officer = person(extra, "Hospital", "PrivacyOfficer", Role.PRIVACY_OFFICER, "hospital-officer");
        String payer = person(extra, "Wearable", "Payer", Role.PAYER, "wearable-payer");

        Ledgerside.refused(
                ErrorCode.NO_ACCESS_POLICY,
                () -> new AccessLedger(NET.gateway("clinic-clinician", profiles.resolve("clinic-clinician.properties")))
                        .requestAccess(new AccessRequest("0".repeat(64), PurposeOfUse.TREAT, null, null)));
        Path policy = work.resolve("policy.json");
        Files.writeString(policy, POLICY, UTF_8);
        MedfedCli.Run set = NET.cli("policy", "set", policy.toString(), "--profile", "hospital-admin");
        System.out.println("[policy]\n" + set.out() + set.err());
        assertThat(set.exit()).as(set.err()).isZero();
        AccessLedger hospitalAccess = new AccessLedger(NET.gateway("Hospital", "user1"));
        Ledgerside.refused(
                ErrorCode.POLICY_VERSION_CONFLICT,
                () -> new AccessLedger(NET.gateway("Hospital", "admin")).setPolicy(POLICY));
        assertThat(hospitalAccess.policy(null).value().version()).isEqualTo(1);

        // The hospital's patients: the first PATIENTS of the shipped synthetic table, under its own key, each seen in
        // the last hour (its earlier observations a day apart before that): their current vital signs.
        Path patients = work.resolve("patients.csv");
        List<String> table = Files.readAllLines(NET.root().resolve("data/patients/synthetic_maternal_patients.csv"));
        Map<String, List<String[]>> rowsOf = new java.util.LinkedHashMap<>();
        for (String row : table.subList(1, table.size())) {
            String[] cells = row.split(",", -1);
            if (rowsOf.size() < PATIENTS || rowsOf.containsKey(cells[0])) {
                rowsOf.computeIfAbsent(cells[0], id -> new ArrayList<>()).add(cells);
            }
        }
        List<String> ids = new ArrayList<>(rowsOf.keySet());
        List<String> subset = new ArrayList<>(List.of(table.get(0)));
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int p = 0; p < ids.size(); p++) {
            List<String[]> rows = rowsOf.get(ids.get(p));
            for (int j = 0; j < rows.size(); j++) {
                String[] cells = rows.get(j).clone();
                cells[3] = now.minus(Duration.ofDays(rows.size() - 1 - j))
                        .minus(Duration.ofMinutes(p + 1))
                        .toString();
                subset.add(String.join(",", cells));
            }
        }
        Files.write(patients, subset, UTF_8);
        Path key = work.resolve("patient.key");
        PatientRefs refs = PatientRefs.create(key); // what `medfed records key FILE` does
        String hospitalDataset = plan.members().get(0).datasetId();
        MedfedCli.Run attest = NET.cli(
                "risk",
                "attest",
                "--task",
                TASK,
                "--dataset",
                hospitalDataset,
                "--patients",
                patients.toString(),
                "--key",
                key.toString(),
                "--mapping",
                plan.mapping().toString(),
                "--ttl",
                "3600",
                "--profile",
                "hospital-user1");
        System.out.println("[attest]\n" + attest.out() + attest.err());
        assertThat(attest.exit()).as(attest.err()).isZero();

        Map<RiskClass, List<String>> byRisk = new TreeMap<>();
        for (String id : ids) {
            AttestationView view = hospitalAccess.attestation(refs.of(id)).value();
            assertThat(view.live()).as("patient %s's attestation", id).isTrue();
            byRisk.computeIfAbsent(view.attestation().riskClass(), r -> new ArrayList<>())
                    .add(refs.of(id));
        }
        System.out.println("[attested] "
                + byRisk.entrySet().stream()
                        .map(e -> e.getKey().wire() + " " + e.getValue().size())
                        .toList());
        String urgent = firstOf(byRisk, RiskClass.CRITICAL, RiskClass.SERIOUS);
        String stable = firstOf(byRisk, RiskClass.STABLE, RiskClass.STABLE);
        assertThat(urgent).as("a patient attested critical or serious").isNotNull();
        assertThat(stable).as("a patient attested stable").isNotNull();
        refusedAttestations(hospitalAccess, urgent, hospitalDataset);

        int port = freePort();
        recordsServer = startRecordsServer(patients, key, port, work);
        String holder = "https://127.0.0.1:" + port;

        // Granted by the policy: a clinician treating a patient at risk fetches the vitals.
        String treat = decision(request("clinic-clinician", urgent, "TREAT", "vitals", null), "granted");
        MedfedCli.Run fetched = fetch("clinic-clinician", treat, "vitals", holder);
        assertThat(fetched.exit()).as(fetched.err()).isZero();
        assertThat(fetched.out()).contains("SystolicBP").doesNotContain("note");

        // Denied by the policy, and recorded: a stable patient's vitals for treatment; the holder refuses the fetch.
        String denied = decision(request("clinic-clinician", stable, "TREAT", "notes", null), "denied");
        assertRefusedFetch(fetch("clinic-clinician", denied, "notes", holder));
        // A payer presenting the clinician's decision holds no grant of its own.
        assertRefusedFetch(fetch("wearable-payer", treat, "vitals", holder));
        // Research is denied by rule whatever the risk.
        decision(request("hospital-officer", stable, "HRESCH", null, null), "denied");

        // Break-glass: emergency treatment where the policy denies, with a reason; repeat use is flagged.
        String glass = decision(
                request("clinic-clinician", stable, "ETREAT", "notes", "unconscious on arrival, no history available"),
                "granted (break-glass)");
        MedfedCli.Run glassFetch = fetch("clinic-clinician", glass, "notes", holder);
        assertThat(glassFetch.exit()).as(glassFetch.err()).isZero();
        AccessLedger officerAccess =
                new AccessLedger(NET.gateway("hospital-officer", profiles.resolve("hospital-officer.properties")));
        MedfedCli.Run again = request("clinic-clinician", stable, "ETREAT", "notes", "second emergency visit");
        assertThat(again.out()).containsPattern("flagged\\s+yes");
        String noReason = decision(request("clinic-clinician", stable, "ETREAT", "notes", null), "denied");
        assertThat(officerAccess.decision(noReason).value().explanation()).contains("reason");

        // The break-glass grant lasts 20 s of ledger time; then the holder refuses.
        AccessDecision glassDecision = officerAccess.decision(glass).value();
        Duration left = Duration.between(Instant.now(), glassDecision.expiresAt());
        Thread.sleep(Math.max(0, left.toMillis()) + 3_000);
        assertRefusedFetch(fetch("clinic-clinician", glass, "notes", holder));

        // Only a privacy officer closes the review, once.
        MedfedCli.Run byClinician = NET.cli(
                "access",
                "review",
                glass,
                "--outcome",
                "justified",
                "--note",
                "self-review",
                "--profile",
                "clinic-clinician");
        assertThat(byClinician.exit()).isNotZero();
        assertThat(byClinician.err()).contains(ErrorCode.UNAUTHORIZED.name());
        MedfedCli.Run review = NET.cli(
                "access",
                "review",
                glass,
                "--outcome",
                "justified",
                "--note",
                "emergency confirmed by the admission record",
                "--profile",
                "hospital-officer");
        System.out.println("[review] " + review.out() + review.err());
        assertThat(review.exit()).as(review.err()).isZero();
        MedfedCli.Run twice = NET.cli(
                "access",
                "review",
                glass,
                "--outcome",
                "unjustified",
                "--note",
                "again",
                "--profile",
                "hospital-officer");
        assertThat(twice.err()).contains(ErrorCode.ILLEGAL_TRANSITION.name());

        // Every release on the ledger has its grant; the refused fetches released nothing.
        List<ReleaseRecord> releases =
                officerAccess.allReleases("", 100).value().items();
        assertThat(releases).hasSize(2);
        MedfedCli.Run audit = NET.cli("access", "audit", "--profile", "hospital-officer");
        System.out.println("[audit]\n" + audit.out() + audit.err());
        assertThat(audit.exit()).as(audit.err()).isZero();
        assertThat(audit.out()).doesNotContainIgnoringCase("without a matching grant:");
        System.out.printf(
                "[access] clinician %s, officer %s, payer %s: %d releases, each under a grant%n",
                clinician, officer, payer, releases.size());
    }

    /** Each refusal of an attestation comes back with its code, and the patient's attestation is unchanged. */
    private static void refusedAttestations(AccessLedger hospital, String patient, String dataset) throws Exception {
        RiskAttestation before = hospital.attestation(patient).value().attestation();
        RiskAttestation.Claim claim = before.claim();
        Instant now = Instant.now();
        Ledgerside.refused(
                ErrorCode.STALE_ATTESTATION,
                () -> hospital.postAttestation(
                        claim(claim, claim.modelCid(), claim.round(), claim.observedAt(), 3600)));
        Ledgerside.refused(
                ErrorCode.ATTESTATION_EXPIRED,
                () -> hospital.postAttestation(
                        claim(claim, claim.modelCid(), claim.round(), now.minusSeconds(7200), 60)));
        Ledgerside.refused(
                ErrorCode.NOT_A_GLOBAL_MODEL,
                () -> hospital.postAttestation(
                        claim(claim, plan.task().model().initialModel().cid(), 1, now, 3600)));
        // A task with the same purpose but no risk model cannot attest; the wearable's revoked use cannot either.
        TaskSpec plain = plan.task()
                .with(TASK + "-plain", plan.task().dp())
                .withUse(plan.task().usePurpose(), null);
        new TaskLedger(NET.gateway("Hospital", "admin")).create(plain);
        Ledgerside.refused(
                ErrorCode.NOT_A_RISK_TASK,
                () -> hospital.postAttestation(new RiskAttestation.Claim(
                        patient, dataset, plain.id(), claim.round(), claim.modelCid(), 0, BigDecimal.ONE, now, 3600)));
        Ledgerside.refused(
                ErrorCode.DATASET_USE_NOT_APPROVED,
                () -> new AccessLedger(NET.gateway("Wearable", "user1"))
                        .postAttestation(new RiskAttestation.Claim(
                                "1".repeat(64),
                                plan.members().get(2).datasetId(),
                                TASK,
                                claim.round(),
                                claim.modelCid(),
                                0,
                                BigDecimal.ONE,
                                now,
                                3600)));
        AccessLedger clinic = new AccessLedger(NET.gateway("Clinic", "user1"));
        String clinicDataset = plan.members().get(1).datasetId();
        Ledgerside.refused(
                ErrorCode.NOT_PATIENT_HOLDER,
                () -> clinic.postAttestation(new RiskAttestation.Claim(
                        patient, clinicDataset, TASK, claim.round(), claim.modelCid(), 0, BigDecimal.ONE, now, 3600)));
        assertThat(hospital.attestation(patient).value().attestation()).isEqualTo(before);
        assertThat(dataset).isEqualTo(claim.datasetId());
    }

    private static RiskAttestation.Claim claim(
            RiskAttestation.Claim base, String cid, long round, Instant observedAt, long ttl) {
        return new RiskAttestation.Claim(
                base.patientRef(),
                base.datasetId(),
                base.taskId(),
                round,
                cid,
                base.classIndex(),
                base.probability(),
                observedAt,
                ttl);
    }

    private static MedfedCli.Run request(String profile, String patient, String purpose, String scope, String reason) {
        List<String> args = new ArrayList<>(List.of("access", "request", "--patient", patient, "--purpose", purpose));
        if (scope != null) {
            args.addAll(List.of("--scope", scope));
        }
        if (reason != null) {
            args.addAll(List.of("--reason", reason));
        }
        args.addAll(List.of("--profile", profile));
        MedfedCli.Run run = NET.cli(args.toArray(String[]::new));
        System.out.printf("[request] %s %s %s:%n%s%s", profile, purpose, scope, run.out(), run.err());
        assertThat(run.exit()).as(run.err()).isZero();
        return run;
    }

    /** The decision id of a request's answer, whose outcome must be {@code outcome}. */
    private static String decision(MedfedCli.Run run, String outcome) {
        assertThat(run.out()).containsPattern("outcome\\s+" + Pattern.quote(outcome));
        Matcher id = Pattern.compile("decision\\s+(\\S+)").matcher(run.out());
        assertThat(id.find()).as(run.out()).isTrue();
        return id.group(1);
    }

    private static MedfedCli.Run fetch(String profile, String decision, String scope, String holder) {
        MedfedCli.Run run = NET.cli(
                "access",
                "fetch",
                "--decision",
                decision,
                "--scope",
                scope,
                "--holder-url",
                holder,
                "--holder-ca",
                caOf("Hospital").toString(),
                "--profile",
                profile);
        System.out.printf("[fetch] %s %s: exit %d%n%s%s", profile, scope, run.exit(), run.out(), run.err());
        return run;
    }

    private static void assertRefusedFetch(MedfedCli.Run run) {
        assertThat(run.exit()).as("a refused fetch").isNotZero();
        assertThat(run.out() + run.err()).contains(ErrorCode.NO_LIVE_GRANT.name());
    }

    private static String firstOf(Map<RiskClass, List<String>> byRisk, RiskClass first, RiskClass second) {
        List<String> found = byRisk.getOrDefault(first, byRisk.get(second));
        return found == null ? null : found.get(0);
    }

    /** A person of {@code org} with {@code role}, registered by the admin; its profile joins the profiles folder. */
    private static String person(ExtraIdentities extra, String org, String name, Role role, String profileName)
            throws Exception {
        Path issued = extra.issueClient(org, name);
        Path profile = NET.dataDir().resolve("profiles/" + profileName + ".properties");
        Files.copy(issued, profile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ConnectionProfile loaded = ConnectionProfile.load(profile);
        return new ParticipantLedger(NET.gateway("Hospital", "admin"))
                .register(loaded.mspId(), CertificateSubjects.of(loaded.certificate()), role, name + " of " + org)
                .value()
                .id();
    }

    private static Process startRecordsServer(Path patients, Path key, int port, Path work) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                NET.cliJar().toString(),
                "records",
                "serve",
                "--patients",
                patients.toString(),
                "--key",
                key.toString(),
                "--port",
                Integer.toString(port),
                "--release-log",
                work.resolve("releases.jsonl").toString(),
                "--profile",
                "hospital-user1",
                "--profiles-dir",
                NET.dataDir().resolve("profiles").toString()));
        for (String org : List.of("Hospital", "Clinic", "Wearable")) {
            command.addAll(List.of("--ca", NET.profile(org, "user1").mspId() + "=" + caOf(org)));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(NET.logDir().resolve("records-hospital.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive())
                    .as("the records server (see %s)", NET.logDir().resolve("records-hospital.log"))
                    .isTrue();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                assertThat(socket.isConnected()).isTrue();
                return process;
            } catch (java.io.IOException notYet) {
                Thread.sleep(250);
            }
        }
        throw new AssertionError("the records server did not listen on " + port + " within 60 s");
    }

    private static Path caOf(String org) {
        String domain = org.toLowerCase(java.util.Locale.ROOT) + ".medfed.local";
        return NET.dataDir().resolve("crypto/peerOrganizations/" + domain + "/ca/ca." + domain + "-cert.pem");
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static FederationMember member(String org, Role role, Path user) throws Exception {
        return new FederationMember(
                org,
                role,
                ConnectionProfile.load(user),
                NET.profile(org, "admin"),
                "maternal-" + org.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A risk model (docs/access.md) on the maternal health risk table: 16 ReLU units, DP-SGD at σ 1.0 with clip 1,
     * two epochs a round, fedavg; the held-back fifth plays the patients whose risk is attested.
     */
    private static FederationOptions maternalRisk() {
        return new FederationOptions(
                TASK,
                "Maternal health risk (vital signs to low, mid or high risk) for risk-based access decisions",
                List.of(16L),
                4,
                2,
                120,
                2,
                32,
                new BigDecimal("0.5"),
                "fedavg",
                BigDecimal.ONE,
                BigDecimal.ONE,
                new BigDecimal("0.00001"),
                new BigDecimal("50"),
                0.2,
                0.1,
                20261206,
                null);
    }

    private static <T> T waitFor(Ledgerside.Read<T> read, Predicate<T> done, Duration timeout, String what)
            throws Exception {
        return Ledgerside.waitFor(read, done, timeout, what, NET.logDir());
    }

    /**
     * Clinicians see a patient at risk in full for treatment and a stable one's summary; research is denied; the
     * break-glass grant is vitals and notes for 20 s, flagged from the second within a day.
     */
    private static final String POLICY = """
            {"version": 1,
             "rules": [
               {"roles": ["clinician"], "purposes": ["TREAT", "ETREAT"], "risks": ["critical", "serious"],
                "effect": "allow", "scopes": ["summary", "vitals", "notes"], "grantSeconds": 3600},
               {"roles": ["clinician"], "purposes": ["TREAT"], "risks": ["stable"],
                "effect": "allow", "scopes": ["summary"], "grantSeconds": 600},
               {"roles": ["payer"], "purposes": ["HPAYMT"], "risks": ["stable", "serious", "critical", "unknown"],
                "effect": "allow", "scopes": ["summary"], "grantSeconds": 600},
               {"roles": ["researcher", "privacy-officer"], "purposes": ["HRESCH"],
                "risks": ["stable", "serious", "critical", "unknown"], "effect": "deny"}
             ],
             "breakGlass": {"roles": ["clinician"], "scopes": ["vitals", "notes"], "grantSeconds": 20,
                            "repeatWindowSeconds": 86400, "repeatThreshold": 2}}
            """;
}
