package org.medfed.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.net.ConnectException;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    private static final String PEER = "127.0.0.1:7051";
    private static final String TX = "4f2a9c";

    private final ErrorMapper mapper = new ErrorMapper(PEER);

    @Test
    void aTlsHandshakeFailureNamesTheProfilesTlsSettings() {
        MedfedException e = mapper.map(new GatewayException(Status.UNAVAILABLE
                .withDescription("io exception")
                .withCause(new javax.net.ssl.SSLHandshakeException("PKIX path building failed"))
                .asRuntimeException()));

        assertThat(e.code()).isEqualTo(MedfedException.UNAVAILABLE);
        assertThat(e.getMessage())
                .startsWith("TLS handshake with the peer at " + PEER + " failed")
                .contains("check 'tlsCaCert' and 'peerEndpoint' in the profile")
                .contains("PKIX path building failed");
    }

    @Test
    void aRefusedConnectionIsStillAnUnreachablePeer() {
        MedfedException e = mapper.map(new GatewayException(Status.UNAVAILABLE
                .withDescription("io exception")
                .withCause(new ConnectException("Connection refused"))
                .asRuntimeException()));

        assertThat(e.getMessage()).startsWith("peer unreachable at " + PEER);
    }

    @Nested
    class ChaincodeErrors {
        @Test
        void readsOurErrorCodeFromTheEndorsementDetails() {
            MedfedException e = mapper.map(new EndorseException(
                    TX,
                    gatewayError(
                            Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            detail(
                                    "peer0.clinic:8051",
                                    "ClinicMSP",
                                    "chaincode response 500, ROUND_NOT_OPEN: round 3 is closed"))));

            assertThat(e.code()).isEqualTo("ROUND_NOT_OPEN");
            assertThat(e.getMessage()).isEqualTo("round 3 is closed (peer peer0.clinic:8051, ClinicMSP)");
            assertThat(e.txId()).contains(TX);
        }

        @Test
        void readsTheCodeFromAnEvaluateDescriptionWithoutDetails() {
            MedfedException e = mapper.map(new GatewayException(Status.UNKNOWN
                    .withDescription("evaluate call to endorser returned error: chaincode response 500, "
                            + "INVALID_ARGUMENT: roundId must not be blank")
                    .asRuntimeException()));

            assertThat(e.code()).isEqualTo("INVALID_ARGUMENT");
            assertThat(e.getMessage()).isEqualTo("roundId must not be blank");
            assertThat(e.txId()).isEmpty();
        }

        @Test
        void marksCodesThatCameFromTheChaincode() {
            MedfedException e = mapper.map(new GatewayException(Status.UNKNOWN
                    .withDescription("chaincode response 500, INTERNAL: state is corrupt")
                    .asRuntimeException()));

            assertThat(e.code()).isEqualTo("INTERNAL");
            assertThat(e.isFromChaincode()).isTrue();
        }

        @Test
        void keepsAChaincodeFailureWithoutOurCode() {
            MedfedException e = mapper.map(new GatewayException(gatewayError(
                    Code.UNKNOWN,
                    "evaluate call to endorser returned error: "
                            + "chaincode response 500, Undefined contract method called",
                    detail(
                            "peer0.hospital:7051",
                            "HospitalMSP",
                            "chaincode response 500, Undefined contract method called"))));

            assertThat(e.code()).isEqualTo(MedfedException.CHAINCODE_ERROR);
            assertThat(e.getMessage()).startsWith("Undefined contract method called");
        }

        @Test
        void doesNotMistakeAnUpperCaseWordWithoutColonForACode() {
            MedfedException e = mapper.map(new GatewayException(Status.UNKNOWN
                    .withDescription("chaincode response 500, NOT a code")
                    .asRuntimeException()));

            assertThat(e.code()).isEqualTo(MedfedException.CHAINCODE_ERROR);
        }
    }

    @Nested
    class TransportErrors {
        @Test
        void unreachablePeerSaysWhereAndWhatToCheck() {
            StatusRuntimeException refused = Status.UNAVAILABLE
                    .withDescription("io exception")
                    .withCause(new ConnectException("Connection refused: /127.0.0.1:7051"))
                    .asRuntimeException();

            MedfedException e = mapper.map(new GatewayException(refused));

            assertThat(e.code()).isEqualTo(MedfedException.UNAVAILABLE);
            assertThat(e.getMessage())
                    .startsWith("peer unreachable at 127.0.0.1:7051: "
                            + "is the network up? Check `network/network.sh status`")
                    .contains("Connection refused");
            assertThat(e.isNetworkUnavailable()).isTrue();
        }

        @Test
        void unreachableOrdererIsReportedAsSeenFromThePeer() {
            MedfedException e = mapper.map(new SubmitException(
                    TX,
                    gatewayError(
                            Code.UNAVAILABLE,
                            "no orderers could successfully process transaction",
                            detail("orderer1:6050", "OrdererMSP", "connection refused"))));

            assertThat(e.code()).isEqualTo(MedfedException.UNAVAILABLE);
            assertThat(e.getMessage())
                    .contains("could not send the transaction to the ordering service")
                    .contains("orderer1:6050");
        }

        @Test
        void evaluateDeadline() {
            MedfedException e = mapper.map(new GatewayException(Status.DEADLINE_EXCEEDED.asRuntimeException()));

            assertThat(e.code()).isEqualTo(MedfedException.DEADLINE_EXCEEDED);
            assertThat(e.getMessage()).contains("no answer from the peer at 127.0.0.1:7051");
        }

        @Test
        void commitStatusDeadlineWarnsThatTheTransactionMayStillCommit() {
            MedfedException e =
                    mapper.map(new CommitStatusException(TX, Status.DEADLINE_EXCEEDED.asRuntimeException()));

            assertThat(e.code()).isEqualTo(MedfedException.DEADLINE_EXCEEDED);
            assertThat(e.getMessage())
                    .contains("transaction " + TX + " was submitted")
                    .contains("may still commit");
        }

        @Test
        void rawGrpcStatusIsMappedToo() {
            MedfedException e = mapper.map(Status.UNAVAILABLE.asRuntimeException());

            assertThat(e.code()).isEqualTo(MedfedException.UNAVAILABLE);
        }
    }

    @Nested
    class Refusals {
        @Test
        void accessDeniedBecomesPermissionDenied() {
            MedfedException e = mapper.map(new GatewayException(Status.FAILED_PRECONDITION
                    .withDescription("evaluate call to endorser returned error: error validating proposal: "
                            + "access denied: channel [medfed] creator org [HospitalMSP]")
                    .asRuntimeException()));

            assertThat(e.code()).isEqualTo(MedfedException.PERMISSION_DENIED);
            assertThat(e.getMessage()).contains("refused this identity").contains("creator org [HospitalMSP]");
        }

        @Test
        void anExpiredCertificateBecomesPermissionDeniedNotAnUnreachablePeer() {
            MedfedException e = mapper.map(new EndorseException(
                    TX,
                    gatewayError(
                            Code.UNAVAILABLE,
                            "failed to endorse transaction, see attached details for more info",
                            detail("127.0.0.1:7051", "HospitalMSP", "proposal client identity expired"))));

            assertThat(e.code()).isEqualTo(MedfedException.PERMISSION_DENIED);
            assertThat(e.getMessage()).contains("its certificate has expired");
        }

        @Test
        void grpcPermissionDeniedBecomesPermissionDenied() {
            assertThat(mapper.map(Status.PERMISSION_DENIED.asRuntimeException()).code())
                    .isEqualTo(MedfedException.PERMISSION_DENIED);
        }

        @Test
        void invalidTransactionCarriesItsValidationCode() {
            CommitException commit = mock(CommitException.class);
            when(commit.getTransactionId()).thenReturn(TX);
            when(commit.getCode()).thenReturn(TxValidationCode.MVCC_READ_CONFLICT);

            MedfedException e = mapper.map(commit);

            assertThat(e.code()).isEqualTo(MedfedException.TX_INVALID);
            assertThat(e.txId()).contains(TX);
            assertThat(e.getMessage()).contains("MVCC_READ_CONFLICT").contains("submit again");
        }

        @Test
        void undeployedChaincodeGetsADeployHint() {
            MedfedException e = mapper.map(new EndorseException(
                    TX,
                    Status.FAILED_PRECONDITION
                            .withDescription(
                                    "no combination of peers can be derived which satisfy the endorsement policy: "
                                            + "No metadata was found for chaincode medfed in channel medfed")
                            .asRuntimeException()));

            assertThat(e.code()).isEqualTo(MedfedException.GATEWAY_ERROR);
            assertThat(e.getMessage()).endsWith("(is the chaincode deployed? `network/network.sh deploy`)");
            assertThat(e.describe()).endsWith("[tx " + TX + "]");
        }
    }

    @Test
    void anythingElseIsInternal() {
        MedfedException e = mapper.map(new IllegalStateException("boom"));

        assertThat(e.code()).isEqualTo(MedfedException.INTERNAL);
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }

    private static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder()
                .setAddress(address)
                .setMspId(mspId)
                .setMessage(message)
                .build();
    }

    /** A status as the Fabric gateway sends it: google.rpc.Status with ErrorDetail entries. */
    private static StatusRuntimeException gatewayError(Code code, String message, ErrorDetail... details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.getNumber()).setMessage(message);
        for (ErrorDetail detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }
}
