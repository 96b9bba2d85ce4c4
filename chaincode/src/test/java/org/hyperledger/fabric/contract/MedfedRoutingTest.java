package org.hyperledger.fabric.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.hyperledger.fabric.shim.Chaincode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.TxNames;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.medfed.contract.testing.TestIdentity;

/**
 * Invokes the medfed contracts through Fabric's own ContractRouter, as the server jar does, to check what reaches
 * the peer: payloads, error messages and error payloads. It lives in Fabric's package because
 * {@code findAllContracts()} is package-private.
 */
class MedfedRoutingTest {
    private static ContractRouter router;

    @BeforeAll
    static void startRouter() {
        router = new ContractRouter(new String[] {"--id", "medfed_test:abc"});
        router.findAllContracts();
    }

    @Test
    void pingReturnsTheRecordAndSetsItsEvent() {
        FakeChaincodeStub stub = invocation(TxNames.SYSTEM_PING, "hello");

        Chaincode.Response response = router.invoke(stub);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(JsonFields.object(CanonicalJson.parseUtf8(response.getPayload())))
                .containsEntry("count", 1L);
        assertThat(stub.lastEvent().orElseThrow().payload()).isEqualTo(response.getPayload());
    }

    @Test
    void writeProbeTakesAnIdAndAMessageAndSetsItsEvent() {
        FakeChaincodeStub stub = invocation(TxNames.SYSTEM_WRITE_PROBE, "w0-1", "hello");

        Chaincode.Response response = router.invoke(stub);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(JsonFields.object(CanonicalJson.parseUtf8(response.getPayload())))
                .containsEntry("probeId", "w0-1")
                .containsEntry("mspId", "Org1MSP");
        assertThat(stub.lastEvent().orElseThrow().payload()).isEqualTo(response.getPayload());
    }

    @Test
    void theDefaultContractIsSystem() {
        Chaincode.Response response = router.invoke(invocation("getInfo"));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getStringPayload()).contains("\"chaincode\":\"medfed\"");
    }

    @Test
    void failuresCarryTheErrorCodeAsPayload() {
        Chaincode.Response response = router.invoke(invocation(TxNames.SYSTEM_GET_PING, "Org9MSP"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getMessage()).isEqualTo("NOT_FOUND: no ping recorded for Org9MSP");
        assertThat(new String(response.getPayload(), UTF_8)).isEqualTo("NOT_FOUND");
    }

    @Test
    void anUnknownTransactionIsAnInvalidArgument() {
        Chaincode.Response response = router.invoke(invocation("system:explode"));

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(new String(response.getPayload(), UTF_8)).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void aCallerWithoutIdentityIsRejectedWithACode() {
        FakeChaincodeStub stub = invocation(TxNames.SYSTEM_GET_INFO).creator("junk".getBytes(UTF_8));

        Chaincode.Response response = router.invoke(stub);

        assertThat(new String(response.getPayload(), UTF_8)).isEqualTo("UNKNOWN_IDENTITY");
    }

    @Test
    void routesLedgerTransactionsWithTheirContext() {
        FakeChaincodeStub stub = invocation(TxNames.PARTICIPANT_GET_CALLER).caller(TestIdentity.ORG1_ADMIN);

        Chaincode.Response response = router.invoke(stub);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(JsonFields.object(CanonicalJson.parseUtf8(response.getPayload())))
                .containsEntry("mspAdmin", true)
                .containsEntry("participantId", TestIdentity.ORG1_ADMIN.participantId());
    }

    @Test
    void ledgerRefusalsReachThePeerWithTheirCode() {
        FakeChaincodeStub stub = invocation(TxNames.ROUND_CLOSE, "sepsis", "1");

        Chaincode.Response response = router.invoke(stub);

        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getMessage()).startsWith("NOT_REGISTERED: ");
        assertThat(new String(response.getPayload(), UTF_8)).isEqualTo("NOT_REGISTERED");
    }

    @Test
    void aCallWithTooFewOrTooManyArgumentsIsAnInvalidArgumentAndWritesNothing() {
        // Found by ContractRoutingFuzzTest: the shim indexed past the end of a short list ("Unexpected error", no
        // code) and silently dropped the surplus of a long one.
        FakeChaincodeStub tooFew = invocation(TxNames.ROUND_CLOSE, "sepsis");
        FakeChaincodeStub tooMany = invocation(TxNames.SYSTEM_WRITE_PROBE, "w0-1", "hello", "surplus");

        Chaincode.Response few = router.invoke(tooFew);
        Chaincode.Response many = router.invoke(tooMany);

        assertThat(few.getStatusCode()).isEqualTo(500);
        assertThat(few.getMessage()).isEqualTo("INVALID_ARGUMENT: \"round:closeRound\" takes 2 arguments, got 1");
        assertThat(new String(few.getPayload(), UTF_8)).isEqualTo("INVALID_ARGUMENT");
        assertThat(many.getMessage()).isEqualTo("INVALID_ARGUMENT: \"system:writeProbe\" takes 2 arguments, got 3");
        assertThat(tooMany.writes()).isEmpty();
        assertThat(tooMany.events()).isEmpty();
    }

    @Test
    void theRetiredRecordAggregationIsRefusedAsUnauthorizedAndOtherUnknownNamesAsInvalid() {
        Chaincode.Response retired = router.invoke(invocation("round:recordAggregation", "{}"));
        Chaincode.Response unknown = router.invoke(invocation("round:recordSomething", "{}"));

        assertThat(retired.getStatusCode()).isEqualTo(500);
        assertThat(retired.getMessage()).startsWith("UNAUTHORIZED: ").contains("aggregator:aggregateRound");
        assertThat(new String(retired.getPayload(), UTF_8)).isEqualTo("UNAUTHORIZED");
        assertThat(unknown.getMessage()).startsWith("INVALID_ARGUMENT: ");
    }

    private static FakeChaincodeStub invocation(String... args) {
        return new FakeChaincodeStub()
                .caller(TestIdentity.ORG1_CLIENT)
                .transaction("tx-1", Instant.parse("2026-01-01T00:00:00Z"))
                .args(args);
    }
}
