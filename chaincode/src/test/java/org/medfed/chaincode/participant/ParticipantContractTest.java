package org.medfed.chaincode.participant;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Participant;
import org.medfed.common.model.ParticipantStatus;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.testing.TestIdentity;

class ParticipantContractTest {
    private final LedgerHarness ledger = new LedgerHarness();
    private final ParticipantContract contract = ledger.participants;

    private Participant register(TestIdentity registrar, TestIdentity who, Role role) {
        return Participant.fromJson(ledger.json(
                registrar,
                ctx -> contract.registerParticipant(
                        ctx, who.mspId(), who.subject(), role.wire(), "Display " + who.name())));
    }

    @Nested
    class RegisterParticipant {

        @Test
        void letsAnUnregisteredMspAdminRegisterTheFirstParticipant() {
            Participant hospital = register(ADMIN, TestIdentity.ORG1_CLIENT, Role.HOSPITAL);

            assertThat(hospital.id()).isEqualTo(TestIdentity.ORG1_CLIENT.participantId());
            assertThat(hospital.status()).isEqualTo(ParticipantStatus.ACTIVE);
            assertThat(hospital.registeredBy()).isEqualTo(ADMIN.participantId());
            assertThat(hospital.registeredAt()).isEqualTo(LedgerHarness.T0);
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.PARTICIPANT_REGISTERED);
            assertThat(Participant.fromJson(JsonFields.object(
                            CanonicalJson.parseUtf8(ledger.lastEvent().payload()))))
                    .isEqualTo(hospital);
        }

        @Test
        void letsAnotherOrganisationsMspAdminRegisterParticipantsOfAnyOrganisation() {
            Participant clinic = register(TestIdentity.ORG2_ADMIN, TestIdentity.ORG3_CLIENT, Role.CLINIC);

            assertThat(clinic.mspId()).isEqualTo("Org3MSP");
        }

        @Test
        void registersSeveralParticipantsOfOneOrganisation() {
            register(ADMIN, TestIdentity.ORG3_CLIENT, Role.WEARABLE_GATEWAY);
            register(ADMIN, TestIdentity.ORG3_GATEWAY, Role.WEARABLE_GATEWAY);

            assertThat(JsonFields.integer(ledger.json(ADMIN, ctx -> contract.listParticipants(ctx, "10", "")), "count"))
                    .isEqualTo(2);
        }

        @Test
        void letsAParticipantWithRoleAdminRegisterOthers() {
            register(ADMIN, TestIdentity.ORG2_CLIENT, Role.ADMIN);

            register(TestIdentity.ORG2_CLIENT, TestIdentity.ORG3_CLIENT, Role.CLINIC);
        }

        @Test
        void acceptsTheSubjectInAnySpellingOfTheSameDistinguishedName() {
            Participant registered = Participant.fromJson(ledger.json(
                    ADMIN,
                    ctx -> contract.registerParticipant(
                            ctx, "Org1MSP", "CN=client1, OU=client, O=Org1", "hospital", "St. Mary")));

            assertThat(registered.id()).isEqualTo(TestIdentity.ORG1_CLIENT.participantId());
        }

        @Test
        void refusesAClientThatIsNeitherMspAdminNorAdminParticipant() {
            register(ADMIN, TestIdentity.ORG1_CLIENT, Role.HOSPITAL);

            ledger.refused(
                    ErrorCode.UNAUTHORIZED,
                    TestIdentity.ORG1_CLIENT,
                    ctx -> contract.registerParticipant(
                            ctx, "Org2MSP", TestIdentity.ORG2_CLIENT.subject(), "clinic", "x"));
            ledger.refused(
                    ErrorCode.UNAUTHORIZED,
                    TestIdentity.ORG2_CLIENT,
                    ctx -> contract.registerParticipant(
                            ctx, "Org2MSP", TestIdentity.ORG2_CLIENT.subject(), "clinic", "x"));
        }

        @Test
        void refusesASecondRegistrationOfTheSameIdentity() {
            register(ADMIN, TestIdentity.ORG1_CLIENT, Role.HOSPITAL);

            ledger.refused(
                    ErrorCode.ALREADY_EXISTS,
                    ADMIN,
                    ctx -> contract.registerParticipant(
                            ctx, "Org1MSP", TestIdentity.ORG1_CLIENT.subject(), "clinic", "again"));
        }

