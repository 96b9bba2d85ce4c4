package org.medfed.embedded.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.medfed.embedded.state.StateReader;
import org.medfed.embedded.state.Version;
import org.medfed.embedded.state.VersionedValue;

/**
 * {@link LedgerStore} in one H2 MVStore file, {@code dir/}{@value #FILE_NAME}.
 *
 * <p>Atomicity and durability: autocommit is off and every mutating call ends in exactly one {@code commit()},
 * which writes one self-checksummed chunk; on open MVStore ignores a chunk that was not completely written, so a
 * call is either wholly in the file or not at all. The chunk is written to the OS before the call returns, which
 * survives a process kill; it is not fsync'ed (that would cost ~2 ms per call), so a power loss can lose the last
 * calls.
 *
 * <p>Consistent reads: after each commit the writer publishes read-only maps pinned to the committed version
 * ({@link CommittedView}); every read goes through the view published last, so it sees all of a block or none,
 * and takes no lock. {@link #snapshot()} hands out one view for a whole simulation. A view stays readable while
 * MVStore retains its version's chunks: at least the store's retention time (45 s by default), ample for a
 * simulation.
 *
 * <p>Space: each commit writes a new chunk (tens of KB) and MVStore reuses the space of dead chunks only after that
 * retention time, so a burst of commits grows the file by about one chunk per commit.
 */
public final class MvLedgerStore implements LedgerStore {

    static final String FILE_NAME = "ledger.mv";

    private final MVStore store;
    private final LedgerMaps maps;
    private volatile CommittedView committed;

    private MvLedgerStore(MVStore store) {
        this.store = store;
        this.maps = LedgerMaps.open(store);
        // a new file's maps must be committed before a view can open their current version
        store.commit();
        publish();
    }

