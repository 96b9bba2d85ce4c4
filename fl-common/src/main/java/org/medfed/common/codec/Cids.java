package org.medfed.common.codec;

import java.util.HexFormat;

/**
 * IPFS content identifiers computed locally, so the ledger can tie a CID to the SHA-256 it records.
 *
 * <p>A raw-leaf CIDv1 is the multibase prefix {@code b} followed by base32 (RFC 4648 alphabet, lower case, no padding)
 * of {@code 0x01 0x55 0x12 0x20} (CIDv1, codec raw, multihash sha2-256, 32 bytes) and the digest. Kubo gives exactly
 * this CID to content added with {@code cid-version=1&raw-leaves=true} only if it fits in one chunk (256 KiB with the
 * default chunker); larger content becomes a dag-pb root with a different CID.
 */
public final class Cids {
    private static final byte[] RAW_LEAF_SHA256_PREFIX = {0x01, 0x55, 0x12, 0x20};
    private static final char[] BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Cids() {}

    public static String rawLeafCidV1(byte[] data) {
        return rawLeafCidV1OfDigest(Hashing.sha256(data));
    }

    /** The CID of content whose SHA-256 is {@code sha256Hex}, without needing the content. */
    public static String rawLeafCidV1FromSha256Hex(String sha256Hex) {
        if (!Hashing.isSha256Hex(sha256Hex)) {
            throw new IllegalArgumentException("not a lower-case SHA-256 hex digest: " + sha256Hex);
        }
        return rawLeafCidV1OfDigest(HexFormat.of().parseHex(sha256Hex));
    }

    private static String rawLeafCidV1OfDigest(byte[] digest) {
        byte[] cid = new byte[RAW_LEAF_SHA256_PREFIX.length + digest.length];
        System.arraycopy(RAW_LEAF_SHA256_PREFIX, 0, cid, 0, RAW_LEAF_SHA256_PREFIX.length);
        System.arraycopy(digest, 0, cid, RAW_LEAF_SHA256_PREFIX.length, digest.length);
        return "b" + base32Lower(cid);
    }

    private static String base32Lower(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = buffer << 8 | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(BASE32_LOWER[(buffer >> bits) & 0x1f]);
            }
        }
        if (bits > 0) {
            out.append(BASE32_LOWER[(buffer << (5 - bits)) & 0x1f]);
        }
        return out.toString();
    }
}
