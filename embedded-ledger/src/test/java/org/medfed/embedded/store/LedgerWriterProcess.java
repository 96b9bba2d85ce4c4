package org.medfed.embedded.store;

import static org.medfed.embedded.store.Ledgers.appendNext;
import static org.medfed.embedded.store.Ledgers.envelope;
import static org.medfed.embedded.store.Ledgers.put;
import static org.medfed.embedded.store.Ledgers.valid;
import static org.medfed.embedded.store.Ledgers.writes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Child process of {@link CrashDurabilityIT}: acknowledges envelopes and orders them into blocks of four, printing
 * each acknowledgement only after the store call returned, until it is killed. Args: ledger dir, tx id prefix.
 */
public final class LedgerWriterProcess {

    static final String NAMESPACE = "cc";
    static final int BLOCK_SIZE = 4;

    private LedgerWriterProcess() {}

    public static void main(String[] args) {
        try (MvLedgerStore store = MvLedgerStore.open(Path.of(args[0]))) {
            List<LedgerStore.Pending> unordered = new ArrayList<>(store.pending());
            for (int i = 0; ; i++) {
                String txId = args[1] + i;
                unordered.add(new LedgerStore.Pending(store.addPending(envelope(txId), txId), txId, envelope(txId)));
                acknowledge("pending " + txId);
                if (unordered.size() >= BLOCK_SIZE) {
                    long number = store.height();
                    appendNext(
                            store,
                            unordered.stream()
                                    .map(LedgerStore.Pending::sequence)
                                    .toList(),
                            outcomes(unordered));
                    acknowledge("block " + number);
                    unordered.clear();
                }
            }
        }
    }

    /** Each transaction writes its own id as key: the state then shows which transactions were applied. */
    private static TxOutcome[] outcomes(List<LedgerStore.Pending> ordered) {
        TxOutcome[] outcomes = new TxOutcome[ordered.size()];
        for (int index = 0; index < outcomes.length; index++) {
            String txId = ordered.get(index).txId();
            outcomes[index] = valid(index, txId, index, writes(NAMESPACE, put(txId, "v")));
        }
        return outcomes;
    }

    private static void acknowledge(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
