package org.medfed.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.junit.jupiter.api.Test;

class BlocksTest {

    private static final byte[] PREVIOUS = {9, 9};

    @Test
    void fillsTheHeaderWithNumberPreviousHashAndTheDataHash() {
        Block block = Blocks.newBlock(3, PREVIOUS, List.of(ByteString.copyFromUtf8("tx")));

        assertThat(block.getHeader().getNumber()).isEqualTo(3);
        assertThat(block.getHeader().getPreviousHash().toByteArray()).isEqualTo(PREVIOUS);
        assertThat(block.getHeader().getDataHash().toByteArray()).isEqualTo(BlockHashing.dataHash(block.getData()));
        assertThat(block.getData().getDataList()).containsExactly(ByteString.copyFromUtf8("tx"));
    }

    @Test
    void startsWithFiveEmptyMetadataEntries() {
        Block block = Blocks.newBlock(0, new byte[0], List.of());

        assertThat(block.getMetadata().getMetadataList()).hasSize(5).allMatch(ByteString::isEmpty);
    }

    @Test
    void setsTheTransactionsFilterWithoutChangingTheHeader() {
        Block block = Blocks.newBlock(1, PREVIOUS, List.of(ByteString.copyFromUtf8("a"), ByteString.copyFromUtf8("b")));
        byte[] codes = {0, 11};

        Block filtered = Blocks.withTransactionsFilter(block, codes);

        assertThat(filtered.getMetadata()
                        .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                        .toByteArray())
                .isEqualTo(codes);
        assertThat(filtered.getMetadata().getMetadataCount()).isEqualTo(5);
        assertThat(filtered.getHeader()).isEqualTo(block.getHeader());
    }

    @Test
    void addsMissingMetadataEntriesBeforeSettingTheFilter() {
        Block bare = Blocks.newBlock(0, new byte[0], List.of()).toBuilder()
                .clearMetadata()
                .build();

        Block filtered = Blocks.withTransactionsFilter(bare, new byte[] {0});

        assertThat(filtered.getMetadata().getMetadataCount()).isEqualTo(5);
    }
}
