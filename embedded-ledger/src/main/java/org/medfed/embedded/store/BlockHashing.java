package org.medfed.embedded.store;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;

/** The two hashes that chain Fabric blocks, byte for byte as Fabric's {@code protoutil/blockutils.go} computes them. */
public final class BlockHashing {

    private BlockHashing() {}

    /** SHA-256 of {@link #headerBytes}: what the next block's {@code previous_hash} holds. */
    public static byte[] headerHash(BlockHeader header) {
        return sha256().digest(headerBytes(header));
    }

    /**
     * DER of SEQUENCE { INTEGER number, OCTET STRING previous_hash, OCTET STRING data_hash } (Fabric's
     * BlockHeaderBytes). Go encodes the uint64 number as a non-negative big integer, hence the unsigned conversion.
     */
    public static byte[] headerBytes(BlockHeader header) {
        BigInteger number = new BigInteger(
                1, ByteBuffer.allocate(Long.BYTES).putLong(header.getNumber()).array());
        ASN1Encodable[] fields = {
            new ASN1Integer(number),
            new DEROctetString(header.getPreviousHash().toByteArray()),
            new DEROctetString(header.getDataHash().toByteArray())
        };
        try {
            return new DERSequence(fields).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new UncheckedIOException("DER encoding in memory cannot fail", e);
        }
    }

    /** SHA-256 of the concatenated data entries (the serialized envelopes), with no separators. */
    public static byte[] dataHash(BlockData data) {
        MessageDigest digest = sha256();
        for (ByteString entry : data.getDataList()) {
            digest.update(entry.asReadOnlyByteBuffer());
        }
        return digest.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
