package org.medfed.client.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.medfed.client.cli.DemoBlobRoundTrip.Node;
import org.medfed.client.cli.DemoPings.OrgPing;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.ConnectionProfiles;
import org.medfed.client.gateway.ProfileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {DemoCommand.LABEL, "",
                "Steps: network/network.sh up (on the ledger engine --ledger names, else Fabric when its",
                "binaries are installed, else the embedded ledger) and deploy; for each organisation's admin profile,",
                "one system:ping submit and one system:getPing evaluate; a 1 MiB model-like",
                "blob added on the first organisation's Kubo node and read from the second's;",
                "the report; network/network.sh down (skipped with --keep)."},
        footer = {"", "Exit codes:", "  0 ok, 1 usage or profile error, 2 network unavailable (also: --ledger fabric",
                "  where Fabric cannot be installed), 3 ledger refused, 4 blob verification failed,",
                "  70 internal error.",
                "If you interrupt it (Ctrl-C), stop the network yourself: network/network.sh down"})
final class DemoCommand extends ReportingCommand {

    static final String LABEL = "medfed demo (a breast cancer model trained with differential privacy by a hospital,"
            + " a clinic and a wearable gateway on the local ledger + IPFS network)";
    static final Duration UP_TIMEOUT = Duration.ofMinutes(30);
    static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(15);
    static final Duration DOWN_TIMEOUT = Duration.ofMinutes(5);
    /** `up --ledger fabric`: Fabric is not installed and cannot be (the Go module proxy refuses it). */
    static final int UP_FABRIC_REFUSED = 3;
    private static final String ADMIN_PROFILES = "*-admin.properties";

    @Option(names = "--root", defaultValue = ".", paramLabel = "DIR",
            description = "Repository root, holding network/network.sh; a relative --profiles-dir resolves "
                    + "against it (default: the current directory, which ./medfed sets to the repository root).")
    private Path repositoryRoot;

    @Mixin
    private ProfileOptions profiles;

    @Option(names = "--ledger", paramLabel = "ENGINE", description = "Ledger engine of a new network: fabric or "
            + "embedded (default: fabric when its binaries are in .tools/bin, else embedded; a network keeps its engine).")
    private String ledger;

    @Option(names = "--keep", description = "Leave the network running afterwards.")
    private boolean keep;

    @Option(names = "--smoke", description = "Only the health checks (transactions, blob round trip), no training.")
    private boolean smoke;

    @Option(names = "--json", description = "Print the report as one JSON object; the scripts' output goes to "
            + "stderr then, so stdout holds only the JSON.")
    private boolean json;

    @Override
    protected int run() throws Exception {
        if (!Files.isRegularFile(repositoryRoot.resolve(NetworkScript.PATH))) {
            throw new ParameterException(spec.commandLine(), "no " + NetworkScript.PATH + " under "
                    + repositoryRoot.toAbsolutePath().normalize() + ": run from the repository root or pass --root");
        }
        if (ledger != null && !ledger.equals("fabric") && !ledger.equals("embedded")) {
            throw new ParameterException(spec.commandLine(), "--ledger must be fabric or embedded, not '" + ledger + "'");
        }
        try {
            return demo();
        } catch (DemoFailure failure) {
            PrintWriter err = spec.commandLine().getErr();
            err.println(spec.commandLine().getColorScheme().errorText("error: " + failure.getMessage()));
            if (root().verbose() && failure.getCause() != null) {
                failure.getCause().printStackTrace(err);
            }
            err.flush();
            return failure.exitCode();
        }
    }

