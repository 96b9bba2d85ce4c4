package org.medfed.client.view;

import java.io.PrintWriter;
import java.util.List;
import org.medfed.common.model.Exclusion;
import org.medfed.common.round.RoundState;

/** A round's state as label/value lines ({@code round status}, {@code round close}, task writes). */
public final class RoundFields {

    private RoundFields() {}

    /** {@code submitted} (null when unknown) lists the participants with an update so far. */
    public static void print(PrintWriter out, RoundState round, List<String> submitted) {
        Table fields = Table.fields()
                .row("task", round.taskId())
                .row("round", round.round() + " (attempt " + round.attempt() + ")")
                .row("status", round.status().wire())
                .row("opened", round.openedAt())
                .row("deadline", round.deadline())
                .row("base model", ModelRefText.of(round.baseModel()));
        if (submitted != null) {
            fields.row("submitted", submitted.size()).rows("", submitted);
        }
        if (round.closedAt() != null) {
            fields.row("closed", round.closedAt() + " (" + round.closeReason().wire() + ")");
        }
        if (round.closedAt() == null) {
            fields.row("accepted", "- (fixed when the round closes)");
        } else {
            fields.row("accepted", round.accepted().size()).rows("", round.accepted());
            fields.row("excluded", round.excluded().size())
                    .rows(
                            "",
                            round.excluded().stream()
                                    .map(RoundFields::exclusion)
                                    .toList());
        }
        if (round.aggregatedAt() != null) {
            fields.row("aggregated", round.aggregatedAt() + " into " + ModelRefText.of(round.resultModel()));
        }
        if (!round.abortedAttempts().isEmpty()) {
            fields.row("aborted", round.abortedAttempts().size() + " earlier attempt(s) without quorum");
        }
        fields.print(out);
    }

    private static String exclusion(Exclusion e) {
        return e.participantId() + " " + e.reason().wire() + (e.detail() == null ? "" : ": " + e.detail());
    }
}
