package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.protocol.ErrorCode;

/** Waiting for the ledger to reach a state, and expecting a refusal, as the real-network ITs do both. */
final class Ledgerside {
    private Ledgerside() {}

    @FunctionalInterface
    interface Read<T> {
        T read() throws Exception;
    }

    @FunctionalInterface
    interface Refusable {
        Object call() throws Exception;
    }

    /** Polls {@code read} every half second until {@code done}; on timeout the last value and failure are named. */
    static <T> T waitFor(Read<T> read, Predicate<T> done, Duration timeout, String what, Path logs) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        Exception failure = null;
        while (System.nanoTime() < deadline) {
            try {
                last = read.read();
                if (done.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                failure = e; // not there yet, or a transient gateway error: poll again
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; last: " + last
                + "; last failure: " + failure + "; see " + logs + "/client-*.log");
    }

    /** The call must be refused by the chaincode with {@code code}. */
    static void refused(ErrorCode code, Refusable call) throws Exception {
        try {
            Object accepted = call.call();
            throw new AssertionError("expected " + code + ", but the ledger accepted: " + accepted);
        } catch (MedfedException e) {
            assertThat(e.code()).as("refusal: %s", e.describe()).isEqualTo(code.name());
            assertThat(e.isFromChaincode())
                    .as("a chaincode refusal: %s", e.describe())
                    .isTrue();
            System.out.printf("[refused] %s over the gateway: %s%n", code, e.describe());
        }
    }
}
