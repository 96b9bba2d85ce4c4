package org.medfed.client.bench;

import java.util.concurrent.Callable;
import org.medfed.client.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code medfed bench …}: benchmarks; {@code aggregate} and {@code secagg} need no network, {@code round} drives the
 * running local network.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: aggregate and secagg in this JVM (no network), round on the running local network.",
        subcommands = {
            AggregateBenchCommand.class,
            SecAggBenchCommand.class,
            RoundBenchCommand.class,
            ChartBenchCommand.class
        },
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL)
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
