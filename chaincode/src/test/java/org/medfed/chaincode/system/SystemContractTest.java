package org.medfed.chaincode.system;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.medfed.contract.testing.FakeChaincodeStub.Event;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

class SystemContractTest {
    private static final Instant T1 = Instant.parse("2026-05-01T10:00:00.123456789Z");
    private static final Instant T2 = Instant.parse("2026-05-01T10:00:01Z");
    private static final String ORG1_PING_KEY = "\u0000ping\u0000Org1MSP\u0000";

    private final SystemContract contract = new SystemContract("1.2.3");
    private final FakeChaincodeStub stub = new FakeChaincodeStub();

    @Nested
    class Ping {

        @Test
        void storesTheCallersPingUnderItsOrganisationAndReturnsIt() {
            String result = ping(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "hello");

            assertThat(CanonicalJson.parse(result))
                    .isEqualTo(Map.of(
                            "count",
                            1L,
                            "message",
                            "hello",
                            "mspId",
                            "Org1MSP",
                            "txId",
                            "tx-1",
                            "txTime",
                            "2026-05-01T10:00:00.123456789Z"));
            assertThat(stub.writes()).containsExactly(new Write(ORG1_PING_KEY, result.getBytes(UTF_8)));
        }

        @Test
        void emitsExactlyOnePingedEventCarryingTheStoredRecord() {
            String result = ping(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "hello");

            assertThat(stub.events()).containsExactly(new Event(EventNames.PINGED, result.getBytes(UTF_8)));
        }

        @Test
        void countsPingsPerOrganisationAndKeepsTheLatest() {
            ping(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "first");
            ping(stub, TestIdentity.ORG2_CLIENT, "tx-2", T1, "other");
            String latest = ping(stub, TestIdentity.ORG1_CLIENT, "tx-3", T2, "second");

            assertThat(CanonicalJson.parse(latest))
                    .isEqualTo(Map.of(
                            "count",
                            2L,
                            "message",
                            "second",
                            "mspId",
                            "Org1MSP",
                            "txId",
                            "tx-3",
                            "txTime",
                            "2026-05-01T10:00:01Z"));
            assertThat(PingRecord.fromJson(parseObject(getPing(stub, "Org2MSP")))
                            .count())
                    .isEqualTo(1);
        }

        @Test
        void writesTheRecordAsCanonicalJsonWhateverTheMessage() {
            String result = ping(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "tab\t\"quote\" \u00e9 \uD83D\uDE00\n");

            assertThat(CanonicalJson.encode(CanonicalJson.parse(result))).isEqualTo(result);
            assertThat(PingRecord.fromJson(parseObject(result)).message())
                    .isEqualTo("tab\t\"quote\" \u00e9 \uD83D\uDE00\n");
        }

        @Test
        void acceptsAMessageOf256CodePoints() {
            String message = "\uD83D\uDE00".repeat(256);

            assertThat(PingRecord.fromJson(parseObject(ping(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, message)))
                            .message())
                    .isEqualTo(message);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"\uD800"})
        void rejectsAMissingOrMalformedMessageWithoutWriting(String message) {
            assertFailsWith(
                    ErrorCode.INVALID_ARGUMENT, () -> ping(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, message));
            assertThat(stub.writes()).isEmpty();
            assertThat(stub.events()).isEmpty();
        }

