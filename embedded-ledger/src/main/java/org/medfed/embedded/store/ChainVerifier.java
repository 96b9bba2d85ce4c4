package org.medfed.embedded.store;

import java.util.Arrays;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockHeader;

/** Re-derives the hash chain of a ledger from its stored blocks and names the first block that breaks it. */
public final class ChainVerifier {

    private ChainVerifier() {}

    /**
     * @param ok            whether every block is intact and chained
     * @param height        the number of blocks checked
     * @param firstBadBlock the first block that fails, or -1
     * @param message       what is wrong with it, or a summary when ok
     */
    public record Report(boolean ok, long height, long firstBadBlock, String message) {

        /** What verify-chain prints, wherever it ran: "chain OK: N blocks" or "chain TAMPERED: ...". */
        public String line() {
            return ok ? "chain OK: " + height + " blocks" : "chain TAMPERED: " + message;
        }

        static Report intact(long height) {
            return new Report(true, height, -1, height + " blocks, chain intact");
        }

        static Report broken(long height, long block, String problem) {
            return new Report(false, height, block, "block " + block + ": " + problem);
        }
    }

    public static Report verify(LedgerStore store) {
        long height = store.height();
        byte[] previousHeaderHash = new byte[0];
        for (long number = 0; number < height; number++) {
            Block block = store.block(number);
            BlockHeader header = block.getHeader();
            if (header.getNumber() != number) {
                return Report.broken(height, number, "header says block " + header.getNumber());
            }
            if (!Arrays.equals(
                    BlockHashing.dataHash(block.getData()), header.getDataHash().toByteArray())) {
                return Report.broken(height, number, "data hash does not match its transactions");
            }
            if (!Arrays.equals(previousHeaderHash, header.getPreviousHash().toByteArray())) {
                return Report.broken(
                        height,
                        number,
                        number == 0
                                ? "the first block has a previous hash"
                                : "previous hash does not match block " + (number - 1) + "'s header");
            }
            previousHeaderHash = BlockHashing.headerHash(header);
        }
        return Report.intact(height);
    }
}
