package org.medfed.client.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.medfed.client.ExitCodes;
import org.medfed.client.demo.DemoBlobRoundTrip.Node;
import org.medfed.client.demo.DemoPings.OrgPing;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.ConnectionProfiles;
import org.medfed.client.gateway.LedgerConnector;
import org.medfed.client.gateway.LedgerEngine;
import org.medfed.client.gateway.ProfileException;
import org.medfed.client.ipfs.BlobStoreFactory;

/**
 * The demo from start to end: network/network.sh up and deploy, a ping per organisation, a blob between two Kubo
 * nodes, the federated training, the report, network/network.sh down (unless kept).
 */
public final class DemoRun {

    public static final String LABEL = "medfed demo (a breast cancer model trained with differential privacy by a "
            + "hospital, a clinic and a wearable gateway on the local ledger + IPFS network)";
    static final Duration UP_TIMEOUT = Duration.ofMinutes(30);
    static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(15);
    static final Duration DOWN_TIMEOUT = Duration.ofMinutes(5);
    /** `up --ledger fabric`: Fabric is missing and a registry refuses to serve it (network/scripts/exit-codes.sh). */
    public static final int UP_FABRIC_REFUSED = ExitCodes.LEDGER_REFUSED;

    private static final String ADMIN_PROFILES = "*-admin.properties";

    /** What the demo reaches outside this process through; tests pass fakes. */
    public record Services(
            LedgerConnector connector,
            BlobStoreFactory blobStores,
            LongSupplier nanoClock,
            Sleeper sleeper,
            NetworkScript.Factory networkScripts,
            DemoTraining training) {}

    /**
     * @param profilesDir relative to the repository root, or absolute
     * @param ledger the engine of a new network ({@code fabric}, {@code embedded}), or null for the script's choice
     * @param smoke only the health checks, no training
     * @param inClear train with each site's update in clear (local DP) instead of secure aggregation
     */
    public record Settings(
            Path repositoryRoot, Path profilesDir, String ledger, boolean keep, boolean smoke, boolean inClear) {}

    private final Services services;
    private final Settings settings;
    private final PrintWriter progress;
    private final PrintWriter err;

    /** {@code progress} takes the steps and the scripts' output; {@code err} the warnings. */
    public DemoRun(Services services, Settings settings, PrintWriter progress, PrintWriter err) {
        this.services = services;
        this.settings = settings;
        this.progress = progress;
        this.err = err;
    }

    /**
     * Runs every step; the network is stopped afterwards, even when a step failed, unless it is kept.
     *
     * @throws DemoFailure a step failed: its one line and exit code
     */
    public DemoReport run() throws Exception {
        LongSupplier clock = services.nanoClock();
        long start = clock.getAsLong();
        progress.println(LABEL);
        NetworkScript script = services.networkScripts().at(settings.repositoryRoot());
        String ledger = settings.ledger();
        List<String> upArgs = ledger == null ? List.of("up") : List.of("up", "--ledger", ledger);
        int up = step(script, upArgs, UP_TIMEOUT);
        if (up == UP_FABRIC_REFUSED && "fabric".equals(ledger)) {
            throw new DemoFailure(
                    "demo BLOCKED: --ledger fabric, but Fabric binaries cannot be installed on this "
                            + "machine (the Go module proxy refuses to serve Hyperledger Fabric); run the demo without --ledger "
                            + "for the embedded ledger, or see docs/operations.md \"Installing Fabric\"",
                    ExitCodes.NETWORK_UNAVAILABLE);
        }
        requireSuccess("up", up);
        boolean downRan = false;
        try {
            requireSuccess("deploy", step(script, List.of("deploy"), DEPLOY_TIMEOUT));
            List<ConnectionProfile> admins = adminProfiles();
            String engine = LedgerEngine.of(admins);
            progress.println("==> ledger engine: " + engine);
            progress.println("==> ledger: system:ping and system:getPing for every organisation");
            progress.flush();
            DemoPings pinger = new DemoPings(services.connector(), clock, services.sleeper(), progress);
            List<OrgPing> pings = new ArrayList<>();
            for (ConnectionProfile profile : admins) {
                pings.add(pinger.ping(orgOf(profile), profile));
            }
            Node from = Node.of(admins.get(0));
            Node to = Node.of(admins.get(Math.min(1, admins.size() - 1)));
            progress.printf("==> IPFS: 1 MiB blob from %s's node to %s's node%n", from.mspId(), to.mspId());
            progress.flush();
            DemoBlobRoundTrip.Result blob = new DemoBlobRoundTrip(services.blobStores(), clock).run(from, to);
            DemoTraining.Outcome training = null;
            String verification = null;
            if (!settings.smoke()) {
                progress.println("==> federated training: WDBC split across Hospital, Clinic and Wearable, one client"
                        + " node process each, "
                        + (settings.inClear()
                                ? "each update in clear with local DP (--in-clear)"
                                : "secure aggregation with distributed DP (the ledger sees only the sum)"));
                progress.flush();
                training = services.training()
                        .run(
                                settings.repositoryRoot(),
                                profilesDir(),
                                settings.repositoryRoot().resolve(where().logs()),
                                !settings.inClear(),
                                progress);
                verification = training.verification();
            }
            int downStatus = -1;
            if (!settings.keep()) {
                downRan = true;
                downStatus = stop(script);
            }
            return new DemoReport(
                    engine,
                    pings,
                    blob,
                    training,
                    verification,
                    clock.getAsLong() - start,
                    where(),
                    new DemoReport.Stop(settings.keep(), downStatus));
        } finally {
            if (!settings.keep() && !downRan) {
                stop(script);
            }
        }
    }

