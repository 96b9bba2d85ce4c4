package org.medfed.embedded.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The store's MVStore maps, either the writable ones or read-only ones pinned to one committed version.
 *
 * @param blocks        block number -> serialized Block
 * @param state         {@link StoreKeys#state} -> {@link StoreValues#versionedValue}
 * @param history       {@link StoreKeys#history} -> serialized KeyModification
 * @param txIndex       tx id -> {@link StoreValues#txStatus} of the first transaction with that id
 * @param pending       arrival sequence -> {@link StoreValues#pending}
 * @param pendingTxIds  tx id -> arrival sequence, for {@code isPending}
 * @param meta          {@link #LAST_HEADER_HASH}, {@link #NEXT_PENDING_SEQUENCE}
 */
record LedgerMaps(
        MVMap<Long, byte[]> blocks,
        MVMap<byte[], byte[]> state,
        MVMap<byte[], byte[]> history,
        MVMap<String, byte[]> txIndex,
        MVMap<Long, byte[]> pending,
        MVMap<String, Long> pendingTxIds,
        MVMap<String, byte[]> meta) {

    static final String LAST_HEADER_HASH = "lastHeaderHash";
    static final String NEXT_PENDING_SEQUENCE = "nextPendingSequence";

    static LedgerMaps open(MVStore store) {
        return new LedgerMaps(
                store.openMap("blocks", builder(LongDataType.INSTANCE, ByteArrayDataType.INSTANCE)),
                store.openMap("state", builder(UnsignedBytesType.INSTANCE, ByteArrayDataType.INSTANCE)),
                store.openMap("history", builder(UnsignedBytesType.INSTANCE, ByteArrayDataType.INSTANCE)),
                store.openMap("txIndex", builder(StringDataType.INSTANCE, ByteArrayDataType.INSTANCE)),
                store.openMap("pending", builder(LongDataType.INSTANCE, ByteArrayDataType.INSTANCE)),
                store.openMap("pendingTxIds", builder(StringDataType.INSTANCE, LongDataType.INSTANCE)),
                store.openMap("meta", builder(StringDataType.INSTANCE, ByteArrayDataType.INSTANCE)));
    }

    /**
     * Read-only views of these maps at {@code version}. MVStore maps are copy-on-write, so the views keep seeing
     * that version while the writer goes on.
     */
    LedgerMaps at(long version) {
        return new LedgerMaps(
                blocks.openVersion(version),
                state.openVersion(version),
                history.openVersion(version),
                txIndex.openVersion(version),
                pending.openVersion(version),
                pendingTxIds.openVersion(version),
                meta.openVersion(version));
    }

    private static <K, V> MVMap.Builder<K, V> builder(DataType<K> keyType, DataType<V> valueType) {
        return new MVMap.Builder<K, V>().keyType(keyType).valueType(valueType);
    }
}
