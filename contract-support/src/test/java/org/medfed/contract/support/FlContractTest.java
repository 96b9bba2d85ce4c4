package org.medfed.contract.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.medfed.contract.testing.TestIdentity;

class FlContractTest {
    private final FlContract contract = new FlContract() {};

    /** A contract with one transaction of two arguments, {@code pair(ctx, a, b)}. */
    @Contract(name = "pairs")
    static final class PairContract implements FlContract {
        @Transaction(intent = Transaction.TYPE.EVALUATE)
        public String pair(FlContext ctx, String a, String b) {
            return a + b;
        }
    }

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

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3})
    void refusesACallWithTheWrongNumberOfArgumentsAsInvalid(int count) {
        String[] args = new String[count + 1];
        args[0] = "pairs:pair";
        Arrays.fill(args, 1, args.length, "x");
        FakeChaincodeStub stub =
                new FakeChaincodeStub().caller(TestIdentity.ORG1_CLIENT).args(args);

        assertThatThrownBy(() -> new PairContract().createContext(stub))
                .isInstanceOf(FlChaincodeException.class)
                .hasMessage("INVALID_ARGUMENT: \"pairs:pair\" takes 2 arguments, got " + count);
    }

    @Test
    void acceptsTheRightNumberOfArgumentsAndLeavesUnknownTransactionsToUnknownTransaction() {
        FlContract pairs = new PairContract();

        assertThat(pairs.createContext(
                        new FakeChaincodeStub().caller(TestIdentity.ORG1_CLIENT).args("pairs:pair", "a", "b")))
                .isNotNull();
        assertThat(pairs.createContext(
                        new FakeChaincodeStub().caller(TestIdentity.ORG1_CLIENT).args("pairs:nope")))
                .isNotNull();
        assertThat(pairs.createContext(new FakeChaincodeStub().caller(TestIdentity.ORG1_CLIENT)))
                .isNotNull();
    }

    @Test
    void readsTheCallersIdentityBeforeCountingArguments() {
        FakeChaincodeStub stub = new FakeChaincodeStub().creator(null).args("pairs:pair");

        assertThatThrownBy(() -> new PairContract().createContext(stub))
                .isInstanceOfSatisfying(
                        FlChaincodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_IDENTITY));
    }
}