        @Test
        void rejectsAMessageLongerThan256Characters() {
            assertFailsWith(
                    ErrorCode.INVALID_ARGUMENT,
                    () -> ping(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "x".repeat(257)));
            assertThat(stub.writes()).isEmpty();
        }
    }

    @Nested
    class GetPing {

        @Test
        void returnsTheStoredRecordWithoutWriting() {
            String stored = ping(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "hello");
            int writes = stub.writes().size();

            assertThat(getPing(stub, "Org1MSP")).isEqualTo(stored);
            assertThat(stub.writes()).hasSize(writes);
        }

        @Test
        void reportsNotFoundForAnOrganisationThatNeverPinged() {
            ping(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "hello");

            assertFailsWith(ErrorCode.NOT_FOUND, () -> getPing(stub, "Org2MSP"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"Org\u0000MSP"})
        void rejectsAnMspIdThatCannotBeAKey(String mspId) {
            assertFailsWith(ErrorCode.INVALID_ARGUMENT, () -> getPing(stub, mspId));
        }

        @Test
        void reportsACorruptRecordAsInternal() {
            stub.putState(ORG1_PING_KEY, "{\"count\":\"one\"}".getBytes(UTF_8));

            assertFailsWith(ErrorCode.INTERNAL, () -> getPing(stub, "Org1MSP"));
        }
    }

    @Nested
    class GetInfo {

        @Test
        void namesTheChaincodeItsContractsAndTheDeployedVersion() {
            stub.caller(TestIdentity.ORG2_CLIENT);

            String info = contract.getInfo(contract.createContext(stub));

            assertThat(info)
                    .isEqualTo("{\"chaincode\":\"medfed\",\"contracts\":[\"access\",\"aggregator\",\"dataset\","
                            + "\"participant\",\"provenance\",\"reputation\",\"round\",\"secagg\",\"subset\",\"system\",\"task\"],"
                            + "\"version\":\"1.2.3\"}");
            assertThat(stub.writes()).isEmpty();
        }
    }

    @Nested
    class Determinism {

        @Test
        void theSameTransactionsOnFreshLedgersWriteIdenticalBytes() {
            FakeChaincodeStub first = new FakeChaincodeStub();
            FakeChaincodeStub second = new FakeChaincodeStub();

            for (FakeChaincodeStub ledger : List.of(first, second)) {
                ping(ledger, TestIdentity.ORG1_CLIENT, "tx-1", T1, "hello");
                ping(ledger, TestIdentity.ORG2_CLIENT, "tx-2", T1, "h\u00e9llo \uD83D\uDE00\n");
                ping(ledger, TestIdentity.ORG1_CLIENT, "tx-3", T2, "again");
            }

            assertThat(first.writes()).hasSize(3).isEqualTo(second.writes());
            assertThat(first.events()).hasSize(3).isEqualTo(second.events());
        }

        @Test
        void independentTransactionsInEitherOrderLeaveIdenticalState() {
            FakeChaincodeStub forward = new FakeChaincodeStub();
            ping(forward, TestIdentity.ORG1_CLIENT, "tx-1", T1, "one");
            ping(forward, TestIdentity.ORG2_CLIENT, "tx-2", T2, "two");
            FakeChaincodeStub reversed = new FakeChaincodeStub();
            ping(reversed, TestIdentity.ORG2_CLIENT, "tx-2", T2, "two");
            ping(reversed, TestIdentity.ORG1_CLIENT, "tx-1", T1, "one");

            assertThat(asWrites(forward)).hasSize(2).isEqualTo(asWrites(reversed));
        }

        private List<Write> asWrites(FakeChaincodeStub ledger) {
            return ledger.state().entrySet().stream()
                    .map(e -> new Write(e.getKey(), e.getValue()))
                    .toList();
        }
    }

    private String ping(FakeChaincodeStub ledger, TestIdentity caller, String txId, Instant txTime, String message) {
        ledger.caller(caller).transaction(txId, txTime);
        SystemContract fresh = new SystemContract("1.2.3");
        return fresh.ping(fresh.createContext(ledger), message);
    }

    private String getPing(FakeChaincodeStub ledger, String mspId) {
        ledger.caller(TestIdentity.ORG2_CLIENT).transaction("tx-read", T2);
        return contract.getPing(contract.createContext(ledger), mspId);
    }

    private static Map<String, Object> parseObject(String json) {
        return JsonFields.object(CanonicalJson.parse(json));
    }

    private static void assertFailsWith(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FlChaincodeException.class, e -> {
            assertThat(new String(e.getPayload(), UTF_8)).isEqualTo(code.name());
            assertThat(e.getMessage()).startsWith(code.name() + ": ");
        });
    }
}
