package org.medfed.client.view;

import java.io.PrintWriter;
import org.medfed.common.model.Participant;

/** One participant as label/value lines ({@code participant show}, and what the writes answer). */
public final class ParticipantFields {

    private ParticipantFields() {}

    public static void print(PrintWriter out, Participant p) {
        Table.fields()
                .row("participant id", p.id())
                .row("MSP", p.mspId())
                .row("subject", p.subject())
                .row("role", p.role().wire())
                .row("name", p.displayName())
                .row("status", p.status().wire() + (p.statusReason() == null ? "" : " (" + p.statusReason() + ")"))
                .row("registered", p.registeredAt() + " by " + p.registeredBy())
                .print(out);
    }
}
