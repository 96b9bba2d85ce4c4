package org.medfed.client.network;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.medfed.client.gateway.MedfedException;

/**
 * Right after a deploy, a chaincode upgrade or a new organisation, discovery needs a few seconds to learn the
 * definition ("no combination of peers…") and a freshly started chaincode server its first connection: the
 * integration tests retry failures that are not chaincode refusals, briefly.
 */
final class LedgerRetry {

    /** One ledger call of a test. */
    interface LedgerCall {
        byte[] call() throws Exception;
    }

    private LedgerRetry() {}

    static byte[] withRetry(LedgerCall call) throws Exception {
        return withRetry(call, e -> false);
    }

    /**
     * As {@link #withRetry(LedgerCall)}, but a failure that {@code awaited} accepts is thrown at once: the failure
     * a test expects once the network is ready (retrying it would only wait out the deadline).
     */
    static byte[] withRetry(LedgerCall call, Predicate<MedfedException> awaited) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return call.call();
            } catch (MedfedException e) {
                if (e.isFromChaincode() || awaited.test(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
