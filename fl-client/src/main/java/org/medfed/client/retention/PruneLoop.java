package org.medfed.client.retention;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.PinStore;
import org.medfed.client.node.TickLoop;
import org.medfed.client.participation.NodeLog;
import org.medfed.client.view.StorageView;
import org.medfed.common.model.Task;

/**
 * A client node's {@code storage.prune}: every {@code tick} it reads the task list, and when any task has aggregated
 * a round since the last prune (and once at start), it plans and prunes this organisation's Kubo node, garbage
 * collection included ({@link StoragePlanner}, {@link Pruner}). Verification attestations alone do not trigger it:
 * they take effect at the next aggregation, or with {@code medfed storage prune}. Failures are logged and retried on
 * the next tick; nothing here stops the node's training loop. Runs on its own daemon thread.
 */
public final class PruneLoop implements AutoCloseable {
    private final RetentionReads ledger;
    private final PinStore node;
    private final NodeLog log;
    private final TickLoop ticker;
    /** Each task's aggregated rounds and status at the last prune that succeeded; null before the first. */
    private Map<String, String> pruned;

    public PruneLoop(RetentionReads ledger, PinStore node, Duration tick, NodeLog log) {
        this.ledger = ledger;
        this.node = node;
        this.log = log;
        this.ticker = new TickLoop("storage-prune", tick, this::step);
    }

    public void start() {
        ticker.start();
    }

    /** Prunes once if a round was aggregated since the last prune; what a tick does. Returns whether it pruned. */
    public synchronized boolean step() {
        try {
            Map<String, String> now = new TreeMap<>();
            for (Task task : ledger.tasks()) {
                now.put(task.id(), task.aggregatedRounds() + " " + task.status().wire());
            }
            if (now.equals(pruned)) {
                return false;
            }
            StoragePlan plan = new StoragePlanner(ledger).plan();
            if (plan.anyPolicy()) {
                PruneReport report = new Pruner(node).prune(plan, Pruner.Mode.UNPIN_AND_COLLECT);
                report.pinFailures()
                        .forEach((cid, why) -> log.warn("storage: could not pin kept blob " + cid + ": " + why));
                log.info("storage: " + StorageView.summary(report));
            }
            pruned = now;
            return true;
        } catch (MedfedException | BlobStoreException | RuntimeException e) {
            log.warn("storage: not pruned, retrying next tick: " + e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        ticker.close();
    }
}
