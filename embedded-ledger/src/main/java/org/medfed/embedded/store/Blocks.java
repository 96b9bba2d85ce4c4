package org.medfed.embedded.store;

import com.google.protobuf.ByteString;
import java.util.Collections;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockData;
import org.hyperledger.fabric.protos.common.BlockHeader;
import org.hyperledger.fabric.protos.common.BlockMetadata;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;

/** Builds blocks shaped as Fabric's orderer and committer leave them. */
public final class Blocks {

    /** SIGNATURES, LAST_CONFIG, TRANSACTIONS_FILTER, ORDERER, COMMIT_HASH: Fabric's protoutil.NewBlock fills all five. */
    private static final int METADATA_ENTRIES = BlockMetadataIndex.COMMIT_HASH_VALUE + 1;

    private Blocks() {}

    /**
     * Block {@code number} holding {@code data} (serialized envelopes; use {@code Envelope::toByteString}), with its
     * data hash computed and five empty metadata entries.
     */
    public static Block newBlock(long number, byte[] previousHash, List<ByteString> data) {
        BlockData blockData = BlockData.newBuilder().addAllData(data).build();
        BlockHeader header = BlockHeader.newBuilder()
                .setNumber(number)
                .setPreviousHash(ByteString.copyFrom(previousHash))
                .setDataHash(ByteString.copyFrom(BlockHashing.dataHash(blockData)))
                .build();
        BlockMetadata metadata = BlockMetadata.newBuilder()
                .addAllMetadata(Collections.nCopies(METADATA_ENTRIES, ByteString.EMPTY))
                .build();
        return Block.newBuilder()
                .setHeader(header)
                .setData(blockData)
                .setMetadata(metadata)
                .build();
    }

    /**
     * {@code block} with metadata TRANSACTIONS_FILTER set to {@code codes}: one TxValidationCode number per
     * transaction, in block order; missing metadata entries are added empty (Fabric's InitBlockMetadata). Metadata is
     * outside the header hash, so the chain is unchanged.
     */
    public static Block withTransactionsFilter(Block block, byte[] codes) {
        BlockMetadata.Builder metadata = block.getMetadata().toBuilder();
        while (metadata.getMetadataCount() < METADATA_ENTRIES) {
            metadata.addMetadata(ByteString.EMPTY);
        }
        metadata.setMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE, ByteString.copyFrom(codes));
        return block.toBuilder().setMetadata(metadata).build();
    }
}
