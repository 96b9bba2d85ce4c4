package org.medfed.client.view;

import java.io.PrintWriter;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.UsageReceipt;

/** A holder's decision and a round's usage receipt as label/value lines ({@code dataset approve}, {@code usage}). */
public final class DatasetUseFields {

    private DatasetUseFields() {}

    public static void print(PrintWriter out, DatasetUseApproval d) {
        Table.fields()
                .row("task", d.taskId())
                .row("dataset", d.datasetId())
                .row("holder", d.holderId())
                .row("purpose", d.purpose().wire() + " (" + d.purpose().meaning() + ")")
                .row("status", d.status().wire())
                .row("reason", d.reason())
                .row("decided", d.decidedAt())
                .print(out);
    }

    /** One line of a receipt: the approval it was used under, or why there is none. */
    public static String approval(UsageReceipt r) {
        if (r.purpose() == null) {
            return "none needed (the task declares no purpose)";
        }
        return r.approvalDecidedAt() == null
                ? "decided again since (see audit dsuse~" + r.taskId() + "~" + r.datasetId() + ")"
                : "approved " + r.approvalDecidedAt();
    }
}
