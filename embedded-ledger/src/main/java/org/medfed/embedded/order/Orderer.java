package org.medfed.embedded.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.medfed.embedded.channel.Channel;
import org.medfed.embedded.store.Blocks;
import org.medfed.embedded.store.LedgerStore;
import org.medfed.embedded.store.TxOutcome;

/**
 * The ordering service and the committing peers in one: a broadcast envelope is stored durably before it is
 * acknowledged, then cut into a block by Fabric's rules (MaxMessageCount envelopes, or BatchTimeout after the first
 * envelope of a batch), validated, and appended with its state changes in one atomic commit. After a crash, the
 * acknowledged envelopes still pending are ordered first.
 */
public final class Orderer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Orderer.class.getName());

    private final Channel channel;
    private final Duration batchTimeout;
    private final int maxMessageCount;
    private final BlockValidator validator;
    private final List<CommitListener> listeners = new CopyOnWriteArrayList<>();
    private final Lock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Thread cutter;
    /** Arrival time of the oldest envelope of the batch being collected, in nanoTime; 0 when the batch is empty. */
    private long batchStartedNanos;
    /** Envelopes acknowledged and not yet in a block, as in the store; counted here so a wake-up reads nothing. */
    private int pendingCount;

    private volatile boolean closed;

    public Orderer(Channel channel, Duration batchTimeout, int maxMessageCount) {
        this.channel = channel;
        this.batchTimeout = batchTimeout;
        this.maxMessageCount = maxMessageCount;
        this.validator = new BlockValidator(channel);
        this.cutter = new Thread(this::cutLoop, "block-cutter");
        this.cutter.setDaemon(true);
    }

    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    /** Writes the genesis block on a new ledger, then starts cutting (pending envelopes of a crash first). */
    public void start() {
        LedgerStore store = channel.store();
        if (store.height() == 0) {
            commit(List.of(GenesisBlock.envelope(channel)), List.of(), true);
        }
        if (!store.pending().isEmpty()) {
            // What an operator reads after a crash: transactions acknowledged to their clients commit now.
            LOG.info(() -> "ordering first " + store.pending().size()
                    + " acknowledged transaction(s) the last run left pending (it stopped before their block)");
            lock.lock();
            try {
                pendingCount = store.pending().size();
                batchStartedNanos = System.nanoTime();
            } finally {
                lock.unlock();
            }
        }
        cutter.start();
    }

    /** Orders {@code envelope}: returns once it is durably stored (an acknowledged submit survives kill -9). */
    public void broadcast(Envelope envelope, String txId) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the ordering service is shutting down");
            }
            channel.store().addPending(envelope, txId);
            pendingCount++;
            if (batchStartedNanos == 0) {
                batchStartedNanos = System.nanoTime();
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void cutLoop() {
        while (!closed) {
            List<LedgerStore.Pending> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            if (batch.isEmpty()) {
                continue;
            }
            List<Envelope> envelopes = new ArrayList<>();
            List<Long> sequences = new ArrayList<>();
            for (LedgerStore.Pending p : batch) {
                envelopes.add(p.envelope());
                sequences.add(p.sequence());
            }
            try {
                commit(envelopes, sequences, false);
                committedPending(batch.size());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "block commit failed; the envelopes stay pending", e);
                sleepQuietly();
            }
        }
    }

    /** Waits for a full batch or the batch timeout, then takes up to MaxMessageCount envelopes. */
    private List<LedgerStore.Pending> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                if (pendingCount >= maxMessageCount) {
                    return take(channel.store().pending());
                }
                if (batchStartedNanos != 0) {
                    long waitNanos = batchStartedNanos + batchTimeout.toNanos() - System.nanoTime();
                    if (waitNanos <= 0) {
                        return take(channel.store().pending());
                    }
                    arrived.awaitNanos(waitNanos);
                } else {
                    arrived.await(1, TimeUnit.SECONDS);
                }
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    private void committedPending(int count) {
        lock.lock();
        try {
            pendingCount -= count;
        } finally {
            lock.unlock();
        }
    }

    private List<LedgerStore.Pending> take(List<LedgerStore.Pending> pending) {
        List<LedgerStore.Pending> batch = pending.subList(0, Math.min(maxMessageCount, pending.size()));
        // What stays pending starts the next batch now, as Fabric's cutter restarts its timer.
        batchStartedNanos = pending.size() > batch.size() ? System.nanoTime() : 0;
        return new ArrayList<>(batch);
    }

    private void commit(List<Envelope> envelopes, List<Long> sequences, boolean genesis) {
        LedgerStore store = channel.store();
        long number = store.height();
        // Only this thread writes; simulations read snapshots, so validation and append need no lock.
        List<TxOutcome> outcomes = genesis ? GenesisBlock.outcomes() : validator.validate(number, envelopes);
        Block block = Blocks.newBlock(
                number,
                store.lastHeaderHash(),
                envelopes.stream().map(Envelope::toByteString).toList());
        block = Blocks.withTransactionsFilter(block, filter(outcomes));
        store.appendBlock(block, outcomes, sequences);
        for (CommitListener l : listeners) {
            try {
                l.committed(block, outcomes);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a commit listener failed", e);
            }
        }
    }

    private static byte[] filter(List<TxOutcome> outcomes) {
        byte[] codes = new byte[outcomes.size()];
        for (TxOutcome o : outcomes) {
            codes[o.index()] = (byte) o.code().getNumber();
        }
        return codes;
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            cutter.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
