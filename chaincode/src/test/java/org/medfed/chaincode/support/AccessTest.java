package org.medfed.chaincode.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.medfed.contract.testing.TestIdentity;

/** The access rules, one identity at a time, against registrations written straight to the ledger. */
class AccessTest {
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");
    private final FakeChaincodeStub stub = new FakeChaincodeStub();
    private final LedgerContract contract = new LedgerContract() {};

    private Access access(TestIdentity who) {
        return contract.createContext(stub.caller(who)).access();
    }

    private void registerDirectly(TestIdentity who, Role role, boolean suspended) {
        Participant participant = Participant.register(
                who.mspId(), who.subject(), role, who.name(), T, TestIdentity.ORG1_ADMIN.participantId());
        new LedgerStore(stub)
                .put(
                        new LedgerStore(stub).keys().participant(participant.id()),
                        suspended ? participant.suspend("test") : participant);
    }

    @Test
    void anUnregisteredMspAdminIsAConsortiumAdmin() {
        assertThat(access(TestIdentity.ORG2_ADMIN).requireAdmin()).isEqualTo(TestIdentity.ORG2_ADMIN.participantId());
    }

    @Test
    void anActiveParticipantWithRoleAdminIsAConsortiumAdmin() {
        registerDirectly(TestIdentity.ORG3_CLIENT, Role.ADMIN, false);

        assertThat(access(TestIdentity.ORG3_CLIENT).requireAdmin()).isEqualTo(TestIdentity.ORG3_CLIENT.participantId());
    }

    @Test
    void aSuspendedRegistrationBlocksEvenAnMspAdmin() {
        registerDirectly(TestIdentity.ORG1_ADMIN, Role.ADMIN, true);

        assertRefused(
                ErrorCode.PARTICIPANT_SUSPENDED,
                () -> access(TestIdentity.ORG1_ADMIN).requireAdmin());
    }

    @Test
    void otherParticipantsAndStrangersAreNotAdmins() {
        registerDirectly(TestIdentity.ORG1_CLIENT, Role.HOSPITAL, false);

        assertRefused(
                ErrorCode.UNAUTHORIZED, () -> access(TestIdentity.ORG1_CLIENT).requireAdmin());
        assertRefused(
                ErrorCode.UNAUTHORIZED, () -> access(TestIdentity.ORG2_CLIENT).requireAdmin());
    }

    @Test
    void writesNeedAnActiveRegistrationWithAnAllowedRole() {
        registerDirectly(TestIdentity.ORG1_CLIENT, Role.HOSPITAL, false);
        registerDirectly(TestIdentity.ORG2_RESEARCHER, Role.RESEARCHER, false);
        registerDirectly(TestIdentity.ORG3_GATEWAY, Role.WEARABLE_GATEWAY, true);

        assertThat(access(TestIdentity.ORG1_CLIENT).requireDataHolder().role()).isEqualTo(Role.HOSPITAL);
        assertThat(access(TestIdentity.ORG2_RESEARCHER).requireActive().role()).isEqualTo(Role.RESEARCHER);
        assertRefused(
                ErrorCode.UNAUTHORIZED,
                () -> access(TestIdentity.ORG2_RESEARCHER).requireDataHolder());
        assertRefused(
                ErrorCode.PARTICIPANT_SUSPENDED,
                () -> access(TestIdentity.ORG3_GATEWAY).requireActive());
        assertRefused(
                ErrorCode.NOT_REGISTERED, () -> access(TestIdentity.ORG2_CLIENT).requireActive());
        assertRefused(
                ErrorCode.NOT_REGISTERED, () -> access(TestIdentity.ORG1_ADMIN).requireDataHolder());
    }

    @Test
    void readsNeedAnMspAdminOrAnyRegistrationEvenASuspendedOne() {
        registerDirectly(TestIdentity.ORG3_GATEWAY, Role.WEARABLE_GATEWAY, true);

        access(TestIdentity.ORG3_GATEWAY).requireReader();
        access(TestIdentity.ORG2_ADMIN).requireReader();
        assertRefused(
                ErrorCode.NOT_REGISTERED, () -> access(TestIdentity.ORG2_CLIENT).requireReader());
    }

    private static void assertRefused(ErrorCode code, Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        FlChaincodeException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
