package org.medfed.client.gateway;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.client.TransactionException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Turns Fabric gateway and gRPC failures into a {@link MedfedException} with a code a program can act on
 * and a message a person understands.
 *
 * <p>The gateway does not pass a failed chaincode's payload on; it only passes the message, as
 * {@code chaincode response 500, <message>} in the error details. Our chaincode starts that message with
 * its error-code name ({@code "ROUND_NOT_OPEN: ..."}), which is where the code is read from.
 */
public final class ErrorMapper {

    private static final Pattern CHAINCODE_RESPONSE = Pattern.compile("chaincode response \\d+, (.*)", Pattern.DOTALL);
    private static final Pattern ERROR_CODE = Pattern.compile("([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*): (.*)", Pattern.DOTALL);
    private static final Pattern NOT_DEPLOYED = Pattern.compile(
            "No metadata was found for chaincode|chaincode \\S+ not found|make sure the chaincode",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NO_CHANNEL = Pattern.compile("channel \\S+ not found", Pattern.CASE_INSENSITIVE);
    private static final String IDENTITY_EXPIRED = "proposal client identity expired";
    private static final String CHECK_NETWORK = "is the network up? Check `network/network.sh status`";

    private final String peerEndpoint;

    public ErrorMapper(String peerEndpoint) {
        this.peerEndpoint = peerEndpoint;
    }

    public MedfedException map(Exception e) {
        if (e instanceof MedfedException medfed) {
            return medfed;
        }
        if (e instanceof CommitException commit) {
            return notCommitted(commit);
        }
        if (e instanceof GatewayException gateway) {
            String txId = gateway instanceof TransactionException tx ? tx.getTransactionId() : null;
            return fromStatus(gateway.getStatus(), gateway.getDetails(), txId, gateway);
        }
        if (e instanceof GatewayRuntimeException gateway) {
            return fromStatus(gateway.getStatus(), gateway.getDetails(), null, gateway);
        }
        if (e instanceof StatusRuntimeException grpc) {
            return fromStatus(grpc.getStatus(), List.of(), null, grpc);
        }
        if (e instanceof StatusException grpc) {
            return fromStatus(grpc.getStatus(), List.of(), null, grpc);
        }
        return new MedfedException(MedfedException.INTERNAL, "unexpected failure: " + e, null, e);
    }

    private MedfedException fromStatus(Status status, List<ErrorDetail> details, String txId, Exception cause) {
        Optional<MedfedException> chaincode = chaincodeFailure(status, details, txId, cause);
        if (chaincode.isPresent()) {
            return chaincode.get();
        }
        String description = describe(status, details);
        String action = action(cause);
        if (description.contains(IDENTITY_EXPIRED)) {
            // Fabric's expiration filter answers before the endorser, as if the peer failed (not an "access denied")
            return new MedfedException(
                    MedfedException.PERMISSION_DENIED,
                    "the peer at " + peerEndpoint + " refused this identity while trying to " + action
                            + ": its certificate has expired (" + description + "); the profile needs a new one",
                    txId,
                    cause);
        }
        if (status.getCode() == Status.Code.PERMISSION_DENIED
                || status.getCode() == Status.Code.UNAUTHENTICATED
                || description.toLowerCase(Locale.ROOT).contains("access denied")) {
            return new MedfedException(
                    MedfedException.PERMISSION_DENIED,
                    "the peer at " + peerEndpoint
                            + " refused this identity while trying to " + action + " (" + description
                            + "): does the profile's certificate belong to its mspId, and has the peer joined the channel?",
                    txId,
                    cause);
        }
        return switch (status.getCode()) {
            case UNAVAILABLE ->
                new MedfedException(
                        MedfedException.UNAVAILABLE,
                        details.isEmpty() && tls(status)
                                ? "TLS handshake with the peer at " + peerEndpoint
                                        + " failed: the profile's tlsCaCert does not "
                                        + "sign the peer's TLS certificate, or the profile names the wrong peer; check "
                                        + "'tlsCaCert' and 'peerEndpoint' in the profile (" + description + ")"
                                : details.isEmpty()
                                        ? "peer unreachable at " + peerEndpoint + ": " + CHECK_NETWORK + " ("
                                                + description + ")"
                                        : "the peer at " + peerEndpoint + " could not " + action
                                                + " because another node is unreachable (" + description + "): "
                                                + CHECK_NETWORK,
                        txId,
                        cause);
            case DEADLINE_EXCEEDED ->
                new MedfedException(
                        MedfedException.DEADLINE_EXCEEDED,
                        cause instanceof CommitStatusException
                                ? "transaction " + txId + " was submitted but its commit was not confirmed in time; "
                                        + "it may still commit, so check the ledger before retrying"
                                : "no answer from the peer at " + peerEndpoint + " in time while trying to " + action
                                        + ": " + CHECK_NETWORK,
                        txId,
                        cause);
            default ->
                new MedfedException(
                        MedfedException.GATEWAY_ERROR,
                        "the peer at " + peerEndpoint + " could not " + action + ": " + status.getCode() + " "
                                + description + hint(description),
                        txId,
                        cause);
        };
    }

    /** Looks for {@code chaincode response N, [CODE: ]message} in the details first, then in the description. */
    private Optional<MedfedException> chaincodeFailure(
            Status status, List<ErrorDetail> details, String txId, Exception cause) {
        List<Candidate> candidates = new ArrayList<>();
        for (ErrorDetail detail : details) {
            candidates.add(new Candidate(
                    detail.getMessage(), " (peer " + detail.getAddress() + ", " + detail.getMspId() + ")"));
        }
        candidates.add(new Candidate(String.valueOf(status.getDescription()), ""));
        for (Candidate candidate : candidates) {
            Matcher response = CHAINCODE_RESPONSE.matcher(candidate.message());
            if (response.find()) {
                String message = response.group(1).strip();
                Matcher coded = ERROR_CODE.matcher(message);
                return Optional.of(
                        coded.matches()
                                ? MedfedException.fromChaincode(
                                        coded.group(1), coded.group(2).strip() + candidate.where(), txId, cause)
                                : new MedfedException(
                                        MedfedException.CHAINCODE_ERROR, message + candidate.where(), txId, cause));
            }
        }
        return Optional.empty();
    }

    private record Candidate(String message, String where) {}

    /** A TLS failure looks like an unreachable peer to gRPC; only the cause tells them apart. */
    private static boolean tls(Status status) {
        for (Throwable t = status.getCause(); t != null; t = t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException) {
                return true;
            }
        }
        return false;
    }

