package org.medfed.embedded.gateway;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hyperledger.fabric.protos.common.Block;
import org.medfed.embedded.order.CommitListener;
import org.medfed.embedded.store.LedgerStore;
import org.medfed.embedded.store.TxOutcome;
import org.medfed.embedded.store.TxStatus;

/**
 * Wakes whoever waits for a transaction's commit (CommitStatus) or for the next block (event streams). A waiter
 * registers before it looks in the ledger, so a commit between the two is never missed (Fabric's commit finder).
 */
public final class CommitNotifier implements CommitListener {

    private final LedgerStore store;
    private final Map<String, List<CompletableFuture<TxStatus>>> waiters = new ConcurrentHashMap<>();
    private final Object heightMonitor = new Object();

    public CommitNotifier(LedgerStore store) {
        this.store = store;
    }

    /** Completes when {@code txId} is in a block (at once if it already is). */
    public CompletableFuture<TxStatus> statusOf(String txId) {
        CompletableFuture<TxStatus> future = new CompletableFuture<>();
        waiters.computeIfAbsent(txId, k -> new CopyOnWriteArrayList<>()).add(future);
        TxStatus now = store.txStatus(txId);
        if (now != null) {
            complete(txId, now);
        }
        future.whenComplete((s, e) -> {
            List<CompletableFuture<TxStatus>> list = waiters.get(txId);
            if (list != null) {
                list.remove(future);
                waiters.remove(txId, List.of());
            }
        });
        return future;
    }

    /** Blocks until the ledger is higher than {@code height} or {@code millis} pass. */
    public void awaitHeightAbove(long height, long millis) throws InterruptedException {
        synchronized (heightMonitor) {
            if (store.height() <= height) {
                heightMonitor.wait(millis);
            }
        }
    }

    @Override
    public void committed(Block block, List<TxOutcome> outcomes) {
        for (TxOutcome o : outcomes) {
            if (!o.txId().isEmpty()) {
                TxStatus status = store.txStatus(o.txId());
                if (status != null) {
                    complete(o.txId(), status);
                }
            }
        }
        synchronized (heightMonitor) {
            heightMonitor.notifyAll();
        }
    }

    private void complete(String txId, TxStatus status) {
        List<CompletableFuture<TxStatus>> list = waiters.get(txId);
        if (list != null) {
            for (CompletableFuture<TxStatus> f : list) {
                f.complete(status);
            }
        }
    }
}
