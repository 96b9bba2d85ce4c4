package org.medfed.embedded.store;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.medfed.embedded.state.Version;
import org.medfed.embedded.state.VersionedValue;

/** Fixed-layout, big-endian encodings of the values the store keeps beside protobuf messages. */
final class StoreValues {

    private static final int VERSION_BYTES = 2 * Long.BYTES;

    private StoreValues() {}

    /** blockNum txNum value */
    static byte[] versionedValue(byte[] value, Version version) {
        return ByteBuffer.allocate(VERSION_BYTES + value.length)
                .putLong(version.blockNum())
                .putLong(version.txNum())
                .put(value)
                .array();
    }

    static VersionedValue versionedValue(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        Version version = new Version(buffer.getLong(), buffer.getLong());
        return new VersionedValue(Arrays.copyOfRange(encoded, VERSION_BYTES, encoded.length), version);
    }

    /** blockNum txIndex code */
    static byte[] txStatus(TxStatus status) {
        return ByteBuffer.allocate(Long.BYTES + 2 * Integer.BYTES)
                .putLong(status.blockNum())
                .putInt(status.txIndex())
                .putInt(status.code().getNumber())
                .array();
    }

    static TxStatus txStatus(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        return new TxStatus(buffer.getLong(), buffer.getInt(), TxValidationCode.forNumber(buffer.getInt()));
    }

    /** len(txId) txId envelope */
    static byte[] pending(String txId, Envelope envelope) {
        byte[] id = txId.getBytes(StandardCharsets.UTF_8);
        byte[] message = envelope.toByteArray();
        return ByteBuffer.allocate(Integer.BYTES + id.length + message.length)
                .putInt(id.length)
                .put(id)
                .put(message)
                .array();
    }

    static LedgerStore.Pending pending(long sequence, byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        int idLength = buffer.getInt();
        String txId = new String(encoded, Integer.BYTES, idLength, StandardCharsets.UTF_8);
        buffer.position(Integer.BYTES + idLength);
        try {
            return new LedgerStore.Pending(sequence, txId, Envelope.parseFrom(buffer));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("pending envelope " + sequence + " is corrupt", e);
        }
    }

    static byte[] ofLong(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long toLong(byte[] encoded) {
        return ByteBuffer.wrap(encoded).getLong();
    }
}
