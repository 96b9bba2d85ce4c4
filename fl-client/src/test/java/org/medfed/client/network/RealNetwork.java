package org.medfed.client.network;

import static org.medfed.client.network.LedgerRetry.withRetry;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.medfed.client.bench.BenchTask;
import org.medfed.client.gateway.CertificateSubjects;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.reputation.ReputationPolicy;
import org.opentest4j.TestAbortedException;

/**
 * The one set-up of every real-network IT, as a JUnit 5 extension on a static field of the test class:
 * <pre>
 * {@literal @}RegisterExtension
 * static final RealNetwork NET = RealNetwork.deployed("aggregation");
 * </pre>
 * Before the class: {@code network.sh up --ledger <engine>} from nothing (the engine that the failsafe execution
 * names, {@link NetworkScripts#engine()}) and {@code deploy}; or {@code up --ipfs-only} for the Kubo swarm alone.
 * Fabric asked for where it cannot be installed aborts every test of the class with
 * {@link NetworkScripts#FABRIC_NOT_RUN} (reported as skipped, never as passed); on the embedded ledger every failure
 * fails. After the class: the gateways it opened are closed and the network goes {@code down}. The field is also the
 * handle the tests use (scripts, profiles, cached gateways, Kubo nodes); a test or lifecycle method may instead take
 * a {@link RealNetwork} or {@link NetworkScripts} parameter.
 */
public final class RealNetwork implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {

    /** The three organisations every network starts with, in network.config's order. */
    static final List<String> ORGS = List.of("Hospital", "Clinic", "Wearable");

    private final NetworkScripts scripts;
    private final boolean withLedger;
    private final Map<String, GatewayConnection> gateways = new ConcurrentHashMap<>();
    private Duration kuboTimeout = Duration.ofSeconds(30);
    private boolean statusBeforeDown;
    /** Extra arguments of {@code up} (e.g. {@code --orderers 3}). */
    private List<String> upArgs = List.of();
    /** The Raft cluster size of the multi-host rehearsal, or 0 for a network on this host. */
    private int multiHostOrderers;
    /**
     * Why every test of the class is aborted (Fabric asked for and not installed; a Fabric-only class on the
     * embedded ledger; an opt-in class not opted in), or null.
     */
    private TestAbortedException notRun;

    private RealNetwork(String name, boolean withLedger) {
        this.scripts = new NetworkScripts(name);
        this.withLedger = withLedger;
    }

    /** The ledger, the chaincode servers and Kubo, deployed, on data of its own under {@code it-network/name}. */
    public static RealNetwork deployed(String name) {
        return new RealNetwork(name, true);
    }

    /** The organisations' Kubo nodes alone ({@code up --ipfs-only}): no ledger engine is involved. */
    static RealNetwork ipfsOnly(String name) {
        return new RealNetwork(name, false);
    }

    /** Kubo calls of this network may take this long (large blobs); 30 s otherwise. */
    RealNetwork kuboTimeout(Duration timeout) {
        this.kuboTimeout = timeout;
        return this;
    }

    /** A Fabric network with a Raft cluster of {@code n} orderers ({@code up --orderers n}). */
    RealNetwork orderers(int n) {
        this.upArgs = List.of("--orderers", Integer.toString(n));
        return this;
    }

    /**
     * A class that only Fabric can run ({@code why}: what it does that the embedded ledger has no process for): on
     * the embedded ledger every test is aborted with that reason before anything starts, reported as skipped.
     */
    RealNetwork fabricOnly(String why) {
        if (NetworkScripts.EMBEDDED.equals(NetworkScripts.engine()) && notRun == null) {
            notRun = new TestAbortedException("NOT RUN on the embedded ledger: " + why);
        }
        return this;
    }

