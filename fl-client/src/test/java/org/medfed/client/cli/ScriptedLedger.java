package org.medfed.client.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;

/**
 * A ledger that records every call as (intent, transaction, arguments) and answers from a script: canned JSON per
 * transaction, in order (the last answer repeats), or a failure. An unscripted transaction is a test bug.
 */
final class ScriptedLedger implements LedgerClient {

    record Call(String intent, String transaction, List<String> args) {
        @Override
        public String toString() {
            return intent + " " + transaction + " " + args;
        }
    }

    static final String EVALUATE = "evaluate";
    static final String SUBMIT = "submit";

    final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Object>> answers = new HashMap<>();
    private MedfedException failure;
    boolean closed;

    /** Answers {@code transaction} with {@code json}; several answers are given in order, the last one repeats. */
    ScriptedLedger answer(String transaction, String json) {
        answers.computeIfAbsent(transaction, t -> new ArrayDeque<>()).add(json);
        return this;
    }

    ScriptedLedger fail(String transaction, MedfedException e) {
        answers.computeIfAbsent(transaction, t -> new ArrayDeque<>()).add(e);
        return this;
    }

    /** Every call fails, as with an unreachable peer. */
    ScriptedLedger failEverything(MedfedException e) {
        this.failure = e;
        return this;
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws MedfedException {
        return call(EVALUATE, transaction, args);
    }

    @Override
    public byte[] submit(String transaction, String... args) throws MedfedException {
        return call(SUBMIT, transaction, args);
    }

    private byte[] call(String intent, String transaction, String... args) throws MedfedException {
        calls.add(new Call(intent, transaction, List.of(args)));
        if (failure != null) {
            throw failure;
        }
        Deque<Object> queue = answers.get(transaction);
        if (queue == null || queue.isEmpty()) {
            throw new IllegalStateException("no scripted answer for " + transaction);
        }
        Object answer = queue.size() > 1 ? queue.poll() : queue.peek();
        if (answer instanceof MedfedException e) {
            throw e;
        }
        return ((String) answer).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        closed = true;
    }
}
