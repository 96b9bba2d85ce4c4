package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medfed.client.ExitCodes;
import picocli.CommandLine;

/** Every ledger command has --help, the --profile and --json options, and the stable usage exit code. */
class CommandHelpTest {

    static List<String> ledgerCommands() {
        List<String> names = new ArrayList<>();
        collect(new CommandLine(new MedfedCommand(), ServiceFactory.real()), names);
        return names;
    }

    private static void collect(CommandLine command, List<String> names) {
        if (command.getCommandSpec().userObject() instanceof LedgerCommand) {
            names.add(command.getCommandSpec().qualifiedName(" ").substring("medfed ".length()));
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, names));
    }

    @ParameterizedTest
    @MethodSource("ledgerCommands")
    void helpExitsZeroAndShowsTheSharedOptions(String command) {
        StringWriter out = new StringWriter();
        int exit = execute(out, new StringWriter(), (command + " --help").split(" "));

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("Usage: medfed " + command)
                .contains("--profile=NAME")
                .contains("--profiles-dir=DIR")
                .contains("--json")
                .contains("Exit codes:");
    }

    @ParameterizedTest
    @MethodSource("ledgerCommands")
    void badArgumentsAreAUsageError(String command) {
        StringWriter err = new StringWriter();
        int exit = execute(new StringWriter(), err, (command + " --bogus").split(" "));

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).containsAnyOf("Unknown option: '--bogus'", "Missing required");
    }

    @org.junit.jupiter.api.Test
    void theLedgerCommandsAreRegistered() {
        assertThat(ledgerCommands())
                .contains(
                        "whoami",
                        "participant register",
                        "participant list",
                        "participant show",
                        "participant suspend",
                        "participant reinstate",
                        "dataset register",
                        "dataset list",
                        "dataset show",
                        "task create",
                        "task list",
                        "task show",
                        "task pause",
                        "task resume",
                        "task cancel",
                        "round status",
                        "round close",
                        "privacy budget",
                        "round watch",
                        "round aggregate",
                        "model verify",
                        "provenance",
                        "reputation list",
                        "reputation history",
                        "audit",
                        "report");
    }

    private static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
