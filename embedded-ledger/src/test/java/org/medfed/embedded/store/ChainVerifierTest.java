package org.medfed.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.embedded.store.Ledgers.appendNext;
import static org.medfed.embedded.store.Ledgers.put;
import static org.medfed.embedded.store.Ledgers.valid;
import static org.medfed.embedded.store.Ledgers.writes;

import com.google.protobuf.ByteString;
import java.nio.file.Path;
import org.hyperledger.fabric.protos.common.Block;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainVerifierTest {

    private static final int BLOCKS = 6;

    @TempDir
    Path dir;

    @BeforeEach
    void writeChain() {
        try (MvLedgerStore store = MvLedgerStore.open(dir)) {
            for (int n = 0; n < BLOCKS; n++) {
                appendNext(store, valid(0, "t" + n, n, writes("cc", put("k", "v" + n))), valid(1, "u" + n, n));
            }
        }
    }

    @Test
    void acceptsAnUntouchedChain() {
        assertThat(verify()).isEqualTo(new ChainVerifier.Report(true, BLOCKS, -1, "6 blocks, chain intact"));
    }

    @Test
    void reportsTheBlockWhoseTransactionWasAltered() {
        Ledgers.tamperBlock(dir, 3, block -> withData(block, 1, ByteString.copyFromUtf8("forged")));

        ChainVerifier.Report report = verify();

        assertThat(report.ok()).isFalse();
        assertThat(report.firstBadBlock()).isEqualTo(3);
        assertThat(report.message()).isEqualTo("block 3: data hash does not match its transactions");
    }

    @Test
    void reportsTheNextBlockWhenTheDataHashWasForgedToo() {
        Ledgers.tamperBlock(dir, 3, block -> {
            Block forged = withData(block, 1, ByteString.copyFromUtf8("forged"));
            return forged.toBuilder()
                    .setHeader(forged.getHeader().toBuilder()
                            .setDataHash(ByteString.copyFrom(BlockHashing.dataHash(forged.getData()))))
                    .build();
        });

        ChainVerifier.Report report = verify();

        assertThat(report.firstBadBlock()).isEqualTo(4);
        assertThat(report.message()).isEqualTo("block 4: previous hash does not match block 3's header");
    }

    @Test
    void ignoresMetadataWhichIsOutsideTheHashes() {
        Ledgers.tamperBlock(dir, 2, block -> Blocks.withTransactionsFilter(block, new byte[] {0, 0}));

        assertThat(verify().ok()).isTrue();
    }

    private ChainVerifier.Report verify() {
        try (MvLedgerStore store = MvLedgerStore.open(dir)) {
            return ChainVerifier.verify(store);
        }
    }

    private static Block withData(Block block, int index, ByteString data) {
        return block.toBuilder()
                .setData(block.getData().toBuilder().setData(index, data))
                .build();
    }
}
