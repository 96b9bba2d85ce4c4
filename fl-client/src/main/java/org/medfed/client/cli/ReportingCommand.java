package org.medfed.client.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Runs a subcommand and turns its failure into one line on stderr and a stable exit code. */
abstract class ReportingCommand implements Callable<Integer> {

    /** The root's option, inherited by every subcommand. */
    static final String VERBOSE = "--verbose";

    @Spec
    protected CommandSpec spec;

    /** The command's work; returns an {@link ExitCodes} value. */
    protected abstract int run() throws Exception;

    @Override
    public final Integer call() {
        try {
            return run();
        } catch (ParameterException e) {
            throw e;
        } catch (MedfedException e) {
            return report(describe(e), e, ExitCodes.of(e));
        } catch (ProfileException | InputException e) {
            return report(e.getMessage(), e, ExitCodes.USAGE);
        } catch (Exception e) {
            return report("internal error: " + e, e, ExitCodes.INTERNAL);
        }
    }

    /** The one line a ledger failure is reported with. */
    protected String describe(MedfedException e) {
        return e.describe();
    }

    /** Whether {@code --verbose} was given, before or after this command's name. */
    protected boolean verbose() {
        OptionSpec option = spec.findOption(VERBOSE);
        return option != null && Boolean.TRUE.equals(option.getValue());
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private int report(String line, Exception e, int exitCode) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.commandLine().getColorScheme().errorText("error: " + line));
        if (verbose()) {
            e.printStackTrace(err);
        } else if (exitCode == ExitCodes.INTERNAL) {
            err.println("(run again with --verbose for the stack trace)");
        }
        err.flush();
        return exitCode;
    }
}
