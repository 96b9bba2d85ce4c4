package org.medfed.client.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import org.medfed.client.ExitCodes;
import org.medfed.client.demo.DemoFailure;
import org.medfed.client.demo.DemoReport;
import org.medfed.client.demo.DemoRun;
import org.medfed.client.demo.DemoTraining;
import org.medfed.client.demo.NetworkScript;
import org.medfed.client.demo.Sleeper;
import org.medfed.client.gateway.LedgerConnector;
import org.medfed.client.ipfs.BlobStoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code medfed demo}: checks its options, runs {@link DemoRun} and prints its report. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            DemoRun.LABEL,
            "",
            "Steps: network/network.sh up (on the ledger engine --ledger names, else Fabric when its",
            "binaries are installed, else the embedded ledger) and deploy; for each organisation's admin profile,",
            "one system:ping submit and one system:getPing evaluate; a 1 MiB model-like",
            "blob added on the first organisation's Kubo node and read from the second's;",
            "a model trained by the three organisations' client nodes with DP and secure",
            "aggregation (--in-clear: updates in clear, local DP; --smoke: no training);",
            "the report; network/network.sh down (skipped with --keep)."
        },
        footer = {
            "",
            "Exit codes:",
            "  0 ok, 1 usage or profile error, 2 network unavailable (also: --ledger fabric",
            "  where Fabric cannot be installed), 3 ledger refused, 4 blob verification failed,",
            "  70 internal error.",
            "If you interrupt it (Ctrl-C), stop the network yourself: network/network.sh down"
        })
final class DemoCommand extends ReportingCommand {

    @Option(
            names = "--root",
            defaultValue = ".",
            paramLabel = "DIR",
            description = "Repository root, holding network/network.sh; a relative --profiles-dir resolves "
                    + "against it (default: the current directory, which ./medfed sets to the repository root).")
    private Path repositoryRoot;

    @Mixin
    private ProfileOptions profiles;

    @Option(
            names = "--ledger",
            paramLabel = "ENGINE",
            description =
                    "Ledger engine of a new network: fabric or "
                            + "embedded (default: fabric when its binaries are in .tools/bin, else embedded; a network keeps its engine).")
    private String ledger;

    @Option(names = "--keep", description = "Leave the network running afterwards.")
    private boolean keep;

    @Option(names = "--smoke", description = "Only the health checks (transactions, blob round trip), no training.")
    private boolean smoke;

    @Option(
            names = "--in-clear",
            description = "Train without secure aggregation: each site's update goes to IPFS and the ledger in clear,"
                    + " with its own DP noise (the demo before issue 13). Default: secure aggregation with distributed"
                    + " DP, where the ledger sees only the sum.")
    private boolean inClear;

    @Option(
            names = "--json",
            description = "Print the report as one JSON object; the scripts' output goes to "
                    + "stderr then, so stdout holds only the JSON.")
    private boolean json;

    private final DemoRun.Services services;

    DemoCommand(
            LedgerConnector connector,
            BlobStoreFactory blobStores,
            LongSupplier nanoClock,
            Sleeper sleeper,
            NetworkScript.Factory networkScripts,
            DemoTraining training) {
        this.services = new DemoRun.Services(connector, blobStores, nanoClock, sleeper, networkScripts, training);
    }

    @Override
    protected int run() throws Exception {
        if (!Files.isRegularFile(repositoryRoot.resolve(NetworkScript.PATH))) {
            throw new ParameterException(
                    spec.commandLine(),
                    "no " + NetworkScript.PATH + " under "
                            + repositoryRoot.toAbsolutePath().normalize()
                            + ": run from the repository root or pass --root");
        }
        if (ledger != null && !ledger.equals("fabric") && !ledger.equals("embedded")) {
            throw new ParameterException(
                    spec.commandLine(), "--ledger must be fabric or embedded, not '" + ledger + "'");
        }
        PrintWriter err = spec.commandLine().getErr();
        DemoRun.Settings settings =
                new DemoRun.Settings(repositoryRoot, profiles.profilesDir(), ledger, keep, smoke, inClear);
        try {
            DemoReport report = new DemoRun(services, settings, json ? err : out(), err).run();
            if (json) {
                report.printJson(out());
            } else {
                report.printTable(out());
            }
            return ExitCodes.OK;
        } catch (DemoFailure failure) {
            err.println(spec.commandLine().getColorScheme().errorText("error: " + failure.getMessage()));
            if (verbose() && failure.getCause() != null) {
                failure.getCause().printStackTrace(err);
            }
            err.flush();
            return failure.exitCode();
        }
    }
}
