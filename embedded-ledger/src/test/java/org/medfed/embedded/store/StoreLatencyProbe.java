package org.medfed.embedded.store;

import static org.medfed.embedded.store.Ledgers.appendNext;
import static org.medfed.embedded.store.Ledgers.put;
import static org.medfed.embedded.store.Ledgers.valid;
import static org.medfed.embedded.store.Ledgers.writes;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.Envelope;

/**
 * Prints the latency of addPending and appendBlock and the file size; a main, not a test, because timings depend on
 * the machine. Envelopes of 3 KB; blocks of 10 transactions writing two keys each.
 */
public final class StoreLatencyProbe {

    private static final int CALLS = 1000;
    private static final int TXS_PER_BLOCK = 10;

    private StoreLatencyProbe() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("store-latency");
        try (MvLedgerStore store = MvLedgerStore.open(dir)) {
            Envelope envelope = Envelope.newBuilder()
                    .setPayload(ByteString.copyFrom(new byte[3000]))
                    .build();
            long[] pending = new long[CALLS];
            for (int i = 0; i < CALLS; i++) {
                long start = System.nanoTime();
                store.addPending(envelope, "p" + i);
                pending[i] = System.nanoTime() - start;
            }
            long[] blocks = new long[CALLS];
            for (int b = 0; b < CALLS; b++) {
                TxOutcome[] outcomes = new TxOutcome[TXS_PER_BLOCK];
                for (int t = 0; t < TXS_PER_BLOCK; t++) {
                    String id = b + "-" + t;
                    outcomes[t] = valid(t, id, b, writes("cc", put("a" + id, "x".repeat(200)), put("shared" + t, id)));
                }
                long start = System.nanoTime();
                appendNext(store, outcomes);
                blocks[b] = System.nanoTime() - start;
            }
            report("addPending", pending);
            report("appendBlock (+ building the block)", blocks);
            printFileSize("before close", dir);
        }
        printFileSize("after close", dir);
    }

    private static void printFileSize(String when, Path dir) throws java.io.IOException {
        System.out.printf("file size %s: %d KB%n", when, Files.size(dir.resolve(MvLedgerStore.FILE_NAME)) / 1024);
    }

    private static void report(String call, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%s: median %.3f ms, p99 %.3f ms, max %.3f ms%n",
                call,
                sorted[sorted.length / 2] / 1e6,
                sorted[sorted.length * 99 / 100] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }
}
