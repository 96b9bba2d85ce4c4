package org.medfed.embedded.gateway;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * gRPC errors as Fabric's gateway returns them: a status code and message, with one {@link ErrorDetail} per
 * organisation's peer that failed (internal/pkg/gateway/apiutils.go newRpcError), so the fabric-gateway client's
 * {@code getDetails()} and medfed's ErrorMapper read them as they read Fabric's.
 */
final class GatewayErrors {

    private GatewayErrors() {}

    static StatusRuntimeException error(Status.Code code, String message, List<ErrorDetail> details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        for (ErrorDetail d : details) {
            status.addDetails(Any.pack(d));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static StatusRuntimeException error(Status.Code code, String message) {
        return error(code, message, List.of());
    }

    static ErrorDetail detail(Endorser endorser, String message) {
        return ErrorDetail.newBuilder()
                .setAddress(endorser.address())
                .setMspId(endorser.mspId())
                .setMessage(message)
                .build();
    }
}
