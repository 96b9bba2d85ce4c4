package org.medfed.client.sim;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.access.AccessPolicy;
import org.medfed.common.access.PolicyRule;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.RiskModelSpec;
import org.medfed.common.model.UsePurpose;

/**
 * The results section "Access decisions from a scripted request stream" ({@link AccessStream}): part of
 * {@code medfed eval}, or alone with {@code medfed eval --only access-stream}, which puts the section in place of its
 * previous version in {@code results.md} and leaves the rest of the file as it was.
 */
public final class AccessStreamEvaluation {
    static final String HEADING = "## Access decisions from a scripted request stream";
    static final String POLICY = "access-policy.json";
    static final String ONLY = "access-stream";
    private static final String BEFORE = "## Where medfed falls short";

    private final ResultsMarkdown md;
    private final Path repo;
    private final boolean quick;
    private final PrintWriter progress;

    AccessStreamEvaluation(ResultsMarkdown md, Path repo, boolean quick, PrintWriter progress) {
        this.md = md;
        this.repo = repo;
        this.quick = quick;
        this.progress = progress;
    }

    /** Runs the section alone and writes it into {@code out/results.md}; returns that file. */
    public static Path only(Path repo, Path out, boolean quick, PrintWriter progress) throws Exception {
        ResultsMarkdown md = new ResultsMarkdown();
        new AccessStreamEvaluation(md, repo, quick, progress)
                .run("./medfed eval --only " + ONLY + (quick ? " --quick" : ""));
        Path file = Files.createDirectories(out).resolve("results.md");
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Results\n\n";
        Files.writeString(file, splice(before, md.toString()), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * {@code results} with {@code section} in place of its previous version (from its heading to the next level-2
     * heading), or before the shortfalls when it has none, or at the end.
     */
    static String splice(String results, String section) {
        return ResultsMarkdown.splice(results, HEADING, BEFORE, section);
    }

    /** The section as part of {@code command}'s output. */
    void run(String command) throws Exception {
        SimInput data = SimInput.load(
                repo.resolve("data/maternal_health_risk.csv"),
                "RiskLevel",
                repo.resolve(Evaluation.MAPPINGS + "mapping-maternal-health-risk.json"),
                List.of(),
                null,
                null);
        ConfigBuilder config = new ConfigBuilder()
                .partitioning(new SimData.Dirichlet(3, 0.5))
                .use(
                        new UsePurpose(
                                PurposeOfUse.HOPERAT,
                                "a maternal risk model whose attestations decide access to patients' records"),
                        new RiskModelSpec(List.of(RiskClass.STABLE, RiskClass.SERIOUS, RiskClass.CRITICAL)));
        config.rounds = quick ? 2 : 20;
        config.hidden = List.of(16L);
        config.seeds = List.of(1L);
        int requests = quick ? 200 : 2000;
        String policy = Files.readString(repo.resolve(Evaluation.MAPPINGS + POLICY), StandardCharsets.UTF_8);
        AccessStream.Result result = AccessStream.run(config.build(), data, policy, requests);
        progress.printf(
                Locale.ROOT, "eval: %-50s %6.1f s%n", "access stream, " + requests + " requests", result.seconds());
        progress.flush();
        write(md, result, command, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    static void write(ResultsMarkdown md, AccessStream.Result r, String command, Instant when) {
        AccessMeasures.Emergency e = AccessMeasures.emergency(r.cases());
        AccessMeasures.NonEmergency n = AccessMeasures.nonEmergency(r.cases());
        AccessMeasures.Audit audit = r.audit();
        AccessMeasures.Confusion confusion = r.confusion();
        int critical = confusion.classes().size() - 1;
        md.line(HEADING)
                .line("")
                .line(String.format(
                        Locale.ROOT,
                        "Written by `%s` on %s in %.0f s. **Simulation**, one seeded run (seed %d): the chaincode's "
                                + "own `access` and `dataset` transactions on the embedded ledger in process, ledger"
                                + " time simulated, so attestations and grants expire without waiting.",
                        command,
                        when,
                        r.seconds(),
                        r.seed()))
                .line("")
                .line("The maternal health risk model is trained as a **risk task** (purpose HOPERAT; classes low, mid"
                        + " and high risk are stable, serious and critical) over 3 gateways with Dirichlet(0.5)"
                        + " classes, MLP with 16 ReLU units, " + r.rounds() + " rounds of 1 epoch, no DP; each gateway"
                        + " approves the task's use of its dataset on the ledger before round 1. The simulated"
                        + " patients are the " + r.patients() + " held-back test rows, whose true class is known. The"
                        + " first gateway attests each patient (`access:postAttestation`) under an HMAC-SHA256"
                        + " pseudonym with the final global model's class and probability (medfed's own forward"
                        + " pass), valid " + AccessStream.TTL_SECONDS / AccessStream.HOUR + " h, and again "
                        + AccessStream.REATTEST_AFTER / AccessStream.DAY + " days later for " + r.reattested()
                        + " of them; the others' risk is unknown once their attestation expires.")
                .line("")
                .line("Policy `" + Evaluation.MAPPINGS + POLICY + "`, set as ledger version "
                        + r.policy().version() + " (first matching rule decides; none matches: deny):")
                .line("")
                .table(List.of("#", "roles", "purposes", "risks", "effect", "scopes", "grant"), rules(r.policy()))
                .line("Break-glass (ETREAT with a written reason where the rules deny, for "
                        + String.join(
                                ", ",
                                r.policy().breakGlass().roles().stream()
                                        .map(role -> role.wire())
                                        .toList())
                        + " only): "
                        + String.join(
                                ", ",
                                r.policy().breakGlass().scopes().stream()
                                        .map(s -> s.wire())
                                        .toList())
                        + " for " + duration(r.policy().breakGlass().grantSeconds()) + ", a review opened; a"
                        + " requester's break-glass grant is flagged as repeat use when it had "
                        + (r.policy().breakGlass().repeatThreshold() - 1) + " or more in the "
                        + r.policy().breakGlass().repeatWindowSeconds() / AccessStream.DAY + " days before.")
                .line("")
                .line("The script: " + r.requests() + " requests (seeded) over "
                        + AccessStream.SPAN_SECONDS / AccessStream.DAY + " days from " + AccessScript.CLINICIANS
                        + " clinicians, "
                        + AccessScript.PAYERS + " payers and " + AccessScript.RESEARCHERS + " researchers, mostly for"
                        + " their own purpose, some from the wrong role; "
                        + Math.round(100 * AccessScript.WITH_REASON) + "% of emergency requests carry a written"
                        + " reason; one in five names its scopes. Each decision is `access:requestAccess`'s. For"
                        + " every grant the gateway records a release per granted scope (`access:recordRelease`) "
                        + AccessStream.SERVE_AFTER + " s later; a privacy officer closes every break-glass review at"
                        + " the end.")
                .line("")
                .line("The risk model on the patients (rows: true class, columns: the model's):")
                .line("")
                .table(confusionHeader(confusion), confusionRows(confusion))
                .line("Recall of the critical class (" + confusion.classes().get(critical) + "): "
                        + confusion.recall(critical) + "; accuracy " + confusion.accuracy() + ".")
                .line("")
                .table(List.of("purpose", "role", "requests", "granted", "by break-glass"), byPurpose(r.cases()))
                .table(
                        List.of("measure", "value"),
                        List.of(
                                row(
                                        "**emergency requests wrongly denied** (clinicians' ETREAT for patients truly"
                                                + " serious or critical)",
                                        e.denied().toString()),
                                row(
                                        "… with a written reason",
                                        e.deniedWithReason().toString()),
                                row(
                                        "… without a reason",
                                        e.deniedWithoutReason().toString()),
                                row(
                                        "denied because the model under-rated the patient (attested stable)",
                                        Long.toString(e.underRated())),
                                row("denied with no live attestation (risk unknown)", Long.toString(e.unknown())),
                                row("granted only by break-glass (narrower, shorter)", Long.toString(e.breakGlass())),
                                row(
                                        "**non-emergency requests wrongly granted** (the policy with the true class"
                                                + " denies or grants fewer scopes)",
                                        n.wronglyGranted() + " (of " + n.granted() + " granted)"),
                                row("… where the true class gives nothing", Long.toString(n.truthDenies())),
                                row("… where the model over-rated the patient", Long.toString(n.overRated())),
                                row(
                                        "**releases on the ledger with a matching live grant**",
                                        audit.matched() + " of " + audit.releases() + " (unmatched: "
                                                + audit.unmatched() + ")"),
                                row(
                                        "grants on the ledger without a release",
                                        audit.grantsWithoutRelease() + " of " + audit.grants()),
                                row(
                                        "releases attempted without a live grant (denied, scope not granted, expired)"
                                                + ", refused with NO_LIVE_GRANT",
                                        r.probes().refusedNoLiveGrant() + " of "
                                                + r.probes().attempted()),
                                row(
                                        "releases under a grant the ledger refused",
                                        Integer.toString(r.failedReleases().size())),
                                row(
                                        "break-glass reviews opened / flagged as repeat use / closed justified /"
                                                + " unjustified",
                                        r.reviews().opened() + " / "
                                                + r.reviews().flagged() + " / "
                                                + r.reviews().justified() + " / "
                                                + r.reviews().unjustified())))
                .line("Wrongly denied and wrongly granted are judged against the same policy applied by the one"
                        + " copy of the rule (`AccessRules.decide`) to an attestation of the patient's true class;"
                        + " the audit lists every decision and release the ledger holds for these patients"
                        + " (`access:listDecisions`, `access:listReleases`) and checks each release against the"
                        + " decision it names: a grant to the same requester, of the same patient, by the same holder,"
                        + " covering the scope at release time.")
                .line("")
                .line(reading(e, n, audit));
        if (!audit.problems().isEmpty()) {
            md.line("Unmatched releases:").line("");
            audit.problems().forEach(p -> md.line("- " + p));
            md.line("");
        }
    }

    /** What the figures say, in words derived from them. */
    static String reading(AccessMeasures.Emergency e, AccessMeasures.NonEmergency n, AccessMeasures.Audit audit) {
        StringBuilder s = new StringBuilder("Reading: ");
        if (e.denied().count() == 0) {
            s.append("no clinician's emergency request for a truly serious or critical patient was denied");
        } else {
            s.append(
                            e.denied().count() == e.deniedWithoutReason().count()
                                    ? "every wrongly denied emergency request came without a written reason (with one, "
                                            + "break-glass granted it, narrower and shorter)"
                                    : e.deniedWithReason().count()
                                            + " wrongly denied emergency requests carried a reason")
                    .append("; ")
                    .append(e.underRated())
                    .append(" of the ")
                    .append(e.denied().count())
                    .append(" denials follow from the model rating the patient stable, ")
                    .append(e.unknown())
                    .append(" from an expired attestation");
        }
        s.append(". ");
        if (n.wronglyGranted().count() == 0) {
            s.append("No non-emergency request got more than the true class allows");
        } else {
            s.append(
                    n.overRated() == n.wronglyGranted().count()
                            ? "Every non-emergency over-grant follows from the model over-rating the patient"
                            : n.overRated() + " of " + n.wronglyGranted().count()
                                    + " non-emergency over-grants follow from the model over-rating the patient");
        }
        s.append(
                audit.unmatched() == 0
                        ? ". Every release on the ledger has a live grant covering it."
                        : ". " + audit.unmatched()
                                + " releases on the ledger have no live grant covering them (listed below).");
        return s.append('\n').toString();
    }

    private static List<List<String>> rules(AccessPolicy policy) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < policy.rules().size(); i++) {
            PolicyRule rule = policy.rules().get(i);
            rows.add(List.of(
                    Integer.toString(i),
                    wires(rule.roles().stream().map(x -> x.wire()).toList()),
                    wires(rule.purposes().stream().map(x -> x.wire()).toList()),
                    wires(rule.risks().stream().map(x -> x.wire()).toList()),
                    rule.effect().wire(),
                    rule.allows()
                            ? wires(rule.scopes().stream().map(x -> x.wire()).toList())
                            : "",
                    rule.allows() ? duration(rule.grantSeconds()) : ""));
        }
        return rows;
    }

    private static String duration(long seconds) {
        return seconds % AccessStream.HOUR == 0 ? seconds / AccessStream.HOUR + " h" : seconds + " s";
    }

    private static String wires(List<String> values) {
        return String.join(", ", values);
    }

    private static List<String> confusionHeader(AccessMeasures.Confusion confusion) {
        List<String> header = new ArrayList<>(List.of("true \\ model"));
        header.addAll(confusion.classes());
        return header;
    }

    private static List<List<String>> confusionRows(AccessMeasures.Confusion confusion) {
        List<List<String>> rows = new ArrayList<>();
        for (int t = 0; t < confusion.classes().size(); t++) {
            List<String> row = new ArrayList<>(List.of(confusion.classes().get(t)));
            for (long count : confusion.counts()[t]) {
                row.add(Long.toString(count));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> byPurpose(List<AccessMeasures.Case> cases) {
        Map<String, long[]> counts = new TreeMap<>();
        for (AccessMeasures.Case c : cases) {
            long[] n =
                    counts.computeIfAbsent(c.purpose().wire() + "\t" + c.role().wire(), k -> new long[3]);
            n[0]++;
            n[1] += c.granted() ? 1 : 0;
            n[2] += c.breakGlass() ? 1 : 0;
        }
        List<List<String>> rows = new ArrayList<>();
        counts.forEach((key, n) -> {
            String[] parts = key.split("\t");
            rows.add(List.of(parts[0], parts[1], Long.toString(n[0]), Long.toString(n[1]), Long.toString(n[2])));
        });
        return rows;
    }

    private static List<String> row(String measure, String value) {
        return List.of(measure, value);
    }
}
