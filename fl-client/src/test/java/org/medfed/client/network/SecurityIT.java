package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.client.network.LedgerRetry.withRetry;

import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.gateway.CertificateSubjects;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.ErrorMapper;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.model.UsePurpose;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.embedded.msp.CryptoGenerator;
import org.medfed.embedded.msp.Validity;

/**
 * Issue 18, item 6, on the real network (both engines, through the unchanged fabric-gateway client):
 * <ol>
 *   <li>the identities an organisation's MSP must refuse are refused over the gateway, in Fabric's words (those
 *       without a chain to the CA as "creator org unknown, creator is malformed", the revoked one naming its
 *       organisation, the expired one by the expiration filter), and write nothing, while a valid identity does the
 *       same transaction: an expired certificate of the organisation's
 *       own CA; a certificate of a foreign CA claiming the organisation's MSP id; the organisation's revoked test
 *       identity (its CA's CRL in {@code msp/crls}, made by the network's crypto step before the channel); one
 *       dated before its CA (Fabric verifies the chain as of the identity's NotBefore); and a certificate of the
 *       Hospital's CA presented as the Clinic's;</li>
 *   <li>a valid Hospital client acting for the Clinic's dataset is refused by the chaincode with its stable code
 *       ({@code UNAUTHORIZED} to decide on its use, {@code DATASET_NOT_ADMITTED} to submit an update for it);</li>
 *   <li>the private keys, profiles and swarm key the scripts wrote are their owner's only;</li>
 *   <li>every process of the network (ledger or peers and orderer, chaincode servers, Kubo nodes) and the web
 *       console listen on loopback addresses only, read from /proc/net/tcp{,6} and the processes' sockets.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("security");

    @TempDir
    static Path scratch;

    private static final String CHANNEL = "medfed";
    private static final String TASK = "sec";
    private static final int PARAMETERS = 23;
    private static final Pattern CONSOLE = Pattern.compile("console at (http://127\\.0\\.0\\.1:(\\d+)/)");

    private static Process console;
    /** The gRPC channels of the identities this test made up (the network's own are NET's). */
    private static final List<ManagedChannel> CHANNELS = new ArrayList<>();

    private static final Map<String, String> HOLDERS = new TreeMap<>();

    @AfterAll
    static void stopConsole() throws InterruptedException {
        CHANNELS.forEach(GatewayConnection::shutdown);
        if (console != null) {
            console.destroy();
            console.waitFor(10, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 1. Identities the MSP refuses

    @Test
    @Order(1)
    void aValidIdentityRegistersItsDatasetThatTheRefusedOnesCannot() throws Exception {
        HOLDERS.put("Hospital", NET.registerDataHolder("Hospital", dataset("hospital-sec")));
        HOLDERS.put("Clinic", NET.registerDataHolder("Clinic", dataset("clinic-sec")));
        NET.registerUser1("Wearable"); // every organisation's User1 reads the round in awaitOnEveryPeer
        assertThat(LedgerJson.json(NET.evaluate("Clinic", "user1", "dataset:getDataset", "clinic-sec")))
                .containsEntry("id", "clinic-sec");
    }

    @Test
    @Order(2)
    void anExpiredCertificateOfTheOrganisationsOwnCaIsRefused() throws Exception {
        Path orgDir = orgDir("Hospital");
        // Issued while its CA was valid, so that nothing but its expiry refuses it.
        Validity ca = CryptoGenerator.authorityValidity(orgDir, "Hospital");
        Path msp = CryptoGenerator.issueUser(
                orgDir,
                "Hospital",
                "Expired",
                new Validity(ca.notBefore(), Instant.now().minusSeconds(1)));
        Client expired = registeredHolder("Hospital", "HospitalMSP", msp);

        assertRefused(
                () -> expired.submit(
                        "dataset:registerDataset",
                        RealNetwork.arguments(dataset("expired-sec").toJson())),
                "HospitalMSP",
                "proposal client identity expired");
        assertNoDataset("expired-sec");
    }

    @Test
    @Order(3)
    void aCertificateOfAForeignCaClaimingTheOrganisationsMspIdIsRefused() throws Exception {
        // Same organisation name, domain and subjects as the Hospital's, another CA: an admin by its own OU.
        Path rogue = scratch.resolve("rogue").resolve("hospital.medfed.local");
        CryptoGenerator.generateOrg(rogue, "Hospital", Validity.cryptogenDefault(Instant.now()));
        Path msp = rogue.resolve("users/Admin@hospital.medfed.local/msp");
        Client impostor = connect("Hospital", "HospitalMSP", msp);
        String subject = CertificateSubjects.of(certificate(msp));

        assertRefused(
                () -> impostor.submit(
                        "participant:registerParticipant", "HospitalMSP", subject, "admin", "Rogue admin"),
                "HospitalMSP",
                MALFORMED);
        assertNoParticipant("HospitalMSP", subject);
    }

    @Test
    @Order(4)
    void theOrganisationsRevokedTestIdentityIsRefused() throws Exception {
        for (String org : RealNetwork.ORGS) {
            assertThat(NET.dataDir()
                            .resolve(
                                    "crypto/peerOrganizations/" + org.toLowerCase() + ".medfed.local/msp/crls/crl.pem"))
                    .as(org + "'s CRL, in the MSP folder the channel was created from")
                    .isRegularFile();
        }
        Path msp = userMsp("Hospital", CryptoGenerator.REVOKED_USER);
        Client revoked = registeredHolder("Hospital", "HospitalMSP", msp);

        assertRefused(
                () -> revoked.submit(
                        "dataset:registerDataset",
                        RealNetwork.arguments(dataset("revoked-sec").toJson())),
                "HospitalMSP",
                accessDenied("HospitalMSP"));
        assertNoDataset("revoked-sec");
    }

    @Test
    @Order(5)
    void aCertificateDatedBeforeItsCaIsRefused() throws Exception {
        Path orgDir = orgDir("Clinic");
        Validity ca = CryptoGenerator.authorityValidity(orgDir, "Clinic");
        Path msp = CryptoGenerator.issueUser(
                orgDir,
                "Clinic",
                "Early",
                new Validity(
                        ca.notBefore().minus(1, ChronoUnit.HOURS), Instant.now().plus(1, ChronoUnit.DAYS)));
        Client early = registeredHolder("Clinic", "ClinicMSP", msp);

        assertRefused(
                () -> early.submit(
                        "dataset:registerDataset",
                        RealNetwork.arguments(dataset("early-sec").toJson())),
                "ClinicMSP",
                MALFORMED);
        assertNoDataset("early-sec");
    }

    @Test
    @Order(6)
    void theHospitalsCertificatePresentedAsTheClinicsIsRefused() throws Exception {
        Path msp = userMsp("Hospital", "Admin");
        Client claiming = connect("Clinic", "ClinicMSP", msp);
        String subject = CertificateSubjects.of(certificate(msp));

        assertRefused(
                () -> claiming.submit("participant:registerParticipant", "ClinicMSP", subject, "admin", "Not Clinic"),
                "ClinicMSP",
                MALFORMED);
        assertNoParticipant("ClinicMSP", subject);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 2. A valid client of one organisation acting for another's dataset

    @Test
    @Order(7)
    void aHospitalClientCannotDecideOnOrSubmitForTheClinicsDataset() throws Exception {
        float[] global = new float[PARAMETERS];
        Random random = new Random(18);
        for (int i = 0; i < PARAMETERS; i++) {
            global[i] = (float) random.nextGaussian();
        }
        ContentRef initial = NET.addEverywhere(FloatVectorCodec.encode(global));
        List<String> holders = List.of(HOLDERS.get("Hospital"), HOLDERS.get("Clinic"));
        TaskSpec spec = RealNetwork.smallTask(
                        TASK,
                        "Acting for another organisation",
                        initial,
                        2,
                        600,
                        new StrategySpec("fedavg", new TreeMap<>()),
                        holders,
                        List.of("hospital-sec", "clinic-sec"))
                .withUse(new UsePurpose(PurposeOfUse.HRESCH, "a security test"), null);
        LedgerJson.json(withRetry(() -> NET.submit("Hospital", "admin", "task:createTask", spec.toJson())));
        NET.awaitOnEveryPeer(
                "round 1 of " + TASK + " open",
                "round:getRound",
                view -> "open".equals(LedgerJson.obj(view.get("round")).get("status")),
                TASK,
                1);

        assertCode(
                () -> NET.submit("Hospital", "user1", "dataset:approveDatasetUse", TASK, "clinic-sec", ""),
                ErrorCode.UNAUTHORIZED);
        assertThat(LedgerJson.json(NET.evaluate("Clinic", "user1", "dataset:getDatasetUse", TASK, "clinic-sec")))
                .containsEntry("status", "pending");

        BlobRef update;
        try (KuboBlobStore kubo = NET.kubo("Hospital")) {
            update = kubo.add(FloatVectorCodec.encode(global));
        }
        UpdateSubmission forClinic = new UpdateSubmission(
                TASK,
                1,
                "clinic-sec",
                update.cid(),
                update.sha256Hex(),
                PARAMETERS,
                80,
                initial.sha256(),
                UpdateKind.FULL,
                new TreeMap<>(Map.of("auc", new BigDecimal("0.8"))),
                RealNetwork.DP_USED);
        assertCode(
                () -> NET.submit("Hospital", "user1", "round:submitUpdate", forClinic.toJson()),
                ErrorCode.DATASET_NOT_ADMITTED);
        assertThat(LedgerJson.maps(
                        LedgerJson.json(NET.evaluate("Hospital", "user1", "round:listUpdates", TASK, 1, 10, ""))
                                .get("items")))
                .isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------------
    // 3. Owner-only files

    @Test
    @Order(8)
    void everyKeyProfileAndSecretTheScriptsWroteIsItsOwnersOnly() throws Exception {
        Path data = NET.dataDir();
        assertThat(mode(data)).as("the data folder").isEqualTo("rwx------");
        List<Path> keys;
        try (Stream<Path> files = Files.walk(data.resolve("crypto"))) {
            keys = files.filter(f -> f.getFileName().toString().matches("priv_sk|.*\\.key"))
                    .toList();
        }
        // Per organisation: two CAs, and peer0, Admin, User1, Revoked1 (plus the users this test issued) sign and
        // hold a TLS key; Fabric also has the orderer organisation's.
        assertThat(keys).hasSizeGreaterThanOrEqualTo(3 * 10);
        for (Path key : keys) {
            assertThat(mode(key)).as(key.toString()).isEqualTo("rw-------");
            assertThat(mode(key.getParent())).as(key.getParent().toString()).isEqualTo("rwx------");
        }
        assertThat(mode(data.resolve("crypto"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve("profiles"))).isEqualTo("rwx------");
        try (Stream<Path> profiles = Files.list(data.resolve("profiles"))) {
            List<Path> all = profiles.toList();
            assertThat(all).hasSize(2 * RealNetwork.ORGS.size());
            for (Path profile : all) {
                assertThat(mode(profile)).as(profile.toString()).isEqualTo("rw-------");
            }
        }
        assertThat(mode(data.resolve("ipfs"))).isEqualTo("rwx------");
        assertThat(mode(data.resolve("ipfs/swarm.key"))).isEqualTo("rw-------");
        for (String org : RealNetwork.ORGS) {
            Path repo = data.resolve("ipfs").resolve(org.toLowerCase());
            assertThat(mode(repo)).as(repo.toString()).isEqualTo("rwx------");
            assertThat(mode(repo.resolve("config")))
                    .as("Kubo's config holds the node's key")
                    .isEqualTo("rw-------");
            Path subsetKey = data.resolve("subset").resolve(org.toLowerCase() + ".key");
            assertThat(mode(subsetKey)).isEqualTo("rw-------");
            assertThat(mode(subsetKey.getParent())).isEqualTo("rwx------");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4. Loopback only

    @Test
    @Order(9)
    void everyProcessOfTheNetworkAndTheConsoleListensOnLoopbackOnly() throws Exception {
        int consolePort = consolePort();
        Map<String, Long> processes = new TreeMap<>();
        try (Stream<Path> pidFiles = Files.list(NET.dataDir().resolve("pids"))) {
            for (Path file : pidFiles.toList()) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                processes.put(name, Long.parseLong(Files.readString(file).strip()));
            }
        }
        processes.put("console", console.pid());
        boolean fabric = NetworkScripts.FABRIC.equals(NetworkScripts.engine());
        assertThat(processes.keySet())
                .contains("chaincode-hospital", "ipfs-hospital", fabric ? "peer-hospital" : "ledger");

        TreeSet<Integer> ports = new TreeSet<>();
        List<String> report = new ArrayList<>();
        for (Map.Entry<String, Long> process : processes.entrySet()) {
            List<ListeningSockets.Socket> sockets = ListeningSockets.of(process.getValue());
            report.add(process.getKey() + " (pid " + process.getValue() + "): " + sockets);
            assertThat(sockets).as(process.getKey() + " listens").isNotEmpty();
            assertThat(sockets)
                    .as(process.getKey() + " listens on loopback only")
                    .allSatisfy(s -> assertThat(s.loopback()).as(s.toString()).isTrue());
            sockets.forEach(s -> ports.add(s.port()));
        }
        System.out.println(
                "[loopback] listening sockets of the network's processes:\n  " + String.join("\n  ", report));

        List<Integer> expected = new ArrayList<>(List.of(consolePort));
        for (int i = 0; i < RealNetwork.ORGS.size(); i++) {
            for (String offset : List.of(
                    "PEER_OFFSET",
                    "PEER_OPERATIONS_OFFSET",
                    "CHAINCODE_SERVER_OFFSET",
                    "IPFS_API_OFFSET",
                    "IPFS_SWARM_OFFSET")) {
                expected.add(NetworkScripts.orgPort(i, offset));
            }
            if (fabric) {
                expected.add(NetworkScripts.orgPort(i, "PEER_CHAINCODE_OFFSET"));
            }
        }
        if (fabric) {
            Map<String, String> config = NetworkScripts.config();
            int base = Integer.parseInt(config.get("ORDERER_PORT_BASE"));
            for (String offset : List.of("ORDERER_OFFSET", "ORDERER_ADMIN_OFFSET", "ORDERER_OPERATIONS_OFFSET")) {
                expected.add(base + Integer.parseInt(config.get(offset)));
            }
        }
        assertThat(ports).as("every server of the network was found").containsAll(expected);
        // And whoever holds them: no socket of this namespace listens on one of these ports beyond loopback.
        assertThat(ListeningSockets.all())
                .filteredOn(s -> expected.contains(s.port()))
                .allSatisfy(s -> assertThat(s.loopback()).as(s.toString()).isTrue());
    }

    // ------------------------------------------------------------------------------------------------------------

    private static Path orgDir(String org) {
        return NET.dataDir().resolve("crypto/peerOrganizations/" + org.toLowerCase() + ".medfed.local");
    }

    private static Path userMsp(String org, String user) {
        return orgDir(org).resolve("users/" + user + "@" + org.toLowerCase() + ".medfed.local/msp");
    }

    private static Path certificate(Path msp) throws Exception {
        try (Stream<Path> files = Files.list(msp.resolve("signcerts"))) {
            return files.findFirst().orElseThrow();
        }
    }

    /**
     * The fabric-gateway client, unchanged, to {@code org}'s peer as the identity of {@code msp} claiming
     * {@code mspId}. Not medfed's GatewayConnection, which refuses an expired certificate before it sends anything.
     */
    private static Client connect(String org, String mspId, Path msp) throws Exception {
        ConnectionProfile base = NET.profile(org, "user1");
        X509Certificate certificate;
        PrivateKey key;
        try (Reader cert = Files.newBufferedReader(certificate(msp));
                Stream<Path> keys = Files.list(msp.resolve("keystore"))) {
            certificate = Identities.readX509Certificate(cert);
            try (Reader in = Files.newBufferedReader(keys.findFirst().orElseThrow())) {
                key = Identities.readPrivateKey(in);
            }
        }
        ManagedChannel channel = GatewayConnection.builder(base).channel();
        CHANNELS.add(channel);
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(mspId, certificate))
                .signer(Signers.newPrivateKeySigner(key))
                .connection(channel)
                .endorseOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        return new Client(
                gateway.getNetwork(base.channel()).getContract(base.chaincode()), new ErrorMapper(base.peerEndpoint()));
    }

    /** A made-up identity's contract; its failures mapped as medfed's client maps them. */
    private record Client(Contract contract, ErrorMapper errors) {
        byte[] submit(String transaction, String... args) throws MedfedException {
            try {
                return contract.submitTransaction(transaction, args);
            } catch (Exception e) {
                throw errors.map(e);
            }
        }
    }

    /**
     * The identity of {@code msp}, registered by the Hospital's admin as a participant of {@code org} in its data
     * holder role: so the chaincode would let it register a dataset, and only its certificate can stop it.
     */
    private static Client registeredHolder(String org, String mspId, Path msp) throws Exception {
        String subject = CertificateSubjects.of(certificate(msp));
        LedgerJson.json(withRetry(() -> NET.submit(
                "Hospital",
                "admin",
                "participant:registerParticipant",
                mspId,
                subject,
                RealNetwork.role(org),
                org + " test identity")));
        return connect(org, mspId, msp);
    }

    /**
     * Fabric's words for a creator its MSP cannot deserialize, which is what a certificate without a chain to the
     * CA as of its own NotBefore is (foreign CA, another organisation's CA, dated before the CA): bccspmsp builds
     * that chain while deserializing (msp/identities.go newIdentity, sanitizeCert). Seen on Fabric 3.1.5.
     */
    private static final String MALFORMED =
            "access denied: channel [" + CHANNEL + "] creator org unknown, creator is " + "malformed";

    /** Fabric's words for a creator its MSP deserializes and then refuses (revoked, here). */
    private static String accessDenied(String mspId) {
        return "access denied: channel [" + CHANNEL + "] creator org [" + mspId + "]";
    }

    /**
     * Refused by the MSP of {@code mspId}'s organisation: PERMISSION_DENIED to medfed's client, and Fabric's gateway
     * error naming the refusal in a detail from that organisation's peer.
     */
    private static void assertRefused(ThrowingCallable call, String mspId, String fabricWords) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MedfedException.class, e -> {
            System.out.printf("[refused] %s: %s%n", mspId, e.getMessage());
            assertThat(e.code()).isEqualTo(MedfedException.PERMISSION_DENIED);
            assertThat(e.getCause())
                    .isInstanceOfSatisfying(
                            GatewayException.class,
                            g -> assertThat(g.getDetails()).anySatisfy(d -> {
                                assertThat(d.getMspId()).isEqualTo(mspId);
                                assertThat(d.getMessage()).contains(fabricWords);
                            }));
        });
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MedfedException.class, e -> {
            System.out.printf("[refused] %s: %s%n", code, e.getMessage());
            assertThat(e.code()).isEqualTo(code.name());
        });
    }

    private static void assertNoDataset(String id) {
        assertCode(() -> NET.evaluate("Hospital", "user1", "dataset:getDataset", id), ErrorCode.NOT_FOUND);
    }

    private static void assertNoParticipant(String mspId, String subject) {
        assertCode(
                () -> NET.evaluate(
                        "Hospital", "admin", "participant:getParticipant", ParticipantIds.of(mspId, subject)),
                ErrorCode.NOT_FOUND);
    }

    private static DatasetRegistration dataset(String id) {
        return new DatasetRegistration(
                id,
                new DatasetSchema(List.of(
                                new DatasetSchema.Column("heart_rate", "float"),
                                new DatasetSchema.Column("sepsis", "int")))
                        .fingerprint(),
                80,
                Hashing.sha256Hex(id.getBytes(UTF_8)),
                "archive",
                "broad consent",
                "consortium-internal");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    /**
     * {@code medfed console} as its own process, as an operator runs it, started before the tests so that its JVM
     * starts while they run; {@link #consolePort} waits for the address it prints.
     */
    @BeforeAll
    static void startConsole() throws Exception {
        if (!NET.isUp()) {
            return; // every test is aborted with the reason (e.g. Fabric not installed)
        }
        console = NET.consoleProcess("hospital-user1").start();
        BufferedReader out = new BufferedReader(new InputStreamReader(console.getInputStream(), UTF_8));
        consoleOutputEnd = CompletableFuture.supplyAsync(() -> {
            try {
                Integer port = null;
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    System.out.println("[console] " + line);
                    Matcher m = CONSOLE.matcher(line);
                    if (port == null && m.find()) {
                        port = Integer.parseInt(m.group(2));
                        CONSOLE_ADDRESS_PRINTED.complete(port);
                    }
                }
                return port;
            } catch (java.io.IOException e) {
                return null;
            }
        });
    }

    private static CompletableFuture<Integer> consoleOutputEnd;
    private static final CompletableFuture<Integer> CONSOLE_ADDRESS_PRINTED = new CompletableFuture<>();

    private static int consolePort() throws Exception {
        Integer port = CompletableFuture.anyOf(CONSOLE_ADDRESS_PRINTED, consoleOutputEnd)
                .thenApply(p -> (Integer) p)
                .get(60, TimeUnit.SECONDS);
        assertThat(port).as("the console printed its address").isNotNull();
        return port;
    }
}
