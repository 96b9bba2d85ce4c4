package org.medfed.common.model;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.codec.Hashing;

class ParticipantIdsTest {

    @Test
    void isTheSha256OfMspIdAndRfc2253Subject() {
        assertThat(ParticipantIds.of("Org1MSP", "CN=client1,OU=client,O=Org1"))
                .isEqualTo(Hashing.sha256Hex("Org1MSP::CN=client1,OU=client,O=Org1".getBytes(UTF_8)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "CN=client1, OU=client, O=Org1",
                "CN=client1,OU=client,O=Org1",
                "cn=client1,ou=client,o=Org1",
                "CN=client1;OU=client;O=Org1"
            })
    void namesOneIdentityHoweverItsSubjectIsSpelt(String subject) {
        assertThat(ParticipantIds.canonicalSubject(subject)).isEqualTo("CN=client1,OU=client,O=Org1");
        assertThat(ParticipantIds.of("Org1MSP", subject))
                .isEqualTo(ParticipantIds.of("Org1MSP", "CN=client1,OU=client,O=Org1"));
    }

    @Test
    void distinguishesOrganisationsAndSubjects() {
        assertThat(ParticipantIds.of("Org1MSP", "CN=a,O=Org1"))
                .isNotEqualTo(ParticipantIds.of("Org2MSP", "CN=a,O=Org1"))
                .isNotEqualTo(ParticipantIds.of("Org1MSP", "CN=b,O=Org1"));
    }

    @Test
    void readsEveryOrganisationalUnit() {
        assertThat(ParticipantIds.organizationalUnits("CN=Admin@org1.example.com,OU=admin,L=San Francisco,C=US"))
                .containsExactly("admin");
        assertThat(ParticipantIds.organizationalUnits("CN=u,OU=client,OU=org1,OU=department1,O=Org1"))
                .containsExactlyInAnyOrder("client", "org1", "department1");
        assertThat(ParticipantIds.organizationalUnits("CN=u,O=Org1")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Org 1", "Org1::MSP", "-Org1"})
    void refusesMalformedMspIds(String mspId) {
        assertThatThrownBy(() -> ParticipantIds.of(mspId, "CN=a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mspId");
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "not a dn", "CN"})
    void refusesSubjectsThatAreNotDistinguishedNames(String subject) {
        assertThatThrownBy(() -> ParticipantIds.of("Org1MSP", subject))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject");
    }
}
