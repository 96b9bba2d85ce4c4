package org.medfed.embedded.store;

import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ByteArrayDataType;
import org.medfed.embedded.state.KeyOrder;

/**
 * MVStore key type for byte[] keys ordered as unsigned bytes, Fabric's (LevelDB's) key order. MVStore does not
 * persist a map's key type: every open of a map with these keys must pass this type again.
 */
final class UnsignedBytesType extends BasicDataType<byte[]> {

    static final UnsignedBytesType INSTANCE = new UnsignedBytesType();

    private UnsignedBytesType() {}

    @Override
    public int compare(byte[] a, byte[] b) {
        return KeyOrder.compare(a, b);
    }

    @Override
    public int getMemory(byte[] key) {
        return ByteArrayDataType.INSTANCE.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, byte[] key) {
        ByteArrayDataType.INSTANCE.write(buffer, key);
    }

    @Override
    public byte[] read(ByteBuffer buffer) {
        return ByteArrayDataType.INSTANCE.read(buffer);
    }

    @Override
    public byte[][] createStorage(int size) {
        return new byte[size][];
    }
}
