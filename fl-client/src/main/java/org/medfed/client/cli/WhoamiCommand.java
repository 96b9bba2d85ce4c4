package org.medfed.client.cli;

import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.Caller;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.client.ledger.Reply;
import org.medfed.client.view.Table;
import org.medfed.common.model.Participant;
import picocli.CommandLine.Command;

@Command(
        name = "whoami",
        description = {
            "Show who this profile's identity is to the ledger (participant:getCaller).",
            "Participant id, MSP, certificate subject, whether it is an MSP admin, and its registration."
        })
final class WhoamiCommand extends LedgerCommand {

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        Reply<Caller> reply = new ParticipantLedger(ledger).caller();
        if (json) {
            printJson(reply.json());
            return ExitCodes.OK;
        }
        Caller caller = reply.value();
        Table.fields()
                .row("participant id", caller.participantId())
                .row("MSP", caller.mspId())
                .row("subject", caller.subject())
                .row("MSP admin", caller.mspAdmin())
                .row(
                        "registration",
                        caller.participant()
                                .map(WhoamiCommand::registration)
                                .orElse("not registered"
                                        + (caller.mspAdmin()
                                                ? " (an MSP admin needs none to administer)"
                                                : "; a consortium admin can register it with `participant register --msp "
                                                        + caller.mspId() + " --subject '" + caller.subject() + "' …`")))
                .print(out());
        return ExitCodes.OK;
    }

    private static String registration(Participant p) {
        return p.role().wire() + " \"" + p.displayName() + "\", " + p.status().wire()
                + (p.statusReason() == null ? "" : " (" + p.statusReason() + ")") + ", since " + p.registeredAt();
    }
}
