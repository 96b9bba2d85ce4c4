package org.medfed.embedded.gateway;

import io.grpc.Status;
import org.hyperledger.fabric.protos.peer.ProposalResponse;

/**
 * What one organisation's peer answered, classified as Fabric's gateway classifies it (internal/pkg/gateway/api.go
 * responseStatus): OK with an endorsed response, or a gRPC code with the message the gateway puts in ErrorDetail.
 */
public record EndorserOutcome(Status.Code code, String message, ProposalResponse response) {

    static EndorserOutcome ok(ProposalResponse response) {
        return new EndorserOutcome(Status.Code.OK, "", response);
    }

    /** The proposal itself was refused (unpacking, validation, duplicate, ACL): a client error, no retry. */
    static EndorserOutcome refused(String message) {
        return new EndorserOutcome(Status.Code.FAILED_PRECONDITION, message, null);
    }

    /** The peer failed to run the chaincode (status 500 without payload): Fabric retries on another peer. */
    static EndorserOutcome peerFailure(String message) {
        return new EndorserOutcome(Status.Code.ABORTED, message, null);
    }

    /** The chaincode answered with an error status. */
    static EndorserOutcome chaincodeError(int status, String message) {
        return new EndorserOutcome(Status.Code.UNKNOWN, "chaincode response " + status + ", " + message, null);
    }

    public boolean isOk() {
        return code == Status.Code.OK;
    }
}
