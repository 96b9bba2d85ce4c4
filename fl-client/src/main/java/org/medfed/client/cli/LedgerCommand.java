package org.medfed.client.cli;

import java.io.PrintWriter;
import java.util.function.BiConsumer;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.Reply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command that acts on the ledger as one identity ({@code --profile}): local checks first ({@link #prepare()}),
 * then one connection for the whole command. Tables by default, the ledger's JSON with {@code --json}.
 */
@Command(
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        footer = {
            "",
            "Exit codes: 0 ok, 1 usage, profile or input error, 2 network unavailable, 3 ledger refused "
                    + "(the chaincode's code is printed), 70 internal error."
        })
abstract class LedgerCommand extends ReportingCommand {

    @Mixin
    protected ProfileChoice identity;

    @Option(names = "--json", description = "Print the ledger's JSON answer instead of a table.")
    protected boolean json;

    /** The command's work on an open ledger connection; returns an {@link ExitCodes} value. */
    protected abstract int run(LedgerClient ledger) throws Exception;

    /**
     * Checks and work that need no network, done before the profile is even read, so a bad argument or input
     * file is reported first. Returns false when the command is already done (for example {@code --dry-run}).
     */
    protected boolean prepare() throws Exception {
        return true;
    }

    @Override
    protected final int run() throws Exception {
        if (!prepare()) {
            return ExitCodes.OK;
        }
        try (LedgerClient ledger = identity.open()) {
            int exit = run(ledger);
            out().flush();
            return exit;
        }
    }

    /** With what to do for refusals people often meet (unknown id, not allowed, not registered). */
    @Override
    protected String describe(MedfedException e) {
        return ErrorHints.line(e);
    }

    /** With {@code --json} the ledger's answer as it came, else what {@code view} prints of its value. */
    protected <T> int answer(Reply<T> reply, BiConsumer<PrintWriter, T> view) {
        if (json) {
            printJson(reply.json());
        } else {
            view.accept(out(), reply.value());
        }
        return ExitCodes.OK;
    }

    /** Prints the ledger's JSON answer as it came, on one line. */
    protected void printJson(String ledgerJson) {
        out().println(ledgerJson);
        out().flush();
    }
}
