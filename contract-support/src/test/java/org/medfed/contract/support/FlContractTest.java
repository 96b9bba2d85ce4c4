package org.medfed.contract.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.medfed.contract.testing.TestIdentity;

class FlContractTest {
    private final FlContract contract = new FlContract() {};

    @Test
    void contextExposesCallerAndTransactionFromTheProposal() {
        Instant txTime = Instant.parse("2026-03-04T05:06:07.123456789Z");
        FakeChaincodeStub stub =
                new FakeChaincodeStub().caller(TestIdentity.ORG2_CLIENT).transaction("tx-42", txTime);

        FlContext ctx = contract.createContext(stub);

        assertThat(ctx.callerMspId()).isEqualTo("Org2MSP");
        assertThat(ctx.callerId()).isEqualTo(TestIdentity.ORG2_CLIENT.expectedId());
        assertThat(ctx.txId()).isEqualTo("tx-42");
        assertThat(ctx.txTimestamp()).isEqualTo(txTime);
        assertThat(ctx.getStub()).isSameAs(stub);
    }

    @Test
    void recognisesMspAdminsByTheirNodeOu() {
        CallerIdentity admin = contract.createContext(new FakeChaincodeStub().caller(TestIdentity.ORG1_ADMIN))
                .caller();
        CallerIdentity client = contract.createContext(new FakeChaincodeStub().caller(TestIdentity.ORG1_CLIENT))
                .caller();

        assertThat(admin.mspAdmin()).isTrue();
        assertThat(admin.subject()).isEqualTo("CN=admin1,OU=admin,O=Org1");
        assertThat(client.mspAdmin()).isFalse();
        assertThat(client.mspId()).isEqualTo("Org1MSP");
        assertThat(client.participantId()).isEqualTo(TestIdentity.ORG1_CLIENT.participantId());
    }

    @Test
    void refusesACallerWithoutReadableIdentity() {
        for (byte[] creator : new byte[][] {null, "garbage".getBytes(UTF_8)}) {
            FakeChaincodeStub stub = new FakeChaincodeStub().creator(creator);

            assertThatThrownBy(() -> contract.createContext(stub))
                    .isInstanceOfSatisfying(
                            FlChaincodeException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_IDENTITY));
        }
    }

    @Test
    void answersAnUnknownTransactionWithInvalidArgument() {
        FakeChaincodeStub stub =
                new FakeChaincodeStub().caller(TestIdentity.ORG1_CLIENT).args("system:nope", "x");
        FlContext ctx = contract.createContext(stub);

        assertThatThrownBy(() -> contract.unknownTransaction(ctx))
                .isInstanceOf(FlChaincodeException.class)
                .hasMessage("INVALID_ARGUMENT: unknown transaction \"system:nope\"");
    }
}
