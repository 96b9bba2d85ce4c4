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
    private static final String ORG1_PROBE_KEY = "\u0000probe\u0000Org1MSP\u0000w0-1\u0000";

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
    class WriteProbe {

        @Test
        void storesTheProbeUnderTheCallersOrganisationAndIdAndReturnsIt() {
            String result = writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "hello");

            assertThat(CanonicalJson.parse(result))
                    .isEqualTo(Map.of(
                            "message",
                            "hello",
                            "mspId",
                            "Org1MSP",
                            "probeId",
                            "w0-1",
                            "txId",
                            "tx-1",
                            "txTime",
                            "2026-05-01T10:00:00.123456789Z"));
            assertThat(stub.writes()).containsExactly(new Write(ORG1_PROBE_KEY, result.getBytes(UTF_8)));
        }

        @Test
        void emitsExactlyOneProbeWrittenEventCarryingTheStoredRecord() {
            String result = writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "hello");

            assertThat(stub.events()).containsExactly(new Event(EventNames.PROBE_WRITTEN, result.getBytes(UTF_8)));
        }

        @Test
        void writesAFreshKeyPerProbeWhereRepeatedPingsRewriteOne() {
            writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "a");
            writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-2", T1, "w0-2", "b");
            ping(stub, TestIdentity.ORG1_CLIENT, "tx-3", T1, "a");
            ping(stub, TestIdentity.ORG1_CLIENT, "tx-4", T1, "b");

            assertThat(stub.writes())
                    .extracting(Write::key)
                    .containsExactly(
                            ORG1_PROBE_KEY, "\u0000probe\u0000Org1MSP\u0000w0-2\u0000", ORG1_PING_KEY, ORG1_PING_KEY);
        }

        @Test
        void refusesAnIdItsOrganisationAlreadyWroteAndKeepsTheFirstRecord() {
            String first = writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "first");
            int writes = stub.writes().size();
            int events = stub.events().size();

            assertFailsWith(
                    ErrorCode.ALREADY_EXISTS,
                    () -> writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-2", T2, "w0-1", "second"));
            assertThat(stub.writes()).hasSize(writes);
            assertThat(stub.events()).hasSize(events);
            assertThat(readProbe(stub, "Org1MSP", "w0-1")).isEqualTo(first);
        }

        @Test
        void letsAnotherOrganisationUseTheSameId() {
            writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "one");
            String other = writeProbe(stub, TestIdentity.ORG2_CLIENT, "tx-2", T1, "w0-1", "two");

            assertThat(ProbeRecord.fromJson(parseObject(other)).mspId()).isEqualTo("Org2MSP");
            assertThat(stub.state()).containsKeys(ORG1_PROBE_KEY, "\u0000probe\u0000Org2MSP\u0000w0-1\u0000");
        }

        @Test
        void acceptsAnIdOf64Characters() {
            String probeId = "a".repeat(64);

            assertThat(ProbeRecord.fromJson(
                                    parseObject(writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, probeId, "m")))
                            .probeId())
                    .isEqualTo(probeId);
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    "-w0",
                    ".w0",
                    "w 0",
                    "w~0",
                    "w/0",
                    "w\u00000",
                    "\u00e9t\u00e9",
                    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                })
        void refusesAMalformedIdWithoutWriting(String probeId) {
            assertFailsWith(
                    ErrorCode.INVALID_ARGUMENT,
                    () -> writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, probeId, "hello"));
            assertThat(stub.writes()).isEmpty();
            assertThat(stub.events()).isEmpty();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"\uD800"})
        void refusesAMissingOrMalformedMessageWithoutWriting(String message) {
            assertFailsWith(
                    ErrorCode.INVALID_ARGUMENT,
                    () -> writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", message));
            assertThat(stub.writes()).isEmpty();
        }

        @Test
        void refusesAMessageLongerThan256Characters() {
            assertFailsWith(
                    ErrorCode.INVALID_ARGUMENT,
                    () -> writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "x".repeat(257)));
            assertThat(stub.writes()).isEmpty();
        }
    }

    @Nested
    class ReadProbe {

        @Test
        void returnsTheStoredRecordWithoutWriting() {
            String stored = writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "hello");
            int writes = stub.writes().size();

            assertThat(readProbe(stub, "Org1MSP", "w0-1")).isEqualTo(stored);
            assertThat(stub.writes()).hasSize(writes);
        }

        @Test
        void reportsNotFoundForAnIdTheOrganisationNeverWrote() {
            writeProbe(stub, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "hello");

            assertFailsWith(ErrorCode.NOT_FOUND, () -> readProbe(stub, "Org2MSP", "w0-1"));
            assertFailsWith(ErrorCode.NOT_FOUND, () -> readProbe(stub, "Org1MSP", "w0-2"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"Org\u0000MSP"})
        void refusesAnMspIdThatCannotBeAKey(String mspId) {
            assertFailsWith(ErrorCode.INVALID_ARGUMENT, () -> readProbe(stub, mspId, "w0-1"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"w 0", "w\u00000"})
        void refusesAMalformedId(String probeId) {
            assertFailsWith(ErrorCode.INVALID_ARGUMENT, () -> readProbe(stub, "Org1MSP", probeId));
        }

        @Test
        void reportsACorruptRecordAsInternal() {
            stub.putState(ORG1_PROBE_KEY, "{\"probeId\":1}".getBytes(UTF_8));

            assertFailsWith(ErrorCode.INTERNAL, () -> readProbe(stub, "Org1MSP", "w0-1"));
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

        @Test
        void probesInEitherOrderLeaveIdenticalState() {
            FakeChaincodeStub forward = new FakeChaincodeStub();
            writeProbe(forward, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "one");
            writeProbe(forward, TestIdentity.ORG1_CLIENT, "tx-2", T2, "w1-1", "two \u00e9 \uD83D\uDE00");
            FakeChaincodeStub reversed = new FakeChaincodeStub();
            writeProbe(reversed, TestIdentity.ORG1_CLIENT, "tx-2", T2, "w1-1", "two \u00e9 \uD83D\uDE00");
            writeProbe(reversed, TestIdentity.ORG1_CLIENT, "tx-1", T1, "w0-1", "one");

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

    private String writeProbe(
            FakeChaincodeStub ledger,
            TestIdentity caller,
            String txId,
            Instant txTime,
            String probeId,
            String message) {
        ledger.caller(caller).transaction(txId, txTime);
        SystemContract fresh = new SystemContract("1.2.3");
        return fresh.writeProbe(fresh.createContext(ledger), probeId, message);
    }

    private String readProbe(FakeChaincodeStub ledger, String mspId, String probeId) {
        ledger.caller(TestIdentity.ORG2_CLIENT).transaction("tx-read", T2);
        return contract.readProbe(contract.createContext(ledger), mspId, probeId);
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