    public static MvLedgerStore open(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create ledger directory " + dir, e);
        }
        return new MvLedgerStore(new MVStore.Builder()
                .fileName(dir.resolve(FILE_NAME).toString())
                .autoCommitDisabled()
                .open());
    }

    /**
     * A store in this JVM's memory only, for a simulation: the same maps, commits and views, nothing on disk, gone
     * when closed. Old versions need no retention here: a view holds its pages itself.
     */
    public static MvLedgerStore inMemory() {
        return new MvLedgerStore(new MVStore.Builder().autoCommitDisabled().open());
    }

    /** A reader pinned to the state committed now, unaffected by later blocks. */
    public StateReader snapshot() {
        return committed;
    }

    @Override
    public VersionedValue get(String namespace, String key) {
        return committed.get(namespace, key);
    }

    @Override
    public CloseableIterator<Map.Entry<String, VersionedValue>> range(
            String namespace, String startKey, String endKey) {
        return committed.range(namespace, startKey, endKey);
    }

    @Override
    public List<KeyModification> history(String namespace, String key) {
        return committed.history(namespace, key);
    }

    @Override
    public long height() {
        return committed.height();
    }

    @Override
    public Block block(long number) {
        return committed.block(number);
    }

    @Override
    public byte[] lastHeaderHash() {
        return committed.lastHeaderHash();
    }

    @Override
    public TxStatus txStatus(String txId) {
        return committed.txStatus(txId);
    }

    @Override
    public List<Pending> pending() {
        return committed.pending();
    }

    @Override
    public boolean isPending(String txId) {
        return committed.isPending(txId);
    }

    @Override
    public synchronized void appendBlock(Block block, List<TxOutcome> outcomes, List<Long> orderedPending) {
        checkChaining(block);
        List<ValidWrites> writes = validWrites(outcomes);
        mutate(() -> {
            long number = block.getHeader().getNumber();
            maps.blocks().put(number, block.toByteArray());
            maps.meta().put(LedgerMaps.LAST_HEADER_HASH, BlockHashing.headerHash(block.getHeader()));
            writes.forEach(w -> apply(number, w));
            outcomes.forEach(outcome -> index(number, outcome));
            orderedPending.forEach(this::removePending);
        });
    }

    @Override
    public synchronized long addPending(Envelope envelope, String txId) {
        long sequence = committed.nextPendingSequence();
        mutate(() -> {
            maps.pending().put(sequence, StoreValues.pending(txId, envelope));
            maps.pendingTxIds().put(txId, sequence);
            maps.meta().put(LedgerMaps.NEXT_PENDING_SEQUENCE, StoreValues.ofLong(sequence + 1));
        });
        return sequence;
    }

    @Override
    public synchronized void close() {
        store.close();
    }

    private void checkChaining(Block block) {
        long height = committed.height();
        if (block.getHeader().getNumber() != height) {
            throw new IllegalStateException(
                    "block number " + block.getHeader().getNumber() + " is not the ledger height " + height);
        }
        if (!Arrays.equals(block.getHeader().getPreviousHash().toByteArray(), committed.lastHeaderHash())) {
            throw new IllegalStateException(
                    "block " + height + ": previous hash is not block " + (height - 1) + "'s header hash");
        }
    }

    /** Parsed before anything is written, so a malformed read-write set refuses the block without a rollback. */
    private static List<ValidWrites> validWrites(List<TxOutcome> outcomes) {
        List<ValidWrites> valid = new ArrayList<>();
        for (TxOutcome outcome : outcomes) {
            if (outcome.code() != TxValidationCode.VALID) {
                continue;
            }
            for (NsReadWriteSet ns : outcome.rwset().getNsRwsetList()) {
                try {
                    valid.add(new ValidWrites(outcome, ns.getNamespace(), KVRWSet.parseFrom(ns.getRwset())));
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalArgumentException(
                            "transaction " + outcome.txId() + ": read-write set of " + ns.getNamespace()
                                    + " is malformed",
                            e);
                }
            }
        }
        return valid;
    }

    private void apply(long blockNum, ValidWrites writes) {
        TxOutcome tx = writes.outcome();
        Version version = new Version(blockNum, tx.index());
        for (KVWrite write : writes.rwset().getWritesList()) {
            byte[] stateKey = StoreKeys.state(writes.namespace(), write.getKey());
            if (write.getIsDelete()) {
                maps.state().remove(stateKey);
            } else {
                maps.state()
                        .put(
                                stateKey,
                                StoreValues.versionedValue(write.getValue().toByteArray(), version));
            }
            KeyModification modification = KeyModification.newBuilder()
                    .setTxId(tx.txId())
                    .setValue(write.getIsDelete() ? ByteString.EMPTY : write.getValue())
                    .setTimestamp(tx.timestamp())
                    .setIsDelete(write.getIsDelete())
                    .build();
            maps.history()
                    .put(
                            StoreKeys.history(writes.namespace(), write.getKey(), blockNum, tx.index()),
                            modification.toByteArray());
        }
    }

    /**
     * The first transaction with an id keeps the index entry, as in Fabric, whose tx-id index answers with the
     * lowest (block, tx) and so never lets a DUPLICATE_TXID replay hide the original's code.
     */
    private void index(long blockNum, TxOutcome outcome) {
        if (!outcome.txId().isEmpty()) {
            maps.txIndex()
                    .putIfAbsent(
                            outcome.txId(),
                            StoreValues.txStatus(new TxStatus(blockNum, outcome.index(), outcome.code())));
        }
    }

    private void removePending(long sequence) {
        byte[] encoded = maps.pending().remove(sequence);
        if (encoded == null) {
            throw new IllegalStateException("ordered envelope " + sequence + " is not pending");
        }
        maps.pendingTxIds().remove(StoreValues.pending(sequence, encoded).txId(), sequence);
    }

    /** Runs {@code changes} as one commit; on failure reverts them so that no later commit carries them. */
    private void mutate(Runnable changes) {
        try {
            changes.run();
            store.commit();
        } catch (RuntimeException e) {
            store.rollback();
            throw e;
        }
        publish();
    }

    private void publish() {
        committed = new CommittedView(maps.at(store.getCurrentVersion()));
    }

    private record ValidWrites(TxOutcome outcome, String namespace, KVRWSet rwset) {}
}