    /**
     * The multi-host rehearsal (docs/operations.md): every organisation and each of {@code orderers} orderers on a
     * host (network namespace) of its own, up through {@code network/multihost/up.sh}, on Fabric. Opt-in with
     * {@code -Dmedfed.it.multihost=true}, since it needs root, the topology made beforehand from the host's shell
     * and this JVM on the operator's host; without it every test is aborted saying how to run it.
     */
    static RealNetwork multiHost(String name, int orderers) {
        RealNetwork net = new RealNetwork(name, true).fabricOnly("the multi-host rehearsal runs Fabric's processes");
        net.multiHostOrderers = orderers;
        if (net.notRun == null && !Boolean.getBoolean(MULTIHOST_PROPERTY)) {
            net.notRun = new TestAbortedException("NOT RUN: the multi-host rehearsal is opt-in (-D" + MULTIHOST_PROPERTY
                    + "=true): as root, network/multihost/up.sh --topology-only --orderers " + orderers
                    + ", then this test through network/multihost/exec.sh (docs/operations.md)");
        }
        return net;
    }

    /** The system property that opts into the multi-host rehearsal's test. */
    static final String MULTIHOST_PROPERTY = "medfed.it.multihost";

    /**
     * Whether the network is up for this class's tests: false when they are all aborted (see {@link #fabricOnly}).
     * A class's own {@code @BeforeAll} runs after this extension's and must not touch the network then: its tests
     * report the reason themselves.
     */
    boolean isUp() {
        return notRun == null;
    }

    /** Prints {@code status} before {@code down}, for tests whose processes' state is worth seeing afterwards. */
    RealNetwork statusBeforeDown() {
        this.statusBeforeDown = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (notRun != null) {
            System.err.println("\n!!!!! " + notRun.getMessage() + "\n");
            return;
        }
        if (!withLedger) {
            NetworkScripts.requirePortsFree();
            scripts.require(120, "clean");
            scripts.require(1800, "up", "--ipfs-only");
            return;
        }
        try {
            if (multiHostOrderers > 0) {
                scripts.upMultiHostFromNothing(multiHostOrderers);
            } else {
                scripts.upFromNothing(upArgs.toArray(String[]::new));
            }
        } catch (TestAbortedException e) {
            notRun = e;
            return;
        }
        scripts.require(900, "deploy");
    }

