package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

class ParticipantTest {
    private final Participant alice = Samples.registered("alice", Role.HOSPITAL);

    @Test
    void registersAnActiveParticipantUnderItsDerivedId() {
        assertThat(alice.id()).isEqualTo(Samples.ALICE);
        assertThat(alice.isActive()).isTrue();
        assertThat(alice.statusReason()).isNull();
    }

    @Test
    void survivesACanonicalJsonRoundTripWithWireNames() {
        Participant suspended = alice.suspend("audit");
        String json = CanonicalJson.encode(suspended.toJson());

        assertThat(json).contains("\"role\":\"hospital\"", "\"status\":\"suspended\"", "\"statusReason\":\"audit\"");
        assertThat(Participant.fromJson(JsonFields.object(CanonicalJson.parse(json))))
                .isEqualTo(suspended);
    }

    @Test
    void suspendsAndReinstates() {
        Participant suspended = alice.suspend("data quality review");

        assertThat(suspended.isActive()).isFalse();
        assertThat(suspended.reinstate()).isEqualTo(alice);
    }

    @Test
    void refusesToSuspendTwiceOrReinstateAnActiveParticipant() {
        assertThatThrownBy(() -> alice.suspend("x").suspend("y"))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PARTICIPANT_SUSPENDED));
        assertThatThrownBy(alice::reinstate)
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
    }

    @Test
    void refusesAnIdThatDoesNotMatchItsIdentity() {
        Map<String, Object> json = new TreeMap<>(alice.toJson());
        json.put("id", Samples.BOB);

        assertThatThrownBy(() -> Participant.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("participant id");
    }

    @Test
    void refusesUnknownRolesAndFields() {
        Map<String, Object> json = new TreeMap<>(alice.toJson());
        json.put("role", "doctor");
        assertThatThrownBy(() -> Participant.fromJson(json)).hasMessageContaining("wearable-gateway");

        Map<String, Object> extra = new TreeMap<>(alice.toJson());
        extra.put("colour", "blue");
        assertThatThrownBy(() -> Participant.fromJson(extra)).hasMessage("unknown field \"colour\"");
    }

    @Test
    void mapsEveryRoleToItsWireNameAndBack() {
        assertThat(Role.values())
                .extracting(Role::wire)
                .containsExactly(
                        "hospital",
                        "clinic",
                        "wearable-gateway",
                        "researcher",
                        "admin",
                        "clinician",
                        "privacy-officer",
                        "payer");
        for (Role role : Role.values()) {
            assertThat(Role.fromWire(role.wire())).isEqualTo(role);
        }
        assertThat(Role.values())
                .filteredOn(Role::holdsData)
                .containsExactly(Role.HOSPITAL, Role.CLINIC, Role.WEARABLE_GATEWAY);
    }
}
