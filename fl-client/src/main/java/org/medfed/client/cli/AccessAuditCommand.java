package org.medfed.client.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.client.ExitCodes;
import org.medfed.client.access.ReleaseAudit;
import org.medfed.client.access.ReleaseLog;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.client.view.AccessFields;
import org.medfed.client.view.Table;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.BreakGlassReview;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.codec.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "audit",
        description = {
            "Every access decision, release of records and break-glass review on the ledger (or one patient's), and "
                    + "for every release whether a grant covered it: granted to that requester for that patient and "
                    + "scope, live when the release committed. Releases without one are flagged and exit 4.",
            "With --release-log, also checks a data holder's release log against the ledger (same release ids and "
                    + "hashes)."
        })
final class AccessAuditCommand extends LedgerCommand {

    private static final int PAGE = 100;

    @Option(names = "--patient", paramLabel = "REF", description = "Only this patient's decisions and releases.")
    private String patientRef;

    @Option(
            names = "--release-log",
            paramLabel = "FILE",
            description = "A data holder's release log (JSON lines) to check against the ledger.")
    private Path releaseLog;

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        AccessLedger access = new AccessLedger(ledger);
        Map<String, AccessDecision> decisions = new TreeMap<>();
        for (AccessDecision d : access.allDecisions(PAGE).value().items()) {
            decisions.put(d.id(), d);
        }
        List<ReleaseRecord> releases = access.allReleases(null, PAGE).value().items().stream()
                .filter(r -> patientRef == null || r.patientRef().equals(patientRef))
                .toList();
        List<BreakGlassReview> reviews = access.allReviews(null, PAGE).value().items().stream()
                .filter(r -> patientRef == null || r.patientRef().equals(patientRef))
                .toList();
        Map<String, Optional<String>> problems = new LinkedHashMap<>();
        for (ReleaseRecord r : releases) {
            problems.put(r.id(), ReleaseAudit.problem(r, decisions));
        }
        List<String> logProblems = logProblems(releases);
        List<AccessDecision> shown = decisions.values().stream()
                .filter(d -> patientRef == null || d.patientRef().equals(patientRef))
                .toList();
        long flagged = problems.values().stream().filter(Optional::isPresent).count() + logProblems.size();
        if (json) {
            printJson(json(shown, releases, problems, reviews, logProblems));
        } else {
            print(shown, releases, problems, reviews, logProblems);
        }
        return flagged == 0 ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }

    private List<String> logProblems(List<ReleaseRecord> releases) throws InputException {
        if (releaseLog == null) {
            return List.of();
        }
        Map<String, ReleaseRecord> byId = new TreeMap<>();
        releases.forEach(r -> byId.put(r.id(), r));
        List<String> problems = new ArrayList<>();
        try {
            List<ReleaseLog.Entry> entries = new ReleaseLog(releaseLog)
                    .read().stream()
                            .filter(entry ->
                                    patientRef == null || entry.patientRef().equals(patientRef))
                            .toList();
            for (ReleaseLog.Entry entry : entries) {
                ReleaseAudit.problem(entry, byId).ifPresent(problems::add);
            }
            problems.addAll(ReleaseAudit.unlogged(releases, entries));
        } catch (IOException e) {
            throw new InputException(e.getMessage(), e);
        }
        return problems;
    }

    private void print(
            List<AccessDecision> decisions,
            List<ReleaseRecord> releases,
            Map<String, Optional<String>> problems,
            List<BreakGlassReview> reviews,
            List<String> logProblems) {
        out().println("Decisions (" + decisions.size() + ")");
        Table table = Table.of(
                "decision", "decided", "requester", "patient", "purpose", "risk", "outcome", "scopes", "expires");
        for (AccessDecision d : decisions) {
            table.row(
                    d.id(),
                    d.decidedAt(),
                    d.requesterId(),
                    d.patientRef(),
                    d.purpose().wire(),
                    d.risk().wire(),
                    d.outcome().wire() + (d.breakGlass() ? " break-glass" : "") + (d.flagged() ? " FLAGGED" : ""),
                    d.granted() ? AccessFields.scopes(d.scopes()) : "-",
                    d.granted() ? d.expiresAt() : "-");
        }
        table.print(out());
        out().println();
        out().println("Releases (" + releases.size() + ")");
        Table released = Table.of("release", "decision", "scope", "released", "records sha256", "grant");
        for (ReleaseRecord r : releases) {
            released.row(
                    r.id(),
                    r.decisionId(),
                    r.scope().wire(),
                    r.releasedAt(),
                    r.recordsSha256(),
                    problems.get(r.id()).map(p -> "NO MATCHING GRANT: " + p).orElse("matching grant"));
        }
        released.print(out());
        out().println();
        out().println("Break-glass reviews (" + reviews.size() + ")");
        Table reviewed = Table.of("decision", "status", "outcome", "flagged", "opened", "closed");
        for (BreakGlassReview r : reviews) {
            reviewed.row(
                    r.decisionId(),
                    r.status().wire(),
                    r.closing() == null ? "-" : r.closing().outcome().wire(),
                    r.flagged() ? "yes" : "no",
                    r.openedAt(),
                    r.closedAt() == null ? "-" : r.closedAt());
        }
        reviewed.print(out());
        if (releaseLog != null) {
            out().println();
            out().println("Release log " + releaseLog + ": "
                    + (logProblems.isEmpty() ? "every logged release is on the ledger with the same hash" : ""));
            logProblems.forEach(p -> out().println("  MISMATCH: " + p));
        }
        long missing = problems.values().stream().filter(Optional::isPresent).count();
        out().println();
        out().println(
                        missing == 0
                                ? "Every release has a matching grant on the ledger."
                                : missing + " release(s) WITHOUT a matching grant.");
        out().flush();
    }

    private static String json(
            List<AccessDecision> decisions,
            List<ReleaseRecord> releases,
            Map<String, Optional<String>> problems,
            List<BreakGlassReview> reviews,
            List<String> logProblems) {
        Map<String, Object> json = new TreeMap<>();
        json.put("decisions", decisions.stream().map(AccessDecision::toJson).toList());
        List<Object> released = new ArrayList<>();
        for (ReleaseRecord r : releases) {
            Map<String, Object> item = new TreeMap<>(r.toJson());
            item.put("matchingGrant", problems.get(r.id()).isEmpty());
            problems.get(r.id()).ifPresent(p -> item.put("problem", p));
            released.add(item);
        }
        json.put("releases", released);
        json.put("reviews", reviews.stream().map(BreakGlassReview::toJson).toList());
        json.put("releaseLogProblems", logProblems);
        return CanonicalJson.encode(json);
    }
}
