package org.medfed.embedded.store;

import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.medfed.embedded.state.StateReader;

/**
 * The channel's durable ledger: hash-chained blocks, world state, per-key history, the tx-id index, and the
 * envelopes acknowledged to clients but not yet in a block. Every mutating call is one atomic commit: after it
 * returns, a {@code kill -9} loses nothing of it; a crash in the middle leaves none of it.
 *
 * <p>Thread-safety: reads may run concurrently with each other; {@link #appendBlock} and {@link #addPending} are
 * called by one thread at a time (the orderer) but may run concurrently with reads; a read sees either all or none
 * of a block.
 */
public interface LedgerStore extends StateReader, AutoCloseable {

    /** A reader fixed to the last committed block, for one simulation (readable for at least 45 s). */
    StateReader snapshot();

    /** Number of blocks (the next block's number). */
    long height();

    /** Block {@code number}, or null when {@code number >= height()}. */
    Block block(long number);

    /** Header hash of the last block (empty array when there is no block yet). */
    byte[] lastHeaderHash();

    /** Where {@code txId} was committed, or null when it is in no block. */
    TxStatus txStatus(String txId);

    /**
     * Appends {@code block} (number = height()), applies the writes of its VALID transactions at version
     * (block, index), records history and the tx-id index of every outcome with a tx id, and removes
     * {@code orderedPending} (sequence numbers from {@link #addPending}) from the pending set, all atomically.
     */
    void appendBlock(Block block, List<TxOutcome> outcomes, List<Long> orderedPending);

    /** Stores an acknowledged envelope durably before the client is told; returns its arrival sequence number. */
    long addPending(Envelope envelope, String txId);

    /** Envelopes stored by {@link #addPending} and not yet in a block, in arrival order. */
    List<Pending> pending();

    /** Whether {@code txId} is pending (acknowledged, not yet in a block). */
    boolean isPending(String txId);

    @Override
    void close();

    record Pending(long sequence, String txId, Envelope envelope) {}
}
