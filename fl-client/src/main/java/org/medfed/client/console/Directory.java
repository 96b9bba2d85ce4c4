package org.medfed.client.console;

import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.common.model.Participant;

/** The registered participants by id, read once per page, so tables show names rather than 64 hex digits. */
final class Directory {
    private final Map<String, Participant> byId;

    private Directory(Map<String, Participant> byId) {
        this.byId = byId;
    }

    static Directory read(LedgerClient ledger) throws MedfedException {
        Map<String, Participant> byId = new TreeMap<>();
        for (Participant p : new ParticipantLedger(ledger).listAll(100).value().items()) {
            byId.put(p.id(), p);
        }
        return new Directory(byId);
    }

    Participant get(String id) {
        return byId.get(id);
    }

    Map<String, Participant> all() {
        return byId;
    }

    /** The participant's name and organisation, linked to its ledger record; the short id if unregistered. */
    String link(String id) {
        Participant p = byId.get(id);
        String text = p == null ? Html.abbreviate(id) : p.displayName() + " (" + p.mspId() + ")";
        return "<a href=\"" + Html.text(Links.record("participant~" + id)) + "\" title=\"" + Html.text(id) + "\">"
                + Html.text(text) + "</a>";
    }

    /** The name alone, for chart legends. */
    String name(String id) {
        Participant p = byId.get(id);
        return p == null ? Html.abbreviate(id) : p.displayName();
    }
}
