package org.medfed.client.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import org.medfed.client.bench.BenchCommand;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.ipfs.KuboBlobStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "medfed",
        mixinStandardHelpOptions = true,
        versionProvider = MedfedCommand.Version.class,
        description = "Federated learning on Hyperledger Fabric and IPFS: the medfed client.",
        subcommands = {DemoCommand.class, PingCommand.class, WhoamiCommand.class, ParticipantCommand.class,
                DatasetCommand.class, TaskCommand.class, RoundCommand.class, PrivacyCommand.class,
                ModelCommand.class, ProvenanceCommand.class, ReputationCommand.class, AuditCommand.class,
                ReportCommand.class, VerifyCommand.class, ClientCommand.class, BenchCommand.class, DataCommand.class,
                SimulateCommand.class, EvalCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        footer = {"", "Exit codes:", "  0 ok, 1 usage or profile error, 2 network unavailable, 3 ledger refused,",
                "  4 verification failed, 70 internal error."})
public final class MedfedCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    private boolean verbose;

    private final LedgerConnector connector;
    private final LongSupplier nanoClock;
    private final NetworkScript.Factory networkScripts;
    private final BlobStoreFactory blobStores;
    private final Sleeper sleeper;
    private DemoTraining demoTraining = new FederatedDemoTraining();

    public MedfedCommand() {
        this(GatewayConnection::open, System::nanoTime);
    }

    /** For tests: a fake ledger and a fake clock. */
    MedfedCommand(LedgerConnector connector, LongSupplier nanoClock) {
        this(connector, nanoClock, ProcessNetworkScript::new, KuboBlobStore::new, Sleeper.REAL);
    }

    /** For tests: also fake network scripts, fake IPFS nodes and a sleeper that only advances the fake clock. */
    MedfedCommand(LedgerConnector connector, LongSupplier nanoClock, NetworkScript.Factory networkScripts,
            BlobStoreFactory blobStores, Sleeper sleeper) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.networkScripts = Objects.requireNonNull(networkScripts, "networkScripts");
        this.blobStores = Objects.requireNonNull(blobStores, "blobStores");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    boolean verbose() {
        return verbose;
    }

    LedgerConnector connector() {
        return connector;
    }

    LongSupplier nanoClock() {
        return nanoClock;
    }

    NetworkScript.Factory networkScripts() {
        return networkScripts;
    }

    BlobStoreFactory blobStores() {
        return blobStores;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    DemoTraining demoTraining() {
        return demoTraining;
    }

    /** For tests: the demo's training step. */
    MedfedCommand withDemoTraining(DemoTraining training) {
        this.demoTraining = java.util.Objects.requireNonNull(training, "training");
        return this;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MedfedCommand.class.getPackage().getImplementationVersion();
            return new String[] {"medfed " + (version == null ? "(development build)" : version)};
        }
    }
}
