package org.medfed.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.embedded.state.StateReader.CloseableIterator;
import org.medfed.embedded.state.Version;
import org.medfed.embedded.state.VersionedValue;

/** kill -9 a writing process, reopen: everything acknowledged is there, nothing is half applied. */
class CrashDurabilityIT {

    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    void keepsEveryAcknowledgedCallAndNoPartOfAnInterruptedOne() throws Exception {
        Set<String> acknowledgedTxIds = new HashSet<>();
        long acknowledgedHeight = 0;
        for (int round = 0; round < ROUNDS; round++) {
            // the kill lands at a different point of the write loop each round
            List<String> acknowledged = runAndKill("r" + round + "-", 150 + 41 * round);
            for (String line : acknowledged) {
                if (line.startsWith("pending ")) {
                    acknowledgedTxIds.add(line.substring("pending ".length()));
                } else if (line.startsWith("block ")) {
                    acknowledgedHeight = Long.parseLong(line.substring("block ".length())) + 1;
                }
            }

            try (MvLedgerStore store = MvLedgerStore.open(dir)) {
                assertThat(store.height()).isGreaterThanOrEqualTo(acknowledgedHeight);
                assertThat(acknowledgedTxIds).allMatch(txId -> store.isPending(txId) || store.txStatus(txId) != null);
                assertWhollyAppliedBlocksAndUntouchedPending(store);
                assertThat(ChainVerifier.verify(store).ok()).isTrue();
            }
        }
    }

    /**
     * Starts the writer and kills it once it has acknowledged {@code acknowledgements} calls; returns those. It keeps
     * writing meanwhile, so the kill lands inside a call; acknowledgements still in the pipe are lost with it
     * (the kill closes the pipe), which only makes the check weaker, never wrong.
     */
    private List<String> runAndKill(String txIdPrefix, int acknowledgements) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LedgerWriterProcess.class.getName(),
                        dir.toString(),
                        txIdPrefix)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (lines.size() < acknowledgements && (line = out.readLine()) != null) {
                lines.add(line);
            }
        } finally {
            writer.destroyForcibly().waitFor();
        }
        assertThat(lines).as("the writer died before it was killed").hasSize(acknowledgements);
        return lines;
    }

    private static void assertWhollyAppliedBlocksAndUntouchedPending(MvLedgerStore store) {
        int indexed = 0;
        for (long number = 0; number < store.height(); number++) {
            Block block = store.block(number);
            for (int index = 0; index < block.getData().getDataCount(); index++) {
                String txId = txIdOf(block, index);
                assertThat(store.txStatus(txId)).isEqualTo(new TxStatus(number, index, TxValidationCode.VALID));
                assertThat(store.get(LedgerWriterProcess.NAMESPACE, txId).version())
                        .isEqualTo(new Version(number, index));
                assertThat(store.isPending(txId)).isFalse();
                indexed++;
            }
        }
        for (LedgerStore.Pending pending : store.pending()) {
            assertThat(store.txStatus(pending.txId())).isNull();
            assertThat(store.get(LedgerWriterProcess.NAMESPACE, pending.txId())).isNull();
        }
        assertThat(stateKeyCount(store)).isEqualTo(indexed);
    }

    private static String txIdOf(Block block, int index) {
        try {
            return Envelope.parseFrom(block.getData().getData(index))
                    .getPayload()
                    .toStringUtf8();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static int stateKeyCount(MvLedgerStore store) {
        int count = 0;
        try (CloseableIterator<Map.Entry<String, VersionedValue>> all =
                store.range(LedgerWriterProcess.NAMESPACE, "", "")) {
            for (; all.hasNext(); all.next()) {
                count++;
            }
        }
        return count;
    }
}