    private int demo() throws Exception {
        LongSupplier clock = root().nanoClock();
        long start = clock.getAsLong();
        PrintWriter progress = json ? spec.commandLine().getErr() : out();
        progress.println(LABEL);
        NetworkScript script = root().networkScripts().at(repositoryRoot);
        List<String> upArgs = ledger == null ? List.of("up") : List.of("up", "--ledger", ledger);
        int up = step(script, upArgs, UP_TIMEOUT, progress);
        if (up == UP_FABRIC_REFUSED && "fabric".equals(ledger)) {
            throw new DemoFailure("demo BLOCKED: --ledger fabric, but Fabric binaries cannot be installed on this "
                    + "machine (the Go module proxy refuses to serve Hyperledger Fabric); run the demo without --ledger "
                    + "for the embedded ledger, or see docs/operations.md \"Installing Fabric\"",
                    ExitCodes.NETWORK_UNAVAILABLE);
        }
        requireSuccess("up", up);
        boolean downRan = false;
        try {
            requireSuccess("deploy", step(script, "deploy", DEPLOY_TIMEOUT, progress));
            List<ConnectionProfile> admins = adminProfiles();
            String engine = LedgerEngine.of(admins);
            progress.println("==> ledger engine: " + engine);
            progress.println("==> ledger: system:ping and system:getPing for every organisation");
            progress.flush();
            DemoPings pinger = new DemoPings(root().connector(), clock, root().sleeper(), progress);
            List<OrgPing> pings = new ArrayList<>();
            for (ConnectionProfile profile : admins) {
                pings.add(pinger.ping(orgOf(profile), profile));
            }
            Node from = Node.of(admins.get(0));
            Node to = Node.of(admins.get(Math.min(1, admins.size() - 1)));
            progress.printf("==> IPFS: 1 MiB blob from %s's node to %s's node%n", from.mspId(), to.mspId());
            progress.flush();
            DemoBlobRoundTrip.Result blob = new DemoBlobRoundTrip(root().blobStores(), clock).run(from, to);
            DemoTraining.Outcome training = null;
            String verification = null;
            if (!smoke) {
                progress.println("==> federated training: WDBC split across Hospital, Clinic and Wearable, one client"
                        + " node process each");
                progress.flush();
                training = root().demoTraining().run(repositoryRoot, repositoryRoot.resolve(profiles.profilesDir()),
                        repositoryRoot.resolve(where().logs()), progress);
                verification = training.verification();
            }
            int downStatus = -1;
            if (!keep) {
                downRan = true;
                downStatus = stop(script, progress);
            }
            DemoReport report = new DemoReport(engine, pings, blob, training, verification, clock.getAsLong() - start,
                    where(), new DemoReport.Stop(keep, downStatus));
            if (json) {
                report.printJson(out());
            } else {
                report.printTable(out());
            }
            return ExitCodes.OK;
        } finally {
            if (!keep && !downRan) {
                stop(script, progress);
            }
        }
    }

    private int step(NetworkScript script, String command, Duration timeout, PrintWriter progress) throws DemoFailure,
            InterruptedException {
        return step(script, List.of(command), timeout, progress);
    }

    private int step(NetworkScript script, List<String> args, Duration timeout, PrintWriter progress)
            throws DemoFailure, InterruptedException {
        String command = String.join(" ", args);
        progress.printf("==> %s %s (timeout %d min)%n", NetworkScript.PATH, command, timeout.toMinutes());
        progress.flush();
        try {
            return script.run(args, progress, timeout);
        } catch (TimeoutException e) {
            throw new DemoFailure("demo step `" + NetworkScript.PATH + " " + command + "` did not finish within "
                    + timeout.toMinutes() + " min; see the logs under " + where().logs(), ExitCodes.NETWORK_UNAVAILABLE, e);
        } catch (IOException e) {
            throw new DemoFailure("could not start `" + NetworkScript.PATH + " " + command + "`: " + e.getMessage(),
                    ExitCodes.NETWORK_UNAVAILABLE, e);
        }
    }

    private void requireSuccess(String command, int status) throws DemoFailure {
        if (status != 0) {
            throw new DemoFailure("demo step `" + NetworkScript.PATH + " " + command + "` failed with exit status "
                    + status + "; see the logs under " + where().logs(), ExitCodes.NETWORK_UNAVAILABLE);
        }
    }

    /** Runs down; its failure is a warning on stderr, so that it never hides why the demo failed. */
    private int stop(NetworkScript script, PrintWriter progress) throws InterruptedException {
        int status;
        try {
            status = step(script, "down", DOWN_TIMEOUT, progress);
        } catch (DemoFailure e) {
            status = -1;
        }
        if (status != 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: `" + NetworkScript.PATH + " down` " + (status < 0 ? "did not finish"
                    : "exited with status " + status) + ": check `" + where().script() + " status`");
            err.flush();
        }
        return status;
    }

    private List<ConnectionProfile> adminProfiles() throws ProfileException {
        Path dir = repositoryRoot.resolve(profiles.profilesDir());
        List<ConnectionProfile> admins = ConnectionProfiles.list(dir, ADMIN_PROFILES);
        if (admins.isEmpty()) {
            throw new ProfileException("no " + ADMIN_PROFILES + " profiles in " + dir.toAbsolutePath().normalize()
                    + " after `" + NetworkScript.PATH + " up`: pass --profiles-dir if the network writes them elsewhere");
        }
        return admins;
    }

    private DemoReport.Where where() {
        String logs = System.getenv("MEDFED_NETWORK_LOGS");
        return new DemoReport.Where(shown(NetworkScript.PATH),
                shown(logs == null || logs.isBlank() ? "network/logs" : logs), shown(profiles.profilesDir().toString()));
    }

    private String shown(String path) {
        return repositoryRoot.resolve(path).normalize().toString();
    }

    private static String orgOf(ConnectionProfile profile) {
        String file = profile.source().getFileName().toString();
        String suffix = ADMIN_PROFILES.substring(1);
        return file.endsWith(suffix) ? file.substring(0, file.length() - suffix.length()) : profile.name();
    }
}