    private int step(NetworkScript script, List<String> args, Duration timeout)
            throws DemoFailure, InterruptedException {
        String command = String.join(" ", args);
        progress.printf("==> %s %s (timeout %d min)%n", NetworkScript.PATH, command, timeout.toMinutes());
        progress.flush();
        try {
            return script.run(args, progress, timeout);
        } catch (TimeoutException e) {
            throw new DemoFailure(
                    "demo step `" + NetworkScript.PATH + " " + command + "` did not finish within "
                            + timeout.toMinutes() + " min; see the logs under " + where().logs(),
                    ExitCodes.NETWORK_UNAVAILABLE,
                    e);
        } catch (IOException e) {
            throw new DemoFailure(
                    "could not start `" + NetworkScript.PATH + " " + command + "`: " + e.getMessage(),
                    ExitCodes.NETWORK_UNAVAILABLE,
                    e);
        }
    }

    private void requireSuccess(String command, int status) throws DemoFailure {
        if (status != 0) {
            throw new DemoFailure(
                    "demo step `" + NetworkScript.PATH + " " + command + "` failed with exit status " + status
                            + "; see the logs under " + where().logs(),
                    ExitCodes.NETWORK_UNAVAILABLE);
        }
    }

    /** Runs down; its failure is a warning on stderr, so that it never hides why the demo failed. */
    private int stop(NetworkScript script) throws InterruptedException {
        int status;
        try {
            status = step(script, List.of("down"), DOWN_TIMEOUT);
        } catch (DemoFailure e) {
            status = -1;
        }
        if (status != 0) {
            err.println("warning: `" + NetworkScript.PATH + " down` "
                    + (status < 0 ? "did not finish" : "exited with status " + status) + ": check `" + where().script()
                    + " status`");
            err.flush();
        }
        return status;
    }

    private Path profilesDir() {
        return settings.repositoryRoot().resolve(settings.profilesDir());
    }

    private List<ConnectionProfile> adminProfiles() throws ProfileException {
        List<ConnectionProfile> admins = ConnectionProfiles.list(profilesDir(), ADMIN_PROFILES);
        if (admins.isEmpty()) {
            throw new ProfileException("no " + ADMIN_PROFILES + " profiles in "
                    + profilesDir().toAbsolutePath().normalize() + " after `" + NetworkScript.PATH
                    + " up`: pass --profiles-dir if the network writes "
                    + "them elsewhere");
        }
        return admins;
    }

    private DemoReport.Where where() {
        String logs = System.getenv("MEDFED_NETWORK_LOGS");
        return new DemoReport.Where(
                shown(NetworkScript.PATH),
                shown(logs == null || logs.isBlank() ? "network/logs" : logs),
                shown(settings.profilesDir().toString()));
    }

    private String shown(String path) {
        return settings.repositoryRoot().resolve(path).normalize().toString();
    }

    private static String orgOf(ConnectionProfile profile) {
        String file = profile.source().getFileName().toString();
        String suffix = ADMIN_PROFILES.substring(1);
        return file.endsWith(suffix) ? file.substring(0, file.length() - suffix.length()) : profile.name();
    }
}
