package org.medfed.client.ledger;

import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.TxNames;

/** The {@code participant} contract: registrations by consortium admins, and who the caller is. */
public final class ParticipantLedger {

    private final LedgerCalls calls;

    public ParticipantLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    public Reply<Caller> caller() throws MedfedException {
        return calls.evaluate(Caller::fromJson, TxNames.PARTICIPANT_GET_CALLER);
    }

    /** {@code subject} in RFC 1779 or 2253 syntax; the ledger stores its RFC 2253 form. */
    public Reply<Participant> register(String mspId, String subject, Role role, String displayName)
            throws MedfedException {
        return calls.submit(
                Participant::fromJson, TxNames.PARTICIPANT_REGISTER, mspId, subject, role.wire(), displayName);
    }

    public Reply<Participant> suspend(String participantId, String reason) throws MedfedException {
        return calls.submit(Participant::fromJson, TxNames.PARTICIPANT_SUSPEND, participantId, reason);
    }

    public Reply<Participant> reinstate(String participantId) throws MedfedException {
        return calls.submit(Participant::fromJson, TxNames.PARTICIPANT_REINSTATE, participantId);
    }

    public Reply<Participant> get(String participantId) throws MedfedException {
        return calls.evaluate(Participant::fromJson, TxNames.PARTICIPANT_GET, participantId);
    }

    public Reply<Page<Participant>> list(int pageSize, String bookmark) throws MedfedException {
        return calls.page(Participant::fromJson, TxNames.PARTICIPANT_LIST, pageSize, bookmark);
    }

    public Reply<Page<Participant>> listAll(int pageSize) throws MedfedException {
        return calls.all(Participant::fromJson, TxNames.PARTICIPANT_LIST, pageSize);
    }
}