        @Test
        void refusesUnknownRolesAndMalformedIdentities() {
            ledger.refused(
                    ErrorCode.INVALID_ARGUMENT,
                    ADMIN,
                    ctx -> contract.registerParticipant(
                            ctx, "Org1MSP", TestIdentity.ORG1_CLIENT.subject(), "doctor", "x"));
            ledger.refused(
                    ErrorCode.INVALID_ARGUMENT,
                    ADMIN,
                    ctx -> contract.registerParticipant(
                            ctx, "Org 1", TestIdentity.ORG1_CLIENT.subject(), "hospital", "x"));
            ledger.refused(
                    ErrorCode.INVALID_ARGUMENT,
                    ADMIN,
                    ctx -> contract.registerParticipant(ctx, "Org1MSP", "not a dn", "hospital", "x"));
            ledger.refused(
                    ErrorCode.INVALID_ARGUMENT,
                    ADMIN,
                    ctx -> contract.registerParticipant(
                            ctx, "Org1MSP", TestIdentity.ORG1_CLIENT.subject(), "hospital", ""));
        }
    }

    @Nested
    class SuspendParticipant {

        @Test
        void suspendsWithAReasonAndBlocksTheParticipantsWrites() {
            Consortium.registered(ledger);
            String clinic = TestIdentity.ORG2_CLIENT.participantId();

            Participant suspended = Participant.fromJson(
                    ledger.json(ADMIN, ctx -> contract.suspendParticipant(ctx, clinic, "consent withdrawn")));

            assertThat(suspended.status()).isEqualTo(ParticipantStatus.SUSPENDED);
            assertThat(suspended.statusReason()).isEqualTo("consent withdrawn");
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.PARTICIPANT_SUSPENDED);
            ledger.refused(
                    ErrorCode.PARTICIPANT_SUSPENDED,
                    TestIdentity.ORG2_CLIENT,
                    ctx -> ledger.datasets.registerDataset(ctx, Fixtures.json(Fixtures.dataset("ds-other"))));
        }

        @Test
        void refusesAnAlreadySuspendedOrUnknownParticipant() {
            register(ADMIN, TestIdentity.ORG1_CLIENT, Role.HOSPITAL);
            String id = TestIdentity.ORG1_CLIENT.participantId();
            ledger.run(ADMIN, ctx -> contract.suspendParticipant(ctx, id, "audit"));

            ledger.refused(
                    ErrorCode.PARTICIPANT_SUSPENDED, ADMIN, ctx -> contract.suspendParticipant(ctx, id, "again"));
            ledger.refused(
                    ErrorCode.NOT_FOUND,
                    ADMIN,
                    ctx -> contract.suspendParticipant(ctx, TestIdentity.ORG2_CLIENT.participantId(), "audit"));
        }

        @Test
        void stopsASuspendedAdminParticipantFromAdministering() {
            register(ADMIN, TestIdentity.ORG2_CLIENT, Role.ADMIN);
            ledger.run(ADMIN, ctx -> contract.suspendParticipant(ctx, TestIdentity.ORG2_CLIENT.participantId(), "x"));

            ledger.refused(
                    ErrorCode.PARTICIPANT_SUSPENDED,
                    TestIdentity.ORG2_CLIENT,
                    ctx -> contract.registerParticipant(
                            ctx, "Org3MSP", TestIdentity.ORG3_CLIENT.subject(), "clinic", "x"));
        }
    }

    @Nested
    class ReinstateParticipant {

        @Test
        void reinstatesASuspendedParticipant() {
            register(ADMIN, TestIdentity.ORG1_CLIENT, Role.HOSPITAL);
            String id = TestIdentity.ORG1_CLIENT.participantId();
            ledger.run(ADMIN, ctx -> contract.suspendParticipant(ctx, id, "audit"));

            Participant reinstated =
                    Participant.fromJson(ledger.json(ADMIN, ctx -> contract.reinstateParticipant(ctx, id)));

            assertThat(reinstated.isActive()).isTrue();
            assertThat(reinstated.statusReason()).isNull();
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.PARTICIPANT_REINSTATED);
        }

        @Test
        void refusesAnActiveParticipant() {
            register(ADMIN, TestIdentity.ORG1_CLIENT, Role.HOSPITAL);

            ledger.refused(
                    ErrorCode.ILLEGAL_TRANSITION,
                    ADMIN,
                    ctx -> contract.reinstateParticipant(ctx, TestIdentity.ORG1_CLIENT.participantId()));
        }
    }

    @Nested
    class GetParticipant {

        @Test
        void returnsTheRecordToAnyRegisteredReaderEvenASuspendedOne() {
            register(ADMIN, TestIdentity.ORG1_CLIENT, Role.HOSPITAL);
            String id = TestIdentity.ORG1_CLIENT.participantId();
            ledger.run(ADMIN, ctx -> contract.suspendParticipant(ctx, id, "audit"));

            Map<String, Object> own = ledger.json(TestIdentity.ORG1_CLIENT, ctx -> contract.getParticipant(ctx, id));

            assertThat(own).containsEntry("status", "suspended").containsEntry("statusReason", "audit");
        }

        @Test
        void refusesUnregisteredReadersAndUnknownIds() {
            register(ADMIN, TestIdentity.ORG1_CLIENT, Role.HOSPITAL);

            ledger.refused(
                    ErrorCode.NOT_REGISTERED,
                    TestIdentity.ORG2_CLIENT,
                    ctx -> contract.getParticipant(ctx, TestIdentity.ORG1_CLIENT.participantId()));
            ledger.refused(
                    ErrorCode.NOT_FOUND,
                    ADMIN,
                    ctx -> contract.getParticipant(ctx, TestIdentity.ORG2_CLIENT.participantId()));
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.getParticipant(ctx, "Org1MSP"));
        }
    }

    @Nested
    class ListParticipants {

        @Test
        void pagesThroughEveryParticipantInIdOrder() {
            for (TestIdentity who : List.of(
                    TestIdentity.ORG1_CLIENT,
                    TestIdentity.ORG2_CLIENT,
                    TestIdentity.ORG3_CLIENT,
                    TestIdentity.ORG3_GATEWAY,
                    TestIdentity.ORG2_RESEARCHER)) {
                register(ADMIN, who, who == TestIdentity.ORG2_RESEARCHER ? Role.RESEARCHER : Role.CLINIC);
            }
            List<String> ids = new ArrayList<>();
            String bookmark = "";
            int pages = 0;
            do {
                String from = bookmark;
                Map<String, Object> page = ledger.json(ADMIN, ctx -> contract.listParticipants(ctx, "2", from));
                JsonFields.objects(page, "items").forEach(item -> ids.add((String) item.get("id")));
                bookmark = JsonFields.string(page, "bookmark");
                pages++;
            } while (!bookmark.isEmpty());

            assertThat(pages).isEqualTo(3);
            assertThat(ids).hasSize(5).isSorted().doesNotHaveDuplicates();
        }

        @Test
        void refusesBadPageSizesAndForeignBookmarks() {
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.listParticipants(ctx, "0", ""));
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.listParticipants(ctx, "1000", ""));
            String taskBookmark =
                    Base64.getUrlEncoder().withoutPadding().encodeToString("\u0000task\u0000x\u0000".getBytes(UTF_8));
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.listParticipants(ctx, "5", taskBookmark));
        }
    }

    @Nested
    class GetCaller {

        @Test
        void tellsAnUnregisteredIdentityWhoItIs() {
            Map<String, Object> caller = ledger.json(TestIdentity.ORG3_CLIENT, contract::getCaller);

            assertThat(caller)
                    .containsEntry("participantId", TestIdentity.ORG3_CLIENT.participantId())
                    .containsEntry("mspId", "Org3MSP")
                    .containsEntry("subject", TestIdentity.ORG3_CLIENT.subject())
                    .containsEntry("mspAdmin", false)
                    .containsEntry("participant", null);
        }

        @Test
        void showsAnAdminItsNodeOuAndARegisteredCallerItsRecord() {
            register(ADMIN, TestIdentity.ORG1_CLIENT, Role.HOSPITAL);

            assertThat(ledger.json(ADMIN, contract::getCaller)).containsEntry("mspAdmin", true);
            assertThat(JsonFields.object(ledger.json(TestIdentity.ORG1_CLIENT, contract::getCaller), "participant"))
                    .containsEntry("role", "hospital");
        }
    }
}
