package org.medfed.client.console;

import java.util.List;
import java.util.stream.Collectors;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.BreakGlassReview;
import org.medfed.common.access.RecordScope;
import org.medfed.common.model.WireName;

/**
 * Risk-based access (docs/access.md): every decision of the {@code access} contract and every break-glass review.
 * The patient's pseudonym is left out: this page says who asked, why, under which policy and what was granted, not
 * whose record it was (that stays with the holder and {@code medfed access audit}).
 */
final class AccessPage implements Page {
    private final LedgerClient ledger;

    AccessPage(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        Directory names = Directory.read(ledger);
        AccessLedger access = new AccessLedger(ledger);
        HtmlTable decisions = HtmlTable.of(
                "Access decisions, from access:listDecisions",
                "decision",
                "requester",
                "role",
                "holder",
                "purpose",
                "asked for",
                "risk class",
                "policy version, rule",
                "outcome",
                "granted",
                "break-glass",
                "decided");
        for (AccessDecision d : access.allDecisions(100).value().items()) {
            decisions.row(
                    Html.shortCode(d.id()),
                    names.link(d.requesterId()),
                    Html.text(d.requesterRole().wire()),
                    names.link(d.holderId()),
                    Html.text(d.purpose().wire()),
                    Html.text(scopes(d.requestedScopes())),
                    Html.text(d.risk() == null ? "-" : d.risk().wire()),
                    d.policyVersion() + (d.matchedRule() == null ? "" : ", rule " + d.matchedRule()),
                    Html.text(d.outcome().wire()),
                    Html.text(scopes(d.scopes())) + (d.expiresAt() == null ? "" : " until " + Html.text(d.expiresAt())),
                    d.breakGlass() ? (d.flagged() ? "yes, flagged for review" : "yes") : "no",
                    Html.text(d.decidedAt()));
        }
        HtmlTable reviews = HtmlTable.of(
                "Break-glass reviews, from access:listReviews",
                "decision",
                "requester",
                "reason given",
                "flagged",
                "opened",
                "status",
                "finding",
                "closed");
        for (BreakGlassReview r : access.allReviews(null, 100).value().items()) {
            reviews.row(
                    Html.shortCode(r.decisionId()),
                    names.link(r.requesterId()),
                    Html.text(r.reason()),
                    r.flagged() ? "yes" : "no",
                    Html.text(r.openedAt()),
                    Html.text(r.status().wire()),
                    r.closing() == null
                            ? "-"
                            : Html.text(r.closing().outcome().wire() + ": "
                                    + r.closing().note()),
                    r.closedAt() == null ? "-" : Html.text(r.closedAt()) + " by " + names.link(r.closedBy()));
        }
        String body = "<h1>Access to patients' records</h1>\n<p class=\"lead\">Who asked for which records, what the "
                + "consortium's policy decided, and the privacy officer's review of every break-glass access. "
                + "Patients' pseudonyms are not shown.</p>\n"
                + (decisions.isEmpty() ? "<p>No access has been requested.</p>\n" : decisions.render())
                + "<h2 id=\"reviews\">Break-glass reviews</h2>\n"
                + (reviews.isEmpty() ? "<p>No break-glass access to review.</p>\n" : reviews.render());
        return new Rendered("Access", null, body);
    }

    private static String scopes(List<RecordScope> scopes) {
        return scopes == null || scopes.isEmpty()
                ? "-"
                : scopes.stream().map(WireName::wire).collect(Collectors.joining(", "));
    }
}
