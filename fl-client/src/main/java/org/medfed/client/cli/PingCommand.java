package org.medfed.client.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.ConnectionProfiles;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.LedgerConnector;
import org.medfed.client.gateway.LedgerEngine;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileException;
import org.medfed.common.protocol.TxNames;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "ping",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            "Measure ledger round trips per organisation.",
            "For each organisation's admin profile, submit system:ping MESSAGE and evaluate "
                    + "system:getPing MSPID, then print median, p90 and max in milliseconds, and the ledger "
                    + "engine (embedded or fabric) the profiles name."
        })
final class PingCommand extends ReportingCommand {

    private static final String SUBMIT = TxNames.SYSTEM_PING;
    private static final String EVALUATE = TxNames.SYSTEM_GET_PING;
    private static final String ADMIN_SUFFIX = "-admin.properties";

    @Mixin
    private ProfileOptions profiles;

    @Option(
            names = "--org",
            split = ",",
            paramLabel = "ORG",
            description = "Organisations to ping, by profile name <ORG>-admin.properties "
                    + "(default: every admin profile).")
    private List<String> orgs = new ArrayList<>();

    @Option(
            names = "--count",
            defaultValue = "50",
            paramLabel = "N",
            description = "Measured calls of each kind per organisation (default: ${DEFAULT-VALUE}).")
    private int count;

    @Option(
            names = "--warmup",
            defaultValue = "5",
            paramLabel = "N",
            description = "Unmeasured submit+evaluate pairs first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(
            names = "--message",
            defaultValue = "ping",
            paramLabel = "MESSAGE",
            description = "Message to submit (default: ${DEFAULT-VALUE}).")
    private String message;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    private boolean json;

    record OrgResult(String org, String mspId, LatencyStats submit, LatencyStats evaluate) {}

    private final LedgerConnector connector;
    private final LongSupplier clock;

    PingCommand(LedgerConnector connector, LongSupplier nanoClock) {
        this.connector = connector;
        this.clock = nanoClock;
    }

    @Override
    protected int run() throws ProfileException, MedfedException {
        if (count < 1 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1 and --warmup at least 0");
        }
        List<OrgResult> results = new ArrayList<>();
        List<ConnectionProfile> targets = targets();
        for (ConnectionProfile profile : targets) {
            results.add(ping(orgOf(profile), profile));
        }
        String engine = LedgerEngine.of(targets);
        if (json) {
            printJson(results, engine);
        } else {
            printTable(results, engine);
        }
        return ExitCodes.OK;
    }

    private List<ConnectionProfile> targets() throws ProfileException {
        Path dir = profiles.profilesDir();
        if (orgs.isEmpty()) {
            List<ConnectionProfile> all = ConnectionProfiles.list(dir, "*" + ADMIN_SUFFIX);
            if (all.isEmpty()) {
                throw new ProfileException("no *" + ADMIN_SUFFIX + " profiles in " + dir.toAbsolutePath()
                        + ": start the network (`network/network.sh up`) or pass --profiles-dir");
            }
            return all;
        }
        List<ConnectionProfile> chosen = new ArrayList<>();
        for (String org : orgs) {
            chosen.add(ConnectionProfile.load(dir.resolve(org + ADMIN_SUFFIX)));
        }
        return chosen;
    }

    private OrgResult ping(String org, ConnectionProfile profile) throws ProfileException, MedfedException {
        try (LedgerClient ledger = connector.open(profile)) {
            for (int i = 0; i < warmup; i++) {
                ledger.submit(SUBMIT, message);
                ledger.evaluate(EVALUATE, profile.mspId());
            }
            long[] submits = new long[count];
            for (int i = 0; i < count; i++) {
                long start = clock.getAsLong();
                ledger.submit(SUBMIT, message);
                submits[i] = clock.getAsLong() - start;
            }
            long[] evaluates = new long[count];
            for (int i = 0; i < count; i++) {
                long start = clock.getAsLong();
                ledger.evaluate(EVALUATE, profile.mspId());
                evaluates[i] = clock.getAsLong() - start;
            }
            return new OrgResult(org, profile.mspId(), LatencyStats.ofNanos(submits), LatencyStats.ofNanos(evaluates));
        } catch (MedfedException e) {
            throw e.withContext(org);
        }
    }

    private static String orgOf(ConnectionProfile profile) {
        String file = profile.source().getFileName().toString();
        return file.endsWith(ADMIN_SUFFIX) ? file.substring(0, file.length() - ADMIN_SUFFIX.length()) : profile.name();
    }

    private void printTable(List<OrgResult> results, String engine) {
        PrintWriter out = out();
        String row = "%-14s %9s %9s %9s   %9s %9s %9s%n";
        out.printf("%-14s %-29s   %-29s%n", "", "submit (ms)", "evaluate (ms)");
        out.printf(row, "org", "median", "p90", "max", "median", "p90", "max");
        for (OrgResult r : results) {
            out.printf(
                    row,
                    r.org(),
                    ms(r.submit().medianMs()),
                    ms(r.submit().p90Ms()),
                    ms(r.submit().maxMs()),
                    ms(r.evaluate().medianMs()),
                    ms(r.evaluate().p90Ms()),
                    ms(r.evaluate().maxMs()));
        }
        out.printf("%d measured calls of each kind per organisation, after %d warm-up pairs.%n", count, warmup);
        out.printf("ledger engine: %s%n", engine);
        out.flush();
    }

    private void printJson(List<OrgResult> results, String engine) {
        JsonObject report = new JsonObject();
        report.addProperty("ledgerEngine", engine);
        report.addProperty("count", count);
        report.addProperty("warmup", warmup);
        JsonArray list = new JsonArray();
        for (OrgResult r : results) {
            JsonObject org = new JsonObject();
            org.addProperty("org", r.org());
            org.addProperty("mspId", r.mspId());
            org.add("submitMs", stats(r.submit()));
            org.add("evaluateMs", stats(r.evaluate()));
            list.add(org);
        }
        report.add("orgs", list);
        out().println(report);
        out().flush();
    }

    private static JsonObject stats(LatencyStats s) {
        JsonObject json = new JsonObject();
        json.addProperty("median", s.medianMs());
        json.addProperty("p90", s.p90Ms());
        json.addProperty("max", s.maxMs());
        return json;
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }
}
