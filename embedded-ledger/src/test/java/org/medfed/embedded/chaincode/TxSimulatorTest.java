package org.medfed.embedded.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.junit.jupiter.api.Test;

class TxSimulatorTest {

    private final MapState state = new MapState("cc");

    @Test
    void nothingTouchedMeansNoNamespace() {
        assertThat(new TxSimulator(state, "cc", "t").readWriteSet().getNsRwsetList())
                .isEmpty();
    }

    @Test
    void writesAreLastWriteWinsAndSortedAsUnsignedBytes() throws Exception {
        TxSimulator simulator = new TxSimulator(state, "cc", "t");
        String supplementary = new String(Character.toChars(0x10000));
        simulator.setState(supplementary, bytes("1"));
        simulator.setState("\uE000", bytes("2"));
        simulator.setState("a", bytes("first"));
        simulator.setState("a", bytes("last"));

        KVRWSet rwSet = KVRWSet.parseFrom(simulator.readWriteSet().getNsRwset(0).getRwset());

        assertThat(rwSet.getWritesList()).extracting(KVWrite::getKey).containsExactly("a", "\uE000", supplementary);
        assertThat(rwSet.getWrites(0).getValue().toStringUtf8()).isEqualTo("last");
    }

    @Test
    void anIdenticalRangeScannedTwiceIsRecordedOnce() throws Exception {
        state.put("a", "1");
        TxSimulator simulator = new TxSimulator(state, "cc", "t");
        for (int i = 0; i < 2; i++) {
            RangeScan scan = simulator.rangeScan("a", "b");
            while (scan.next() != null) {
                // drain
            }
        }

        KVRWSet rwSet = KVRWSet.parseFrom(simulator.readWriteSet().getNsRwset(0).getRwset());

        assertThat(rwSet.getRangeQueriesInfoList()).hasSize(1);
    }

    @Test
    void fiftyOneReadsAreSummarisedByTheHashOfThemAll() throws Exception {
        RangeReads reads = new RangeReads();
        QueryReads.Builder all = QueryReads.newBuilder();
        for (int i = 0; i < 51; i++) {
            KVRead read = KVRead.newBuilder().setKey("k" + i).build();
            reads.add(read);
            all.addKvReads(read);
        }

        RangeQueryInfo info = reads.writeTo(RangeQueryInfo.newBuilder()).build();

        assertThat(info.hasRawReads()).isFalse();
        assertThat(info.getReadsMerkleHashes().getMaxDegree()).isEqualTo(50);
        assertThat(info.getReadsMerkleHashes().getMaxLevel()).isEqualTo(1);
        assertThat(info.getReadsMerkleHashes().getMaxLevelHashesList())
                .containsExactly(ByteString.copyFrom(
                        MessageDigest.getInstance("SHA-256").digest(all.build().toByteArray())));
    }

    @Test
    void fiftyReadsStayRaw() {
        RangeReads reads = new RangeReads();
        for (int i = 0; i < 50; i++) {
            reads.add(KVRead.newBuilder().setKey("k" + i).build());
        }

        assertThat(reads.writeTo(RangeQueryInfo.newBuilder()).getRawReads().getKvReadsCount())
                .isEqualTo(50);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
