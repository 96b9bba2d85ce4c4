package org.medfed.chaincode.participant;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.ledger.Keys;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.chaincode.support.Records;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.CallerIdentity;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.Rules;

/** Who takes part: X.509 identities registered by a consortium admin with a role, suspended and reinstated. */
@Contract(name = ContractNames.PARTICIPANT)
public final class ParticipantContract implements LedgerContract {

    /** Registers the identity {@code mspId}/{@code subject} (an RFC 1779/2253 DN) as an active participant. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerParticipant(
            LedgerContext ctx, String mspId, String subject, String role, String displayName) {
        Args.text("displayName", displayName, Participant.MAX_DISPLAY_NAME);
        String registrar = ctx.caller().participantId();
        Participant participant = Rules.enforce(() ->
                Participant.register(mspId, subject, Role.fromWire(role), displayName, ctx.txTimestamp(), registrar));
        ctx.access().requireAdmin();
        LedgerStore ledger = ctx.ledger();
        String key = ledger.keys().participant(participant.id());
        if (ledger.exists(key)) {
            throw new FlChaincodeException(
                    ErrorCode.ALREADY_EXISTS,
                    mspId + "::" + participant.subject() + " is already registered as participant " + participant.id());
        }
        return store(ledger, key, participant, EventNames.PARTICIPANT_REGISTERED);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String suspendParticipant(LedgerContext ctx, String participantId, String reason) {
        Args.participantId("participantId", participantId);
        Args.text("reason", reason, Participant.MAX_REASON);
        ctx.access().requireAdmin();
        Participant participant = Records.participant(ctx.ledger(), participantId);
        Participant suspended = Rules.enforce(() -> participant.suspend(reason));
        return store(
                ctx.ledger(),
                ctx.ledger().keys().participant(participantId),
                suspended,
                EventNames.PARTICIPANT_SUSPENDED);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String reinstateParticipant(LedgerContext ctx, String participantId) {
        Args.participantId("participantId", participantId);
        ctx.access().requireAdmin();
        Participant participant = Records.participant(ctx.ledger(), participantId);
        Participant reinstated = Rules.enforce(participant::reinstate);
        return store(
                ctx.ledger(),
                ctx.ledger().keys().participant(participantId),
                reinstated,
                EventNames.PARTICIPANT_REINSTATED);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getParticipant(LedgerContext ctx, String participantId) {
        Args.participantId("participantId", participantId);
        ctx.access().requireReader();
        return CanonicalJson.encode(
                Records.participant(ctx.ledger(), participantId).toJson());
    }

    /** {@code {"items", "bookmark", "count"}}, ordered by participant id; pass the bookmark for the next page. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listParticipants(LedgerContext ctx, String pageSize, String bookmark) {
        return ctx.listing(Keys::allParticipants, pageSize, bookmark, Participant::fromJson);
    }

    /**
     * Who the caller is to the ledger: its participant id, MSP id, subject, whether it is an MSP admin, and its
     * registration (null when unregistered). Open to any channel member, so an identity can learn what to ask an
     * admin to register.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getCaller(LedgerContext ctx) {
        CallerIdentity caller = ctx.caller();
        Map<String, Object> json = new TreeMap<>();
        json.put("participantId", caller.participantId());
        json.put("mspId", caller.mspId());
        json.put("subject", caller.subject());
        json.put("mspAdmin", caller.mspAdmin());
        json.put(
                "participant",
                ctx.access().registration().map(Participant::toJson).orElse(null));
        return CanonicalJson.encode(json);
    }

    private static String store(LedgerStore ledger, String key, Participant participant, String event) {
        byte[] json = ledger.put(key, participant);
        ledger.emit(event, json);
        return new String(json, UTF_8);
    }
}
