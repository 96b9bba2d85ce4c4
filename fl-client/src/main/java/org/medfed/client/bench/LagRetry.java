package org.medfed.client.bench;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.protocol.ErrorCode;

/**
 * Retries what peers that have not yet committed the previous step make the ledger refuse for a moment. A submit
 * returns once the submitter's own organisation has committed; another organisation's peer that endorses the next
 * transaction may still see the previous state (on Fabric; the embedded ledger's peers commit together), and then
 * refuses it (the round not yet open, closed or complete, a participant or dataset not yet there) or endorses
 * something else ("do not match"). An MVCC or phantom read conflict (not committed) is retried too. Every retry is counted, so the report shows
 * them; anything else, or the same refusal after {@link #LIMIT}, is thrown.
 */
final class LagRetry {

    static final Duration LIMIT = Duration.ofSeconds(30);
    private static final long PAUSE_MILLIS = 100;

    /** Chaincode refusals that a lagging endorser gives for a state every committed peer has left behind. */
    private static final Set<String> LAGGING = Set.of(
            ErrorCode.NOT_FOUND.name(),
            ErrorCode.NOT_REGISTERED.name(),
            ErrorCode.ROUND_NOT_OPEN.name(),
            ErrorCode.STALE_ROUND.name(),
            ErrorCode.BASE_MODEL_MISMATCH.name(),
            ErrorCode.ROUND_STILL_OPEN.name(),
            ErrorCode.ROUND_NOT_CLOSED.name());

    /** One ledger call. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws MedfedException;
    }

    private final AtomicInteger retries = new AtomicInteger();

    <T> T call(Call<T> call) throws MedfedException, InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (true) {
            try {
                return call.call();
            } catch (MedfedException e) {
                if (!isTransient(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                retries.incrementAndGet();
                Thread.sleep(PAUSE_MILLIS);
            }
        }
    }

    /** How many calls were retried so far; {@link #reset()} starts again at 0. */
    int retries() {
        return retries.get();
    }

    int reset() {
        return retries.getAndSet(0);
    }

    static boolean isTransient(MedfedException e) {
        if (e.isFromChaincode()) {
            return LAGGING.contains(e.code());
        }
        String message = String.valueOf(e.getMessage());
        return MedfedException.TX_INVALID.equals(e.code()) && message.contains("READ_CONFLICT")
                || MedfedException.GATEWAY_ERROR.equals(e.code()) && message.contains("do not match");
    }
}
