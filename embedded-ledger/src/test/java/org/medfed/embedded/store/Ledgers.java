package org.medfed.embedded.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.h2.mvstore.MVStore;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Transactions, blocks and tampering for store tests. */
public final class Ledgers {

    private Ledgers() {}

    static KVWrite put(String key, String value) {
        return KVWrite.newBuilder()
                .setKey(key)
                .setValue(ByteString.copyFromUtf8(value))
                .build();
    }

    static KVWrite delete(String key) {
        return KVWrite.newBuilder().setKey(key).setIsDelete(true).build();
    }

    static NsReadWriteSet writes(String namespace, KVWrite... writes) {
        KVRWSet rwset = KVRWSet.newBuilder().addAllWrites(Arrays.asList(writes)).build();
        return NsReadWriteSet.newBuilder()
                .setNamespace(namespace)
                .setRwset(rwset.toByteString())
                .build();
    }

    /** A valid transaction whose channel header timestamp is {@code seconds}. */
    static TxOutcome valid(int index, String txId, long seconds, NsReadWriteSet... writes) {
        TxReadWriteSet rwset =
                TxReadWriteSet.newBuilder().addAllNsRwset(Arrays.asList(writes)).build();
        return new TxOutcome(index, txId, TxValidationCode.VALID, at(seconds), rwset);
    }

    static TxOutcome invalid(int index, String txId, TxValidationCode code, NsReadWriteSet... writes) {
        TxReadWriteSet rwset =
                TxReadWriteSet.newBuilder().addAllNsRwset(Arrays.asList(writes)).build();
        return new TxOutcome(index, txId, code, at(0), rwset);
    }

    static Timestamp at(long seconds) {
        return Timestamp.newBuilder().setSeconds(seconds).build();
    }

    /** A stand-in envelope: the store keeps envelopes as opaque bytes. */
    static Envelope envelope(String txId) {
        return Envelope.newBuilder().setPayload(ByteString.copyFromUtf8(txId)).build();
    }

    /** The next block of {@code store}, one envelope per outcome. */
    static Block nextBlock(LedgerStore store, List<TxOutcome> outcomes) {
        List<ByteString> data =
                outcomes.stream().map(o -> envelope(o.txId()).toByteString()).toList();
        return Blocks.newBlock(store.height(), store.lastHeaderHash(), data);
    }

    static Block appendNext(LedgerStore store, TxOutcome... outcomes) {
        return appendNext(store, List.of(), outcomes);
    }

    static Block appendNext(LedgerStore store, List<Long> orderedPending, TxOutcome... outcomes) {
        Block block = nextBlock(store, List.of(outcomes));
        store.appendBlock(block, List.of(outcomes), orderedPending);
        return block;
    }

    /** Rewrites a stored block behind the store's back, as an attacker with the file would. */
    public static void tamperBlock(Path dir, long number, UnaryOperator<Block> change) {
        MVStore file = new MVStore.Builder()
                .fileName(dir.resolve(MvLedgerStore.FILE_NAME).toString())
                .open();
        try {
            LedgerMaps maps = LedgerMaps.open(file);
            Block stored = Block.parseFrom(maps.blocks().get(number));
            maps.blocks().put(number, change.apply(stored).toByteArray());
            file.commit();
        } catch (InvalidProtocolBufferException e) {
            throw new UncheckedIOException(e);
        } finally {
            file.close();
        }
    }
}
