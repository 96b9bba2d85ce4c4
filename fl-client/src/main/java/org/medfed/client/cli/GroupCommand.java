package org.medfed.client.cli;

import java.util.concurrent.Callable;
import org.medfed.client.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code participant}, {@code task}, …): alone it prints its usage. */
@Command(
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL)
abstract class GroupCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: " + spec.qualifiedName() + " needs a subcommand");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
