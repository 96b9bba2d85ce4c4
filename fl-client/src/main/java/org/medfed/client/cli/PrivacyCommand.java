package org.medfed.client.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.view.Table;
import org.medfed.common.budget.DpCharge;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.dp.DpParams;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.dp.EpsilonResult;
import org.medfed.common.dp.RdpAccountant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "privacy",
        description = "Differential privacy: a participant's budget on the ledger, and the accountant as a calculator.",
        subcommands = {PrivacyCommand.Budget.class, PrivacyCommand.Epsilon.class})
final class PrivacyCommand extends GroupCommand {

    @Command(
            name = "budget",
            description = {
                "Show a participant's privacy budget in a task: epsilon spent, the cap, "
                        + "what remains and each charge (round:getPrivacyBudget).",
                "A task without differential privacy keeps "
                        + "no budget: the ledger refuses with NO_DP_POLICY (exit code 3)."
            })
    static final class Budget extends LedgerCommand {
        @Option(names = "--task", required = true, paramLabel = "TASK", description = "Task id.")
        private String task;

        @Option(
                names = "--participant",
                paramLabel = "ID",
                description = "Participant id (default: this profile's own, from participant:getCaller).")
        private String participant;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            String id = participant != null
                    ? participant
                    : new ParticipantLedger(ledger).caller().value().participantId();
            Reply<PrivacyBudget> reply = new RoundLedger(ledger).privacyBudget(task, id);
            if (json) {
                printJson(reply.json());
                return ExitCodes.OK;
            }
            PrivacyBudget b = reply.value();
            Table.fields()
                    .row("task", b.taskId())
                    .row("participant", b.participantId())
                    .row("epsilon spent", b.epsilon())
                    .row("max epsilon", b.maxEpsilon())
                    .row("remaining", b.remaining())
                    .row("delta", b.delta())
                    .row("conversion", b.conversion().wire())
                    .row("best order", b.epsilonOrder())
                    .row("updated", b.updatedAt())
                    .print(out());
            if (!b.charges().isEmpty()) {
                out().println();
                Table charges = Table.of("round", "sampling rate", "noise multiplier", "steps");
                for (DpCharge c : b.charges()) {
                    charges.row(c.round(), c.samplingRate(), c.noiseMultiplier(), c.steps());
                }
                charges.print(out());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "epsilon",
            mixinStandardHelpOptions = true,
            exitCodeOnInvalidInput = ExitCodes.USAGE,
            exitCodeOnExecutionException = ExitCodes.INTERNAL,
            description = {
                "The (epsilon, delta) of T steps of DP-SGD (Poisson-subsampled Gaussian) by the RDP "
                        + "accountant the ledger uses, and the Renyi order that gave it. No network needed."
            })
    static final class Epsilon extends ReportingCommand {
        @Option(
                names = "--sampling-rate",
                required = true,
                paramLabel = "Q",
                description = "Poisson sampling rate q in (0, 1].")
        private BigDecimal samplingRate;

        @Option(
                names = "--noise-multiplier",
                required = true,
                paramLabel = "S",
                description = "Noise multiplier sigma > 0 (noise standard deviation / clipping norm).")
        private BigDecimal noiseMultiplier;

        @Option(names = "--steps", required = true, paramLabel = "T", description = "Number of steps, at least 0.")
        private long steps;

        @Option(names = "--delta", required = true, paramLabel = "D", description = "delta in (0, 1).")
        private BigDecimal delta;

        @Option(
                names = "--conversion",
                defaultValue = "improved",
                paramLabel = "NAME",
                description = "RDP to (epsilon, delta): classic (Mironov 2017) or improved (Balle et al. 2020; "
                        + "default).")
        private String conversion;

        @Option(
                names = "--orders",
                split = ",",
                paramLabel = "LIST",
                description = "Renyi orders, comma-separated, strictly increasing, each in (1, 10000] "
                        + "(default: the accountant's 110-order grid, docs/privacy.md).")
        private List<Double> orders;

        @Option(names = "--json", description = "Print one JSON object instead of a table.")
        private boolean json;

        @Override
        protected int run() {
            List<String> problems = new ArrayList<>();
            double q = toDouble(samplingRate);
            double sigma = toDouble(noiseMultiplier);
            double d = toDouble(delta);
            if (!(q > 0 && q <= 1)) {
                problems.add("--sampling-rate must be in (0, 1], got " + samplingRate.toPlainString());
            }
            if (!(sigma > 0 && Double.isFinite(sigma))) {
                problems.add("--noise-multiplier must be positive, got " + noiseMultiplier.toPlainString());
            }
            if (steps < 0) {
                problems.add("--steps must be at least 0, got " + steps);
            }
            if (!(d > 0 && d < 1)) {
                problems.add("--delta must be in (0, 1), got " + delta.toPlainString());
            }
            EpsilonConversion how = null;
            try {
                how = EpsilonConversion.fromWire(conversion);
            } catch (IllegalArgumentException e) {
                problems.add("--conversion must be classic or improved, got \"" + conversion + "\"");
            }
            RdpAccountant accountant = new RdpAccountant();
            if (orders != null) {
                try {
                    accountant = new RdpAccountant(
                            orders.stream().mapToDouble(Double::doubleValue).toArray());
                } catch (IllegalArgumentException e) {
                    problems.add("--orders: " + e.getMessage());
                }
            }
            if (!problems.isEmpty()) {
                throw new ParameterException(spec.commandLine(), String.join("; ", problems));
            }
            EpsilonResult result = accountant.epsilon(List.of(new DpParams(q, sigma, steps)), d, how);
            if (json) {
                printJson(result, accountant);
            } else {
                Table.fields()
                        .row(
                                "epsilon",
                                Double.isFinite(result.epsilon())
                                        ? CanonicalJson.decimal(result.epsilon())
                                        : "infinity")
                        .row(
                                "best order",
                                Double.isNaN(result.bestOrder()) ? null : CanonicalJson.decimal(result.bestOrder()))
                        .row("delta", delta)
                        .row("conversion", conversion)
                        .row("sampling rate", samplingRate)
                        .row("noise multiplier", noiseMultiplier)
                        .row("steps", steps)
                        .row(
                                "orders",
                                orders == null
                                        ? accountant.orders().length + " (default grid)"
                                        : String.valueOf(accountant.orders().length))
                        .print(out());
            }
            out().flush();
            return ExitCodes.OK;
        }

        private void printJson(EpsilonResult result, RdpAccountant accountant) {
            JsonObject o = new JsonObject();
            o.addProperty("epsilon", Double.isFinite(result.epsilon()) ? result.epsilon() : null);
            o.addProperty("bestOrder", Double.isNaN(result.bestOrder()) ? null : result.bestOrder());
            o.addProperty("delta", delta);
            o.addProperty("conversion", conversion);
            o.addProperty("samplingRate", samplingRate);
            o.addProperty("noiseMultiplier", noiseMultiplier);
            o.addProperty("steps", steps);
            JsonArray grid = new JsonArray();
            for (double order : accountant.orders()) {
                grid.add(order);
            }
            o.add("orders", grid);
            out().println(new GsonBuilder().serializeNulls().create().toJson(o));
        }

        /** As the ledger's accountant converts decimals: correctly rounded on every JDK. */
        private static double toDouble(BigDecimal value) {
            return Double.parseDouble(value.toString());
        }
    }
}
