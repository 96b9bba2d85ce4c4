package org.medfed.embedded.chaincode;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReadsMerkleSummary;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;

/**
 * The reads a range query returned, as Fabric records them for the phantom check (rwsetutil
 * RangeQueryResultsHelper): up to {@value #MAX_DEGREE} results verbatim, beyond that only a Merkle summary over
 * SHA-256 of serialized batches of {@code MAX_DEGREE + 1} reads. A validator re-running the range feeds the same
 * reads through this class and compares the outcome.
 */
public final class RangeReads {

    /** Fabric's maxDegreeQueryReadsHashing; hashing is always on for public state. */
    public static final int MAX_DEGREE = 50;

    private static final int LEAF_LEVEL = 1;

    private List<KVRead> pending = new ArrayList<>();
    private final TreeMap<Integer, List<ByteString>> tree = new TreeMap<>();
    private int maxLevel = LEAF_LEVEL;

    public void add(KVRead read) {
        pending.add(read);
        if (pending.size() > MAX_DEGREE) {
            hashPending();
        }
    }

    /** Sets raw_reads or reads_merkle_hashes on {@code info}; neither when the range returned nothing (as Fabric). */
    public RangeQueryInfo.Builder writeTo(RangeQueryInfo.Builder info) {
        if (tree.isEmpty()) {
            if (!pending.isEmpty()) {
                info.setRawReads(QueryReads.newBuilder().addAllKvReads(pending));
            }
            return info;
        }
        if (!pending.isEmpty()) {
            hashPending();
        }
        completeTree();
        return info.setReadsMerkleHashes(QueryReadsMerkleSummary.newBuilder()
                .setMaxDegree(MAX_DEGREE)
                .setMaxLevel(maxLevel)
                .addAllMaxLevelHashes(tree.get(maxLevel)));
    }

    private void hashPending() {
        ByteString hash =
                sha256(QueryReads.newBuilder().addAllKvReads(pending).build().toByteString());
        pending = new ArrayList<>();
        addAtLevel(LEAF_LEVEL, hash);
        for (int level = LEAF_LEVEL; tree.get(level).size() > MAX_DEGREE; level++) {
            addAtLevel(level + 1, combine(tree.remove(level)));
        }
    }

    /** Folds the partial lower levels up to maxLevel, then one more level if maxLevel is still too wide. */
    private void completeTree() {
        for (int level = LEAF_LEVEL; level < maxLevel; level++) {
            List<ByteString> hashes = tree.remove(level);
            if (hashes != null && !hashes.isEmpty()) {
                addAtLevel(level + 1, hashes.size() == 1 ? hashes.get(0) : combine(hashes));
            }
        }
        if (tree.get(maxLevel).size() > MAX_DEGREE) {
            ByteString top = combine(tree.remove(maxLevel));
            addAtLevel(maxLevel + 1, top);
        }
    }

    private void addAtLevel(int level, ByteString hash) {
        tree.computeIfAbsent(level, l -> new ArrayList<>()).add(hash);
        maxLevel = Math.max(maxLevel, level);
    }

    private static ByteString combine(List<ByteString> hashes) {
        ByteString concatenated = ByteString.EMPTY;
        for (ByteString hash : hashes) {
            concatenated = concatenated.concat(hash);
        }
        return sha256(concatenated);
    }

    private static ByteString sha256(ByteString data) {
        try {
            return ByteString.copyFrom(MessageDigest.getInstance("SHA-256").digest(data.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
