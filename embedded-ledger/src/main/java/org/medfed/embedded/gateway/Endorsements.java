package org.medfed.embedded.gateway;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * Collects endorsements for one proposal the way Fabric's gateway does (internal/pkg/gateway/api.go Endorse,
 * endorsement.go): either on the organisations the client named, all of which must endorse, or on the gateway's
 * own organisation first and then on further organisations, in parallel, until the MAJORITY policy is met. Every
 * payload must be byte-identical to the first, else "ProposalResponsePayloads do not match".
 */
final class Endorsements {

    record Result(Envelope prepared, io.grpc.StatusRuntimeException error) {}

    private final ExecutorService pool;

    Endorsements(ExecutorService pool) {
        this.pool = pool;
    }

    Result collect(UnpackedProposal up, Endorser local, List<Endorser> others, List<Endorser> named, int required) {
        List<ErrorDetail> details = new ArrayList<>();
        Map<String, EndorserOutcome> accepted = new LinkedHashMap<>();
        ByteString[] payload = new ByteString[1];
        if (named.isEmpty()) {
            // Fabric endorses on its own organisation first and asks the others only then; the others run here at
            // the same time (one simulation's wait less per submit), and the outcome is the same: the local
            // organisation's failure is reported as Fabric reports it, and the payloads must all match its own.
            java.util.concurrent.Future<EndorserOutcome> localRun = pool.submit(() -> local.process(up));
            Deque<Endorser> rest = new ArrayDeque<>(others);
            List<Endorser> early = new ArrayList<>();
            for (int i = 0; i < required - 1 && !rest.isEmpty(); i++) {
                early.add(rest.poll());
            }
            List<java.util.concurrent.Future<EndorserOutcome>> earlyRuns = new ArrayList<>();
            for (Endorser e : early) {
                earlyRuns.add(pool.submit(() -> e.process(up)));
            }
            EndorserOutcome first = await(localRun);
            if (!first.isOk()) {
                earlyRuns.forEach(Endorsements::await);
                details.add(GatewayErrors.detail(local, first.message()));
                return failed("failed to endorse transaction, see attached details for more info", details);
            }
            payload[0] = first.response().getPayload();
            accepted.put(local.mspId(), first);
            int missing = 0;
            for (int i = 0; i < early.size(); i++) {
                if (!accept(early.get(i), await(earlyRuns.get(i)), payload, accepted, details)) {
                    missing++;
                }
            }
            runUntil(up, rest, missing, payload, accepted, details, false);
        } else {
            runUntil(up, new ArrayDeque<>(named), named.size(), payload, accepted, details, true);
        }
        if (accepted.size() < (named.isEmpty() ? required : named.size())) {
            return failed(
                    "failed to collect enough transaction endorsements, see attached details for more info", details);
        }
        return new Result(prepare(up, payload[0], accepted.values()), null);
    }

    /** Endorses on {@code candidates}, {@code needed} at a time, replacing each failure by the next candidate. */
    private void runUntil(
            UnpackedProposal up,
            Deque<Endorser> candidates,
            int needed,
            ByteString[] payload,
            Map<String, EndorserOutcome> accepted,
            List<ErrorDetail> details,
            boolean all) {
        CompletionService<Map.Entry<Endorser, EndorserOutcome>> running = new ExecutorCompletionService<>(pool);
        int inFlight = 0;
        int stillNeeded = needed;
        while (stillNeeded > 0) {
            while (inFlight < stillNeeded && !candidates.isEmpty()) {
                Endorser e = candidates.poll();
                running.submit(() -> Map.entry(e, e.process(up)));
                inFlight++;
            }
            if (inFlight == 0) {
                return;
            }
            Map.Entry<Endorser, EndorserOutcome> done;
            try {
                done = running.take().get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException ex) {
                throw new IllegalStateException(ex.getCause());
            }
            inFlight--;
            if (accept(done.getKey(), done.getValue(), payload, accepted, details)) {
                stillNeeded--;
            } else if (all) {
                stillNeeded = -1;
            }
        }
        drain(running, inFlight);
    }

    /** Takes an endorsement that succeeded with the same payload as the others; else records why not. */
    private static boolean accept(
            Endorser e,
            EndorserOutcome o,
            ByteString[] payload,
            Map<String, EndorserOutcome> accepted,
            List<ErrorDetail> details) {
        if (!o.isOk()) {
            details.add(GatewayErrors.detail(e, o.message()));
            return false;
        }
        if (payload[0] == null) {
            payload[0] = o.response().getPayload();
        } else if (!payload[0].equals(o.response().getPayload())) {
            details.add(GatewayErrors.detail(e, "ProposalResponsePayloads do not match"));
            return false;
        }
        accepted.put(e.mspId(), o);
        return true;
    }

    private static EndorserOutcome await(java.util.concurrent.Future<EndorserOutcome> run) {
        try {
            return run.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while endorsing", ex);
        } catch (ExecutionException ex) {
            throw new IllegalStateException(ex.getCause());
        }
    }

    private static void drain(CompletionService<?> running, int inFlight) {
        for (int i = 0; i < inFlight; i++) {
            try {
                running.take();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Result failed(String message, List<ErrorDetail> details) {
        return new Result(null, GatewayErrors.error(Status.Code.ABORTED, message, details));
    }

    /** Fabric's prepareTransaction: the unsigned envelope the client signs and submits. */
    private static Envelope prepare(UnpackedProposal up, ByteString payload, Iterable<EndorserOutcome> outcomes) {
        ChaincodeEndorsedAction.Builder action =
                ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(payload);
        for (EndorserOutcome o : outcomes) {
            Endorsement e = o.response().getEndorsement();
            action.addEndorsements(e);
        }
        ChaincodeActionPayload cap = ChaincodeActionPayload.newBuilder()
                .setChaincodeProposalPayload(up.payloadWithoutTransient())
                .setAction(action)
                .build();
        Transaction tx = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(up.header().getSignatureHeader())
                        .setPayload(cap.toByteString()))
                .build();
        Payload p = Payload.newBuilder()
                .setHeader(up.header())
                .setData(tx.toByteString())
                .build();
        return Envelope.newBuilder().setPayload(p.toByteString()).build();
    }
}
