package org.medfed.chaincode.support;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.CallerIdentity;
import org.medfed.contract.support.FlChaincodeException;

/**
 * Every access decision of the ledger contracts. The caller is its MSP id and certificate subject; its participant
 * id is the hash of both (ParticipantIds). Rules:
 * <ul>
 *   <li>consortium admin: an MSP admin identity (NodeOU {@code admin}), registered or not, or an active participant
 *       with role {@code admin}; a suspended registration blocks both. This bootstraps the ledger: an MSP admin
 *       registers the first participants, admins included, without being registered itself;</li>
 *   <li>other writes: a registered, active participant whose role the transaction allows;</li>
 *   <li>reads: an MSP admin or any registered participant, suspended ones included (they may read why).</li>
 * </ul>
 */
public final class Access {
    private final CallerIdentity caller;
    private final LedgerStore ledger;
    private Optional<Participant> registration;

    Access(CallerIdentity caller, LedgerStore ledger) {
        this.caller = caller;
        this.ledger = ledger;
    }

    public CallerIdentity caller() {
        return caller;
    }

    /** The caller's participant record, if it is registered. */
    public Optional<Participant> registration() {
        if (registration == null) {
            registration = ledger.find(ledger.keys().participant(caller.participantId()), Participant::fromJson);
        }
        return registration;
    }

    /** @return the caller's participant id, recorded as the author of the change */
    public String requireAdmin() {
        Optional<Participant> participant = registration();
        participant.ifPresent(Access::requireNotSuspended);
        boolean adminRole = participant.map(p -> p.role() == Role.ADMIN).orElse(false);
        if (!caller.mspAdmin() && !adminRole) {
            throw new FlChaincodeException(
                    ErrorCode.UNAUTHORIZED,
                    "only a consortium admin may do this: an MSP admin"
                            + " identity (OU=admin) or a participant with role admin; the caller is "
                            + describeCaller());
        }
        return caller.participantId();
    }

    /** The caller's registration, which must be active and hold one of {@code roles} (any role when none given). */
    public Participant requireActive(Role... roles) {
        Participant participant = registration()
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.NOT_REGISTERED, describeCaller() + " is not a registered participant"));
        requireNotSuspended(participant);
        if (roles.length > 0 && !Arrays.asList(roles).contains(participant.role())) {
            throw new FlChaincodeException(
                    ErrorCode.UNAUTHORIZED,
                    "role " + participant.role().wire()
                            + " may not do this; allowed: "
                            + Arrays.stream(roles).map(Role::wire).collect(Collectors.joining(", ")));
        }
        return participant;
    }

    /** Hospitals, clinics and wearable gateways: the roles that hold data. */
    public Participant requireDataHolder() {
        return requireActive(Role.HOSPITAL, Role.CLINIC, Role.WEARABLE_GATEWAY);
    }

    public void requireReader() {
        if (!caller.mspAdmin() && registration().isEmpty()) {
            throw new FlChaincodeException(
                    ErrorCode.NOT_REGISTERED,
                    describeCaller() + " is neither an MSP admin nor a registered participant");
        }
    }

    private static void requireNotSuspended(Participant participant) {
        if (!participant.isActive()) {
            throw new FlChaincodeException(
                    ErrorCode.PARTICIPANT_SUSPENDED,
                    "participant " + participant.id() + " is suspended: " + participant.statusReason());
        }
    }

    private String describeCaller() {
        return caller.mspId() + "::" + caller.subject();
    }
}
