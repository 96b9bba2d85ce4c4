package org.medfed.client.cli;

import java.util.concurrent.Callable;
import org.medfed.client.ExitCodes;
import org.medfed.client.bench.BenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command; its subcommands get what they need from {@link ServiceFactory}, never from here. */
@Command(
        name = "medfed",
        mixinStandardHelpOptions = true,
        versionProvider = MedfedCommand.Version.class,
        description = "Federated learning on Hyperledger Fabric and IPFS: the medfed client.",
        subcommands = {
            DemoCommand.class,
            PingCommand.class,
            WhoamiCommand.class,
            ParticipantCommand.class,
            DatasetCommand.class,
            TaskCommand.class,
            RoundCommand.class,
            PrivacyCommand.class,
            ModelCommand.class,
            ProvenanceCommand.class,
            ReputationCommand.class,
            AuditCommand.class,
            AccessCommand.class,
            PolicyCommand.class,
            RiskCommand.class,
            RecordsCommand.class,
            SubsetCommand.class,
            ReportCommand.class,
            ConsoleCommand.class,
            VerifyCommand.class,
            ClientCommand.class,
            BenchCommand.class,
            StorageCommand.class,
            DataCommand.class,
            SimulateCommand.class,
            EvalCommand.class
        },
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        footer = {
            "",
            "Exit codes:",
            "  0 ok, 1 usage or profile error, 2 network unavailable, 3 ledger refused,",
            "  4 verification failed, 5 inputs pruned by a retention policy (verify),",
            "  70 internal error."
        })
public final class MedfedCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Inherited by every subcommand: {@link ReportingCommand} reads it from its own spec. */
    @Option(
            names = ReportingCommand.VERBOSE,
            scope = ScopeType.INHERIT,
            description = "Print stack traces with errors.")
    private boolean verbose;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = MedfedCommand.class.getPackage().getImplementationVersion();
            return new String[] {"medfed " + (version == null ? "(development build)" : version)};
        }
    }
}