    private static String hint(String description) {
        if (NOT_DEPLOYED.matcher(description).find()) {
            return " (is the chaincode deployed? `network/network.sh deploy`)";
        }
        if (NO_CHANNEL.matcher(description).find()) {
            return " (has this peer joined the profile's channel? `network/network.sh status`)";
        }
        return "";
    }

    private MedfedException notCommitted(CommitException e) {
        TxValidationCode code = e.getCode();
        String hint = switch (code) {
            case MVCC_READ_CONFLICT, PHANTOM_READ_CONFLICT ->
                ": another transaction changed the same keys first; submit again";
            case ENDORSEMENT_POLICY_FAILURE -> ": not enough organisations endorsed it";
            default -> "";
        };
        return new MedfedException(
                MedfedException.TX_INVALID,
                "transaction " + e.getTransactionId() + " was ordered but not committed: " + code + hint,
                e.getTransactionId(),
                e);
    }

    private static String action(Exception cause) {
        if (cause instanceof EndorseException) {
            return "endorse the transaction";
        }
        if (cause instanceof SubmitException) {
            return "send the transaction to the ordering service";
        }
        if (cause instanceof CommitStatusException) {
            return "confirm the commit";
        }
        if (cause instanceof GatewayRuntimeException) {
            return "stream events";
        }
        if (cause instanceof GatewayException) {
            return "evaluate the transaction";
        }
        return "answer the call";
    }

    private static String describe(Status status, List<ErrorDetail> details) {
        StringBuilder text = new StringBuilder(
                status.getDescription() == null ? status.getCode().toString() : status.getDescription());
        Throwable root = status.getCause();
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        if (root != null && root.getMessage() != null) {
            text.append(": ").append(root.getMessage());
        }
        if (!details.isEmpty()) {
            text.append(details.stream()
                    .map(d -> d.getAddress() + " (" + d.getMspId() + "): " + d.getMessage())
                    .collect(Collectors.joining("; ", " [", "]")));
        }
        return text.toString();
    }
}
