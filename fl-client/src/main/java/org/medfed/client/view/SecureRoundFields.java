package org.medfed.client.view;

import java.io.PrintWriter;
import java.util.List;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.common.secagg.SecurePhases;

/**
 * A secure round's attempt as label/value lines under {@link RoundFields} ({@code round status}): the phase the
 * ledger is in, when each phase ends, how many took part in each, and who is missing in each phase: the first
 * thing an operator asks when a secure round stalls.
 */
public final class SecureRoundFields {

    private SecureRoundFields() {}

    public static void print(PrintWriter out, SecureRoundView view) {
        SecurePhases phases = view.phases();
        Table fields = Table.fields()
                .row("secure phase", view.phase() + " (attempt " + view.round().attempt() + ")")
                .row("keys until", phases.keysEnd())
                .row("shares until", phases.sharesEnd())
                .row("inputs until", phases.inputEnd())
                .row("reveals until", phases.unmaskEnd() == null ? "- (from the close)" : phases.unmaskEnd())
                .row("keys", view.keys().size())
                .row("shares", view.shares().size())
                .row("masked inputs", view.survivors().size());
        if (view.round().closedAt() != null) {
            fields.row("dropouts", view.dropouts().size()).rows("", view.dropouts());
            fields.row("reveals", view.reveals().size());
        }
        for (String phase : SecureRoundView.MISSING_PHASES) {
            List<String> missing = view.missingIn(phase);
            if (!missing.isEmpty()) {
                fields.row("missing " + phase, missing.size()).rows("", missing);
            }
        }
        fields.print(out);
    }
}
