package org.medfed.client.cli;

import java.io.PrintWriter;
import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.client.view.AccessFields;
import org.medfed.client.view.Table;
import org.medfed.common.access.AccessRequest;
import org.medfed.common.access.BreakGlassReview;
import org.medfed.common.access.RecordScope;
import org.medfed.common.model.PurposeOfUse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
        name = "access",
        description = "Risk-based access to patients' records (docs/access.md): request, show, fetch, review, audit.",
        subcommands = {
            AccessCommand.Request.class,
            AccessCommand.Show.class,
            AccessFetchCommand.class,
            AccessCommand.Review.class,
            AccessAuditCommand.class
        })
final class AccessCommand extends GroupCommand {

    @Command(
            name = "request",
            description = {
                "Ask for access to a patient's records (access:requestAccess). The chaincode decides from the policy, "
                        + "your registered role and the patient's live risk attestation, and records the decision, "
                        + "granted or denied (a denial is an answer: exit 0).",
                "Break-glass: --purpose ETREAT with a --reason gets a short, narrow grant where the policy denies, "
                        + "and opens a review a privacy officer must close."
            })
    static final class Request extends LedgerCommand {
        @Option(names = "--patient", required = true, paramLabel = "REF", description = "The patient's reference.")
        private String patientRef;

        @Option(
                names = "--purpose",
                required = true,
                paramLabel = "CODE",
                description = "HL7 purpose of use: TREAT, ETREAT, HPAYMT, HOPERAT, HRESCH, PUBHLTH, PATRQT.")
        private String purpose;

        @Option(
                names = "--scope",
                paramLabel = "SCOPE",
                description = "summary, vitals or notes; repeatable (default: every scope the matching rule allows).")
        private List<String> scopes;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (required for break-glass).")
        private String reason;

        private AccessRequest request;

        @Override
        protected boolean prepare() {
            try {
                request = new AccessRequest(
                        patientRef,
                        PurposeOfUse.fromWire(purpose),
                        scopes == null
                                ? null
                                : scopes.stream().map(RecordScope::fromWire).toList(),
                        reason);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new AccessLedger(ledger).requestAccess(request), AccessFields::print);
        }
    }

    @Command(name = "show", description = "Show one access decision with every input that decided it.")
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "DECISION_ID", description = "The decision's id (its transaction id).")
        private String decisionId;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new AccessLedger(ledger).decision(decisionId), AccessFields::print);
        }
    }

    @Command(
            name = "review",
            description = "Close a break-glass review (privacy officers; access:closeReview): was the use justified?")
    static final class Review extends LedgerCommand {
        @Parameters(paramLabel = "DECISION_ID", description = "The break-glass decision under review.")
        private String decisionId;

        @Option(names = "--outcome", required = true, paramLabel = "OUTCOME", description = "justified or unjustified.")
        private String outcome;

        @Option(names = "--note", required = true, paramLabel = "TEXT", description = "The reviewer's note.")
        private String note;

        private BreakGlassReview.Closing closing;

        @Override
        protected boolean prepare() {
            try {
                closing = new BreakGlassReview.Closing(BreakGlassReview.Outcome.fromWire(outcome), note);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new AccessLedger(ledger).closeReview(decisionId, closing), Review::print);
        }

        static void print(PrintWriter out, BreakGlassReview r) {
            Table.fields()
                    .row("decision", r.decisionId())
                    .row("status", r.status().wire())
                    .row(
                            "outcome",
                            r.closing() == null ? "-" : r.closing().outcome().wire())
                    .row("note", r.closing() == null ? "-" : r.closing().note())
                    .row("requester", r.requesterId())
                    .row("reason", r.reason())
                    .row("flagged", r.flagged() ? "yes" : "no")
                    .row("opened", r.openedAt())
                    .row("closed", r.closedAt() == null ? "-" : r.closedAt() + " by " + r.closedBy())
                    .print(out);
        }
    }
}
