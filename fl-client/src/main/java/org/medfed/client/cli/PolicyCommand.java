package org.medfed.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.client.ledger.Reply;
import org.medfed.client.view.AccessFields;
import org.medfed.common.access.AccessPolicy;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "policy",
        description = "The consortium's access policy (docs/access.md): set (consortium admins), show.",
        subcommands = {PolicyCommand.Set.class, PolicyCommand.Show.class})
final class PolicyCommand extends GroupCommand {

    @Command(
            name = "set",
            description = "Set the next version of the access policy from a JSON file {version, rules, breakGlass} "
                    + "(access:setPolicy; the version must be the current one + 1, 1 for the first).")
    static final class Set extends LedgerCommand {
        @Parameters(paramLabel = "FILE", description = "The policy as JSON.")
        private Path file;

        private String policy;

        @Override
        protected boolean prepare() throws Exception {
            try {
                policy = Files.readString(file, StandardCharsets.UTF_8);
                // checked here as the chaincode will, so a typo is reported before the network is involved
                AccessPolicy.fromRequest(JsonFields.object(CanonicalJson.parse(policy)), "0".repeat(64), Instant.EPOCH);
            } catch (IOException e) {
                throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new InputException(file + " is not an access policy: " + e.getMessage(), e);
            }
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new AccessLedger(ledger).setPolicy(policy), AccessFields::print);
        }
    }

    /**
     * Not a {@link LedgerCommand}: its standard {@code --version} (the program's version) would clash with the
     * policy's {@code --version N}.
     */
    @Command(
            name = "show",
            exitCodeOnInvalidInput = ExitCodes.USAGE,
            exitCodeOnExecutionException = ExitCodes.INTERNAL,
            description = "Show the current access policy, or one version (access:getPolicy).")
    static final class Show extends ReportingCommand {
        @Mixin
        private ProfileChoice identity;

        @Option(names = "--version", paramLabel = "N", description = "The policy version (default: the current).")
        private Long version;

        @Option(names = "--json", description = "Print the ledger's JSON answer instead of a table.")
        private boolean json;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Show this help message and exit.")
        private boolean help;

        @Override
        protected int run() throws Exception {
            try (LedgerClient ledger = identity.open()) {
                Reply<AccessPolicy> reply = new AccessLedger(ledger).policy(version);
                if (json) {
                    out().println(reply.json());
                } else {
                    AccessFields.print(out(), reply.value());
                }
                out().flush();
                return ExitCodes.OK;
            }
        }

        @Override
        protected String describe(MedfedException e) {
            return ErrorHints.line(e);
        }
    }
}
