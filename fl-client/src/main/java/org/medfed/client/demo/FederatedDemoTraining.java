package org.medfed.client.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.medfed.client.federation.FederationCosts;
import org.medfed.client.federation.FederationMember;
import org.medfed.client.federation.FederationOptions;
import org.medfed.client.federation.FederationPlan;
import org.medfed.client.federation.FederationRun;
import org.medfed.client.federation.LocalFederation;
import org.medfed.client.federation.NodeProcesses;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.LedgerConnector;
import org.medfed.client.ipfs.BlobStoreFactory;

/**
 * The real demo training: WDBC split across the local network's Hospital (hospital), Clinic (clinic) and Wearable
 * (wearable gateway), one client node process per organisation training with DP (by default with secure aggregation:
 * each node sends only a masked input, and the ledger sees only the sum), rounds closed and aggregated by the nodes
 * themselves; a fresh task id per run, so a second run needs no cleaning up. Then the checks a researcher
 * would run ({@link DemoChecks}).
 */
public final class FederatedDemoTraining implements DemoTraining {
    static final List<String> ORGS = List.of("Hospital", "Clinic", "Wearable");
    static final Duration TIMEOUT = Duration.ofMinutes(25);

    private final LedgerConnector connector;
    private final BlobStoreFactory blobStores;

    public FederatedDemoTraining(LedgerConnector connector, BlobStoreFactory blobStores) {
        this.connector = connector;
        this.blobStores = blobStores;
    }

    @Override
    public Outcome run(Path repositoryRoot, Path profilesDir, Path logs, boolean secure, PrintWriter progress)
            throws Exception {
        String taskId =
                "wdbc-demo-" + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        List<FederationMember> members = FederationMember.localNetwork(profilesDir, "wdbc");
        Path directory = repositoryRoot.resolve("out/demo").resolve(taskId);
        FederationPlan plan = new LocalFederation(connector::open, blobStores::open, (level, message) -> {
                    progress.println("    " + message);
                    progress.flush();
                })
                .setUp(
                        members,
                        repositoryRoot.resolve("data/breast_cancer_wisconsin_diagnostic.csv"),
                        repositoryRoot.resolve("fl-client/src/main/resources/examples/mapping-wdbc.json"),
                        "diagnosis",
                        secure ? FederationOptions.wdbcSecureDemo(taskId) : FederationOptions.wdbcDemo(taskId),
                        directory);
        try (NodeProcesses nodes = new NodeProcesses(logs)) {
            for (String org : ORGS) {
                nodes.start(org, plan.configs().get(org));
                progress.printf(
                        "    started %s's client node (medfed client start --config %s), log %s%n",
                        org, shown(repositoryRoot, plan.configs().get(org)), shown(repositoryRoot, nodes.log(org)));
            }
            progress.flush();
            try (LedgerClient observer = connector.open(members.get(0).admin())) {
                FederationRun.Summary summary = new FederationRun(
                                observer,
                                blobStores.open(members.get(0).admin().ipfsApi()),
                                progress,
                                duration -> Thread.sleep(duration.toMillis()))
                        .follow(plan, TIMEOUT);
                FederationCosts.Costs costs =
                        FederationCosts.measure(ORGS.stream().map(nodes::log).toList(), taskId);
                ConnectionProfile researcher =
                        ConnectionProfile.load(profilesDir.resolve(DemoChecks.PROFILE + ".properties"));
                DemoChecks checks = new DemoChecks(researcher, connector, blobStores, progress);
                String verification = checks.verify(taskId);
                checks.provenance(summary.finalModel().cid());
                checks.report(taskId, repositoryRoot.resolve("out/demo"));
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
}
