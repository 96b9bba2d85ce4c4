package org.medfed.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;

/** Records calls and advances a fake clock: submit n takes (n % 10 + 1) ms, evaluate n a tenth of that. */
class FakeLedger implements LedgerClient {

    final String mspId;
    final List<String> calls = new ArrayList<>();
    private final AtomicLong clock;
    private MedfedException failure;
    private int submits;
    private int evaluates;
    boolean closed;

    FakeLedger(String mspId, AtomicLong clock) {
        this.mspId = mspId;
        this.clock = clock;
    }

    FakeLedger failingWith(MedfedException e) {
        this.failure = e;
        return this;
    }

    @Override
    public byte[] submit(String transaction, String... args) throws MedfedException {
        record(transaction, args);
        clock.addAndGet((submits++ % 10 + 1) * 1_000_000L);
        return new byte[0];
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws MedfedException {
        record(transaction, args);
        clock.addAndGet((evaluates++ % 10 + 1) * 100_000L);
        return "ping".getBytes();
    }

    private void record(String transaction, String... args) throws MedfedException {
        calls.add(transaction + " " + String.join(" ", args));
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
