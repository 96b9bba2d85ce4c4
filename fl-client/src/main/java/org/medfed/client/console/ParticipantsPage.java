package org.medfed.client.console;

import org.medfed.client.gateway.LedgerClient;
import org.medfed.common.model.Participant;

/** Every registered participant (participant:listParticipants): organisation, role, status. */
final class ParticipantsPage implements Page {
    private final LedgerClient ledger;

    ParticipantsPage(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        Directory names = Directory.read(ledger);
        HtmlTable table = HtmlTable.of(
                names.all().size() + " registered participant(s), from participant:listParticipants",
                "participant",
                "organisation (MSP)",
                "role",
                "status",
                "registered",
                "id");
        for (Participant p : names.all().values()) {
            table.row(
                    names.link(p.id()),
                    Html.text(p.mspId()),
                    Html.text(p.role().wire()),
                    Html.text(p.status().wire())
                            + (p.statusReason() == null ? "" : " (" + Html.text(p.statusReason()) + ")"),
                    Html.text(p.registeredAt()) + " by " + names.link(p.registeredBy()),
                    Html.codeLink(Links.search(p.id()), p.id()));
        }
        String body = "<h1>Participants</h1>\n<p class=\"lead\">Hospitals, clinics, gateways, researchers and "
                + "admins with an identity on the ledger. Each name links to its ledger record; each id to what the "
                + "ledger holds about it.</p>\n" + table.render();
        return new Rendered("Participants", null, body);
    }
}
