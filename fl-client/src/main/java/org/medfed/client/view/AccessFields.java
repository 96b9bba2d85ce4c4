package org.medfed.client.view;

import java.io.PrintWriter;
import java.util.List;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.AccessPolicy;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.RiskAttestation;

/** Access decisions and policies as label/value lines ({@code access request|show}, {@code policy show}). */
public final class AccessFields {

    private AccessFields() {}

    public static void print(PrintWriter out, AccessDecision d) {
        RiskAttestation a = d.attestation();
        Table.fields()
                .row("decision", d.id())
                .row("outcome", d.outcome().wire() + (d.breakGlass() ? " (break-glass)" : ""))
                .row("scopes", d.granted() ? scopes(d.scopes()) : "-")
                .row("expires", d.granted() ? d.expiresAt() : "-")
                .row("explanation", d.explanation())
                .row("patient", d.patientRef())
                .row("holder", d.holderId())
                .row("requester", d.requesterId() + " (" + d.requesterRole().wire() + ")")
                .row("purpose", d.purpose().wire())
                .row("requested", d.requestedScopes() == null ? "(all the rule allows)" : scopes(d.requestedScopes()))
                .row("reason", d.reason() == null ? "-" : d.reason())
                .row("risk", d.risk().wire())
                .row(
                        "attestation",
                        a == null
                                ? "none live"
                                : "class " + a.claim().classIndex() + " p="
                                        + a.claim().probability().toPlainString()
                                        + ", model " + a.claim().modelCid() + " round "
                                        + a.claim().round()
                                        + ", observed " + a.observedAt() + ", expires " + a.expiresAt())
                .row(
                        "policy",
                        "version " + d.policyVersion() + ", rule "
                                + (d.matchedRule() == null ? "none matched" : "#" + d.matchedRule()))
                .row("flagged", d.flagged() ? "yes (" + d.priorBreakGlass() + " prior break-glass grants)" : "no")
                .row("decided", d.decidedAt())
                .print(out);
    }

    public static void print(PrintWriter out, AccessPolicy p) {
        Table.fields()
                .row("version", p.version())
                .row("rules", p.rules().size())
                .row("set by", p.setBy())
                .row("set at", p.setAt())
                .print(out);
        Table table = Table.of("#", "effect", "roles", "purposes", "risks", "scopes", "grant s");
        for (int i = 0; i < p.rules().size(); i++) {
            var rule = p.rules().get(i);
            table.row(
                    i,
                    rule.effect().wire(),
                    String.join(",", rule.roles().stream().map(r -> r.wire()).toList()),
                    String.join(",", rule.purposes().stream().map(r -> r.wire()).toList()),
                    String.join(",", rule.risks().stream().map(r -> r.wire()).toList()),
                    rule.scopes() == null || rule.scopes().isEmpty() ? "-" : scopes(rule.scopes()),
                    rule.grantSeconds() == null ? "-" : rule.grantSeconds());
        }
        table.print(out);
        var bg = p.breakGlass();
        out.println("break-glass: "
                + (bg == null
                        ? "none"
                        : scopes(bg.scopes()) + " for " + bg.grantSeconds() + " s; flagged at " + bg.repeatThreshold()
                                + " within " + bg.repeatWindowSeconds() + " s"));
    }

    public static String scopes(List<RecordScope> scopes) {
        return String.join(",", scopes.stream().map(RecordScope::wire).toList());
    }
}