    /** Each test reports the reason itself, so the summary counts them as skipped rather than showing none run. */
    @Override
    public void beforeEach(ExtensionContext context) {
        if (notRun != null) {
            throw new TestAbortedException(notRun.getMessage());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        gateways.values().forEach(GatewayConnection::close);
        gateways.clear();
        if (notRun != null && !notRun.getMessage().startsWith(NetworkScripts.FABRIC_NOT_RUN)) {
            return; // nothing was started
        }
        if (statusBeforeDown) {
            scripts.run(120, "status");
        }
        scripts.run(120, "down");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RealNetwork.class || type == NetworkScripts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RealNetwork.class ? this : scripts;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The scripts

    NetworkScripts scripts() {
        return scripts;
    }

    NetworkScripts.Result require(long timeoutSeconds, String... args) {
        return scripts.require(timeoutSeconds, args);
    }

    NetworkScripts.Result require(Map<String, String> extraEnv, long timeoutSeconds, String... args) {
        return scripts.require(extraEnv, timeoutSeconds, args);
    }

    NetworkScripts.Result run(long timeoutSeconds, String... args) {
        return scripts.run(timeoutSeconds, args);
    }

    Path dataDir() {
        return scripts.dataDir();
    }

    Path logDir() {
        return scripts.logDir();
    }

    Path root() {
        return scripts.root();
    }

    /** The shaded medfed CLI, built in the package phase before the ITs. */
    Path cliJar() {
        return root().resolve("fl-client/target/medfed-cli.jar");
    }

    /**
     * {@code medfed console} on a free port as {@code profile}, as an operator runs it, in a JVM of its own (stdout
     * and stderr merged): the caller starts it and reads the address it prints.
     */
    ProcessBuilder consoleProcess(String profile) {
        return new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-jar",
                        cliJar().toString(),
                        "console",
                        "--port",
                        "0",
                        "--profile",
                        profile,
                        "--profiles-dir",
                        dataDir().resolve("profiles").toString())
                .redirectErrorStream(true);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Identities and gateways

    /** The profile file {@code network.sh} wrote for {@code org}'s {@code user} (admin, user1). */
    Path profileFile(String org, String user) {
        return scripts.profile(org, user);
    }

    ConnectionProfile profile(String org, String user) throws Exception {
        return ConnectionProfile.load(profileFile(org, user));
    }

    /** The subject as the chaincode reads it from the profile's certificate. */
    static String subject(ConnectionProfile profile) throws Exception {
        return CertificateSubjects.of(profile.certificate());
    }

    /** {@code org}'s {@code user}'s gateway, opened once and closed after the class. */
    public GatewayConnection gateway(String org, String user) {
        return gateway(org.toLowerCase() + "-" + user, profileFile(org, user));
    }

    /** The gateway of the identity {@code name} whose profile is {@code profile}, opened once. */
    GatewayConnection gateway(String name, Path profile) {
        return gateways.computeIfAbsent(name, n -> {
            try {
                return GatewayConnection.open(ConnectionProfile.load(profile));
            } catch (Exception e) {
                throw new AssertionError("cannot connect as " + n + ": " + e.getMessage(), e);
            }
        });
    }

    byte[] submit(String org, String user, String tx, Object... args) throws Exception {
        return gateway(org, user).submit(tx, arguments(args));
    }

    byte[] evaluate(String org, String user, String tx, Object... args) throws Exception {
        return gateway(org, user).evaluate(tx, arguments(args));
    }

    /** Transaction arguments: maps and lists become canonical JSON; everything else its string form. */
    static String[] arguments(Object... args) {
        String[] out = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            out[i] = args[i] instanceof Map<?, ?> || args[i] instanceof List<?>
                    ? CanonicalJson.encode(args[i])
                    : String.valueOf(args[i]);
        }
        return out;
    }

    /**
     * {@code org}'s User1 registered by the Hospital's MSP admin, in the role its organisation plays, retried
     * while the freshly deployed chaincode becomes reachable; returns the participant record.
     */
    public Map<String, Object> registerUser1(String org) throws Exception {
        ConnectionProfile profile = profile(org, "user1");
        return LedgerJson.json(withRetry(() -> submit(
                "Hospital",
                "admin",
                "participant:registerParticipant",
                profile.mspId(),
                subject(profile),
                role(org),
                org + " User1")));
    }

    /**
     * {@code org}'s User1 registered ({@link #registerUser1}), then {@code dataset} registered by it as its own, retried
     * likewise; returns the participant id.
     */
    public String registerDataHolder(String org, DatasetRegistration dataset) throws Exception {
        String id = (String) registerUser1(org).get("id");
        LedgerJson.json(withRetry(() -> submit(org, "user1", "dataset:registerDataset", dataset.toJson())));
        return id;
    }

    /** The DP parameters the updates of the real-network ITs report: bench round's (q 0.1, σ 1.1, two steps, C 1). */
    static final DpUsage DP_USED = BenchTask.DP_USED;

    /** The DP policy of the real-network ITs' tasks, bench round's: clip 1, σ 1.1, δ 1e-5, ε at most 50. */
    static final DpPolicy DP_POLICY = BenchTask.DP_POLICY;

    /**
     * A task on the 4-3-2 MLP ({@code initial}, 23 parameters), one epoch of SGD, quorum 2, paused after two aborts,
     * {@link #DP_POLICY}, the default reputation policy.
     */
    static TaskSpec smallTask(
            String id,
            String title,
            ContentRef initial,
            long rounds,
            long roundSeconds,
            StrategySpec strategy,
            List<String> eligible,
            List<String> datasets) {
        return task(
                id,
                title,
                new ModelSpec(ModelSpec.MLP, 4, List.of(3L), "relu", 2, initial),
                rounds,
                roundSeconds,
                strategy,
                eligible,
                datasets);
    }

    /** {@link #smallTask} with another model. */
    static TaskSpec task(
            String id,
            String title,
            ModelSpec model,
            long rounds,
            long roundSeconds,
            StrategySpec strategy,
            List<String> eligible,
            List<String> datasets) {
        return new TaskSpec(
                id,
                title,
                model,
                new TrainingSpec(1, 32, new BigDecimal("0.01"), "sgd", BigDecimal.ZERO),
                rounds,
                2,
                roundSeconds,
                2,
                strategy,
                DP_POLICY,
                ReputationPolicy.defaults(),
                eligible,
                datasets);
    }

    /** The participant role each organisation's User1 is registered with. */
    static String role(String org) {
        return switch (org) {
            case "Hospital" -> "hospital";
            case "Clinic" -> "clinic";
            default -> "wearable-gateway";
        };
    }

    /**
     * A submit returns once the gateway's own peer has committed; the other organisations' peers commit the same
     * block a moment later. Before a step that another organisation's peers endorse on the strength of a previous
     * one, wait until every organisation's peer shows it (evaluating as that organisation's User1): a record not
     * there yet (NOT_FOUND) and transient gateway errors are retried for 30 s. Reports lag; returns the last view.
     */
    Map<String, Object> awaitOnEveryPeer(String what, String tx, Predicate<Map<String, Object>> ready, Object... args)
            throws Exception {
        Map<String, Object> last = null;
        for (String org : ORGS) {
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            int attempts = 0;
            while (true) {
                attempts++;
                try {
                    last = LedgerJson.json(withRetry(() -> evaluate(org, "user1", tx, args)));
                } catch (MedfedException e) {
                    if (!ErrorCode.NOT_FOUND.name().equals(e.code()) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(50);
                    continue;
                }
                if (ready.test(last)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + ": the " + org + " peer still shows " + CanonicalJson.encode(last));
                }
                Thread.sleep(50);
            }
            if (attempts > 1) {
                System.out.printf(
                        "[peer lag] %s: the %s peer caught up after %d ms%n",
                        what, org, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
        }
        return last;
    }

    /** The medfed CLI in this JVM with this network's profiles ({@code --profiles-dir} added to {@code args}). */
    MedfedCli.Run cli(String... args) {
        return MedfedCli.run(dataDir().resolve("profiles"), args);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Kubo

    /** {@code org}'s Kubo node: through its User1 profile, or by network.config's port without a ledger. */
    KuboBlobStore kubo(String org) throws Exception {
        if (!withLedger) {
            int index = ORGS.indexOf(org);
            return new KuboBlobStore(
                    URI.create("http://127.0.0.1:" + NetworkScripts.orgPort(index, "IPFS_API_OFFSET")));
        }
        return new KuboBlobStore(profile(org, "user1").ipfsApi(), kuboTimeout);
    }

    /** Up to 1 MiB of the blob {@code cid} from {@code org}'s node. */
    byte[] cat(String org, String cid) throws Exception {
        try (KuboBlobStore kubo = kubo(org)) {
            return kubo.cat(cid, 1 << 20);
        }
    }

    /** {@code data} added to every organisation's node, which must all name it by the same CID. */
    public ContentRef addEverywhere(byte[] data) throws Exception {
        ContentRef ref = null;
        for (String org : ORGS) {
            try (KuboBlobStore kubo = kubo(org)) {
                var added = kubo.add(data);
                var here = new ContentRef(added.cid(), added.sha256Hex());
                if (ref != null && !ref.equals(here)) {
                    throw new AssertionError("same bytes, another CID at " + org + ": " + here + " vs " + ref);
                }
                ref = here;
            }
        }
        return ref;
    }
}
