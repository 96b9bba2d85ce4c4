package org.medfed.client.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.medfed.client.federation.FederationCosts;
import org.medfed.client.federation.FederationMember;
import org.medfed.client.federation.FederationOptions;
import org.medfed.client.federation.FederationPlan;
import org.medfed.client.federation.FederationRun;
import org.medfed.client.federation.LocalFederation;
import org.medfed.client.federation.NodeProcesses;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.KuboBlobStore;

/**
 * The real demo training: WDBC split across the local network's Hospital (hospital), Clinic (clinic) and Wearable
 * (wearable gateway), one client node process per organisation training with DP, rounds closed and aggregated by the
 * nodes themselves; a fresh task id per run, so a second run needs no cleaning up.
 */
final class FederatedDemoTraining implements DemoTraining {
    static final List<String> ORGS = List.of("Hospital", "Clinic", "Wearable");
    static final Duration TIMEOUT = Duration.ofMinutes(25);

    @Override
    public Outcome run(Path repositoryRoot, Path profilesDir, Path logs, PrintWriter progress) throws Exception {
        String taskId = "wdbc-demo-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss"));
        List<FederationMember> members = FederationMember.localNetwork(profilesDir, "wdbc");
        Path directory = repositoryRoot.resolve("out/demo").resolve(taskId);
        FederationPlan plan = new LocalFederation(GatewayConnection::open, KuboBlobStore::new, (level, message) -> {
            progress.println("    " + message);
            progress.flush();
        }).setUp(members, repositoryRoot.resolve("data/breast_cancer_wisconsin_diagnostic.csv"),
                repositoryRoot.resolve("fl-client/src/main/resources/examples/mapping-wdbc.json"), "diagnosis",
                FederationOptions.wdbcDemo(taskId), directory);
        try (NodeProcesses nodes = new NodeProcesses(logs)) {
            for (String org : ORGS) {
                nodes.start(org, plan.configs().get(org));
                progress.printf("    started %s's client node (medfed client start --config %s), log %s%n", org,
                        shown(repositoryRoot, plan.configs().get(org)), shown(repositoryRoot, nodes.log(org)));
            }
            progress.flush();
            try (LedgerClient observer = GatewayConnection.open(members.get(0).admin())) {
                FederationRun.Summary summary = new FederationRun(observer,
                        new KuboBlobStore(members.get(0).admin().ipfsApi()), progress,
                        duration -> Thread.sleep(duration.toMillis())).follow(plan, TIMEOUT);
                FederationCosts.Costs costs = FederationCosts.measure(ORGS.stream().map(nodes::log).toList(), taskId);
                String verification = verify(taskId, profilesDir, progress);
                medfed(progress, profilesDir, "provenance", summary.finalModel().cid());
                Path report = repositoryRoot.resolve("out/demo");
                medfed(progress, profilesDir, "report", taskId, "--out", report.toString());
                return new Outcome(plan, summary, directory, verification, costs);
            }
        }
    }

    /** A path as the user would type it from the repository root. */
    private static Path shown(Path repositoryRoot, Path path) {
        Path root = repositoryRoot.toAbsolutePath().normalize();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(root) ? root.relativize(absolute) : absolute;
    }

    /** {@code medfed verify task} as the Clinic's user: every round recomputed from the Clinic's Kubo node. */
    private static String verify(String task, Path profilesDir, PrintWriter progress) {
        java.io.StringWriter captured = new java.io.StringWriter();
        int exit = medfed(progress, profilesDir, captured, "verify", "task", task);
        return exit == ExitCodes.OK ? "OK: every round recomputed from the Clinic's IPFS node matches the ledger"
                : "exit " + exit + ": " + captured.toString().lines().reduce((a, b) -> b).orElse("");
    }

    private static int medfed(PrintWriter progress, Path profilesDir, String... args) {
        return medfed(progress, profilesDir, new java.io.StringWriter(), args);
    }

    /** Runs a medfed command in this process as the Clinic's user (a researcher would use their own profile). */
    private static int medfed(PrintWriter progress, Path profilesDir, java.io.StringWriter captured, String... args) {
        progress.println("==> ./medfed " + String.join(" ", args) + " --profile clinic-user1");
        progress.flush();
        picocli.CommandLine cli = new picocli.CommandLine(new MedfedCommand());
        cli.setOut(new PrintWriter(captured, true));
        cli.setErr(new PrintWriter(captured, true));
        java.util.List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profiles-dir", profilesDir.toString(), "--profile", "clinic-user1"));
        int exit = cli.execute(all.toArray(String[]::new));
        progress.print(captured);
        progress.flush();
        return exit;
    }
}
