package org.medfed.embedded.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.embedded.store.Ledgers.appendNext;
import static org.medfed.embedded.store.Ledgers.at;
import static org.medfed.embedded.store.Ledgers.delete;
import static org.medfed.embedded.store.Ledgers.envelope;
import static org.medfed.embedded.store.Ledgers.invalid;
import static org.medfed.embedded.store.Ledgers.nextBlock;
import static org.medfed.embedded.store.Ledgers.put;
import static org.medfed.embedded.store.Ledgers.valid;
import static org.medfed.embedded.store.Ledgers.writes;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.embedded.state.StateReader;
import org.medfed.embedded.state.StateReader.CloseableIterator;
import org.medfed.embedded.state.Version;
import org.medfed.embedded.state.VersionedValue;

class MvLedgerStoreTest {

    private static final String CC = "medfed";
    private static final String MAX_CODE_POINT = new String(Character.toChars(0x10FFFF));

    @TempDir
    Path dir;

    MvLedgerStore store;

    @BeforeEach
    void open() {
        store = MvLedgerStore.open(dir);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Nested
    class WorldState {

        @Test
        void storesValidWritesAtTheirBlockAndTransactionIndex() {
            appendNext(store, valid(0, "t0", 1));
            appendNext(
                    store,
                    invalid(0, "t1", TxValidationCode.MVCC_READ_CONFLICT),
                    valid(1, "t2", 2, writes(CC, put("k", "v"))));

            VersionedValue stored = store.get(CC, "k");

            assertThat(text(stored.value())).isEqualTo("v");
            assertThat(stored.version()).isEqualTo(new Version(1, 1));
        }

        @Test
        void ignoresTheWritesOfInvalidTransactions() {
            appendNext(store, invalid(0, "t0", TxValidationCode.MVCC_READ_CONFLICT, writes(CC, put("k", "v"))));

            assertThat(store.get(CC, "k")).isNull();
        }

        @Test
        void removesDeletedKeys() {
            appendNext(store, valid(0, "t0", 1, writes(CC, put("k", "v"))));
            appendNext(store, valid(0, "t1", 2, writes(CC, delete("k"))));

            assertThat(store.get(CC, "k")).isNull();
        }

        @Test
        void keepsNamespacesApart() {
            appendNext(store, valid(0, "t0", 1, writes(CC, put("k", "mine")), writes("other", put("k", "theirs"))));

            assertThat(text(store.get(CC, "k").value())).isEqualTo("mine");
            assertThat(text(store.get("other", "k").value())).isEqualTo("theirs");
        }
    }

    @Nested
    class Ranges {

        @Test
        void ordersKeysAsUnsignedUtf8BytesNotAsJavaStrings() {
            String bmp = "\uFFFF";
            String privateUse = "\uE000";
            appendNext(
                    store,
                    valid(
                            0,
                            "t0",
                            1,
                            writes(CC, put(MAX_CODE_POINT, "1"), put(bmp, "2"), put(privateUse, "3"), put("a", "4"))));

            // Java's UTF-16 order would put U+10FFFF (a surrogate pair, D8xx) before U+E000 and U+FFFF.
            assertThat(MAX_CODE_POINT.compareTo(privateUse)).isNegative();
            assertThat(keys(store.range(CC, "", ""))).containsExactly("a", privateUse, bmp, MAX_CODE_POINT);
        }

        @Test
        void endsAPartialCompositeKeyRangeAtTheMaxCodePointAfterEveryKeyOfThePrefix() {
            String prefix = "\u0000update\u0000r1\u0000";
            appendNext(
                    store,
                    valid(
                            0,
                            "t0",
                            1,
                            writes(
                                    CC,
                                    put(prefix + "a", "1"),
                                    put(prefix + "\uFFFF", "2"),
                                    put("\u0000update\u0000r2\u0000a", "3"))));

            assertThat(keys(store.range(CC, prefix, prefix + MAX_CODE_POINT)))
                    .containsExactly(prefix + "a", prefix + "\uFFFF");
        }

        @Test
        void includesTheStartKeyAndExcludesTheEndKey() {
            appendNext(store, valid(0, "t0", 1, writes(CC, put("a", "1"), put("b", "2"), put("c", "3"))));

            assertThat(keys(store.range(CC, "b", "c"))).containsExactly("b");
            assertThat(keys(store.range(CC, "a", "b"))).containsExactly("a");
        }

        @Test
        void runsToTheEndOfTheNamespaceWhenTheEndKeyIsEmpty() {
            appendNext(
                    store,
                    valid(
                            0,
                            "t0",
                            1,
                            writes("c", put("x", "before")),
                            writes(CC, put("\u0000composite\u0000", "1"), put("b", "2"), put("\u00FF", "3")),
                            writes(CC + "2", put("a", "after"))));

            assertThat(keys(store.range(CC, "", ""))).containsExactly("\u0000composite\u0000", "b", "\u00FF");
            assertThat(keys(store.range(CC, "b", ""))).containsExactly("b", "\u00FF");
        }

        @Test
        void returnsValuesWithTheirVersions() {
            appendNext(store, valid(0, "t0", 1, writes(CC, put("a", "1"))));

            try (CloseableIterator<Map.Entry<String, VersionedValue>> range = store.range(CC, "", "")) {
                VersionedValue first = range.next().getValue();
                assertThat(text(first.value())).isEqualTo("1");
                assertThat(first.version()).isEqualTo(new Version(0, 0));
                assertThat(range.hasNext()).isFalse();
            }
        }

        @Test
        void keepsIteratingTheStateItStartedOnWhileBlocksAreAppended() {
            appendNext(store, valid(0, "t0", 1, writes(CC, put("a", "1"), put("b", "2"))));

            try (CloseableIterator<Map.Entry<String, VersionedValue>> range = store.range(CC, "", "")) {
                assertThat(range.next().getKey()).isEqualTo("a");
                appendNext(store, valid(0, "t1", 2, writes(CC, delete("b"), put("c", "3"))));
                assertThat(range.next().getKey()).isEqualTo("b");
                assertThat(range.hasNext()).isFalse();
            }
        }

        @Test
        void stopsWhenClosedEarly() {
            appendNext(store, valid(0, "t0", 1, writes(CC, put("a", "1"), put("b", "2"))));

            CloseableIterator<Map.Entry<String, VersionedValue>> range = store.range(CC, "", "");
            range.next();
            range.close();

            assertThat(range.hasNext()).isFalse();
        }
    }

    @Nested
    class History {

        @Test
        void listsModificationsNewestFirstWithDeletesAndTransactionTimestamps() {
            appendNext(store, valid(0, "t0", 10, writes(CC, put("k", "v1"))));
            appendNext(
                    store, valid(0, "t1", 20, writes(CC, delete("k"))), valid(1, "t2", 30, writes(CC, put("k", "v3"))));

            List<KeyModification> history = store.history(CC, "k");

            assertThat(history).extracting(KeyModification::getTxId).containsExactly("t2", "t1", "t0");
            assertThat(history).extracting(m -> m.getValue().toStringUtf8()).containsExactly("v3", "", "v1");
            assertThat(history).extracting(KeyModification::getIsDelete).containsExactly(false, true, false);
            assertThat(history).extracting(KeyModification::getTimestamp).containsExactly(at(30), at(20), at(10));
        }

        @Test
        void ordersByBlockBeforeTransactionIndex() {
            appendNext(store, valid(0, "t0", 1), valid(1, "t1", 1), valid(2, "t2", 1, writes(CC, put("k", "old"))));
            appendNext(store, valid(0, "t3", 2, writes(CC, put("k", "new"))));

            assertThat(store.history(CC, "k"))
                    .extracting(KeyModification::getTxId)
                    .containsExactly("t3", "t2");
        }

        @Test
        void keepsTheHistoryOfAKeyApartFromKeysItPrefixesAndOtherNamespaces() {
            appendNext(
                    store,
                    valid(
                            0,
                            "t0",
                            1,
                            writes(CC, put("k", "1"), put("k\u0000x", "2"), put("kk", "3")),
                            writes("other", put("k", "4"))));

            assertThat(store.history(CC, "k"))
                    .extracting(m -> m.getValue().toStringUtf8())
                    .containsExactly("1");
        }

        @Test
        void recordsNothingForInvalidTransactions() {
            appendNext(store, invalid(0, "t0", TxValidationCode.PHANTOM_READ_CONFLICT, writes(CC, put("k", "v"))));

            assertThat(store.history(CC, "k")).isEmpty();
        }
    }

    @Nested
    class TxIndex {

        @Test
        void indexesValidAndInvalidTransactionsWithTheirCodes() {
            appendNext(store, valid(0, "t0", 1), invalid(1, "t1", TxValidationCode.ENDORSEMENT_POLICY_FAILURE));

            assertThat(store.txStatus("t0")).isEqualTo(new TxStatus(0, 0, TxValidationCode.VALID));
            assertThat(store.txStatus("t1")).isEqualTo(new TxStatus(0, 1, TxValidationCode.ENDORSEMENT_POLICY_FAILURE));
            assertThat(store.txStatus("unknown")).isNull();
        }

        @Test
        void keepsTheOriginalWhenADuplicateTxIdIsCommittedLater() {
            appendNext(store, invalid(0, "t0", TxValidationCode.MVCC_READ_CONFLICT));
            appendNext(store, invalid(0, "t0", TxValidationCode.DUPLICATE_TXID));

            assertThat(store.txStatus("t0")).isEqualTo(new TxStatus(0, 0, TxValidationCode.MVCC_READ_CONFLICT));
        }

        @Test
        void keepsTheOriginalWhenADuplicateTxIdFollowsInTheSameBlock() {
            appendNext(store, valid(0, "t0", 1), invalid(1, "t0", TxValidationCode.DUPLICATE_TXID));

            assertThat(store.txStatus("t0")).isEqualTo(new TxStatus(0, 0, TxValidationCode.VALID));
        }

        @Test
        void doesNotIndexTransactionsWithoutAnId() {
            appendNext(store, invalid(0, "", TxValidationCode.BAD_PAYLOAD));

            assertThat(store.txStatus("")).isNull();
        }
    }

    @Nested
    class PendingEnvelopes {

        @Test
        void listsAcknowledgedEnvelopesInArrivalOrder() {
            long first = store.addPending(envelope("t0"), "t0");
            long second = store.addPending(envelope("t1"), "t1");

            assertThat(second).isGreaterThan(first);
            assertThat(store.pending()).extracting(LedgerStore.Pending::txId).containsExactly("t0", "t1");
            assertThat(store.pending().get(0).envelope()).isEqualTo(envelope("t0"));
            assertThat(store.isPending("t1")).isTrue();
            assertThat(store.isPending("t2")).isFalse();
        }

        @Test
        void removesTheOrderedEnvelopesWithTheirBlock() {
            long t0 = store.addPending(envelope("t0"), "t0");
            store.addPending(envelope("t1"), "t1");

            appendNext(store, List.of(t0), valid(0, "t0", 1));

            assertThat(store.pending()).extracting(LedgerStore.Pending::txId).containsExactly("t1");
            assertThat(store.isPending("t0")).isFalse();
            assertThat(store.txStatus("t0")).isNotNull();
        }

        @Test
        void neverReusesASequenceNumber() {
            long t0 = store.addPending(envelope("t0"), "t0");
            appendNext(store, List.of(t0), valid(0, "t0", 1));

            assertThat(store.addPending(envelope("t1"), "t1")).isGreaterThan(t0);
        }

        @Test
        void refusesABlockThatOrdersAnEnvelopeThatIsNotPendingAndAppliesNothing() {
            store.addPending(envelope("t0"), "t0");

            assertThatThrownBy(() -> appendNext(store, List.of(99L), valid(0, "t0", 1, writes(CC, put("k", "v")))))
                    .isInstanceOf(IllegalStateException.class);

            assertThat(store.height()).isZero();
            assertThat(store.get(CC, "k")).isNull();
            assertThat(store.txStatus("t0")).isNull();
            assertThat(store.isPending("t0")).isTrue();
            // and the refused changes do not ride along with the next commit
            store.addPending(envelope("t1"), "t1");
            assertThat(store.get(CC, "k")).isNull();
            assertThat(store.height()).isZero();
        }
    }

    @Nested
    class Appending {

        @Test
        void advancesHeightAndLastHeaderHash() {
            Block block = appendNext(store, valid(0, "t0", 1));

            assertThat(store.height()).isEqualTo(1);
            assertThat(store.lastHeaderHash()).isEqualTo(BlockHashing.headerHash(block.getHeader()));
            assertThat(store.block(0)).isEqualTo(block);
            assertThat(store.block(1)).isNull();
        }

        @Test
        void startsWithNoBlockAndAnEmptyHash() {
            assertThat(store.height()).isZero();
            assertThat(store.lastHeaderHash()).isEmpty();
        }

        @Test
        void refusesABlockWhoseNumberIsNotTheHeight() {
            appendNext(store, valid(0, "t0", 1));
            Block skipping = Blocks.newBlock(2, store.lastHeaderHash(), List.of());

            assertThatThrownBy(() -> store.appendBlock(skipping, List.of(), List.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("height 1");
            assertThat(store.height()).isEqualTo(1);
        }

        @Test
        void refusesABlockThatDoesNotChainToTheLastHeader() {
            appendNext(store, valid(0, "t0", 1));
            Block unchained = Blocks.newBlock(1, new byte[32], List.of());

            assertThatThrownBy(() -> store.appendBlock(unchained, List.of(), List.of()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("previous hash");
            assertThat(store.height()).isEqualTo(1);
        }

        @Test
        void refusesAMalformedReadWriteSetAndAppliesNothing() {
            NsReadWriteSet garbage = NsReadWriteSet.newBuilder()
                    .setNamespace(CC)
                    .setRwset(ByteString.copyFrom(new byte[] {(byte) 0xff, 0x01}))
                    .build();
            TxOutcome malformed = new TxOutcome(
                    1,
                    "t1",
                    TxValidationCode.VALID,
                    at(1),
                    TxReadWriteSet.newBuilder().addNsRwset(garbage).build());
            List<TxOutcome> outcomes = List.of(valid(0, "t0", 1, writes(CC, put("k", "v"))), malformed);

            assertThatThrownBy(() -> store.appendBlock(nextBlock(store, outcomes), outcomes, List.of()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(store.height()).isZero();
            assertThat(store.get(CC, "k")).isNull();
        }
    }

    @Nested
    class Snapshots {

        @Test
        void seeTheStateCommittedWhenTakenAndNothingLater() {
            appendNext(store, valid(0, "t0", 1, writes(CC, put("k", "v1"))));
            StateReader snapshot = store.snapshot();

            appendNext(store, valid(0, "t1", 2, writes(CC, put("k", "v2"), put("new", "x"))));

            assertThat(text(snapshot.get(CC, "k").value())).isEqualTo("v1");
            assertThat(snapshot.get(CC, "new")).isNull();
            assertThat(snapshot.history(CC, "k")).hasSize(1);
            assertThat(keys(snapshot.range(CC, "", ""))).containsExactly("k");
            assertThat(text(store.get(CC, "k").value())).isEqualTo("v2");
        }

        @Test
        void seeAllOrNoneOfABlockAppendedConcurrently() throws Exception {
            int blocks = 300;
            AtomicReference<String> torn = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                while (torn.get() == null && store.height() < blocks) {
                    StateReader snapshot = store.snapshot();
                    VersionedValue a = snapshot.get(CC, "a");
                    VersionedValue b = snapshot.get(CC, "b");
                    if (a != null
                            && (b == null
                                    || a.version().blockNum() != b.version().blockNum())) {
                        torn.set("a at " + a.version() + ", b at " + (b == null ? null : b.version()));
                    }
                }
            });
            reader.start();
            for (int n = 0; n < blocks; n++) {
                appendNext(
                        store,
                        valid(0, "t" + n, n, writes(CC, put("a", "" + n))),
                        valid(1, "u" + n, n, writes(CC, put("b", "" + n))));
            }
            reader.join();

            // a and b are written by transactions 0 and 1 of the same block
            assertThat(torn.get()).isNull();
        }
    }

    @Nested
    class Reopening {

        @Test
        void restoresBlocksStateHistoryIndexAndPending() {
            long t0 = store.addPending(envelope("t0"), "t0");
            store.addPending(envelope("t1"), "t1");
            Block block = appendNext(store, List.of(t0), valid(0, "t0", 5, writes(CC, put("k", "v"))));
            store.close();

            store = MvLedgerStore.open(dir);

            assertThat(store.height()).isEqualTo(1);
            assertThat(store.block(0)).isEqualTo(block);
            assertThat(store.lastHeaderHash()).isEqualTo(BlockHashing.headerHash(block.getHeader()));
            assertThat(store.get(CC, "k").version()).isEqualTo(new Version(0, 0));
            assertThat(store.history(CC, "k"))
                    .extracting(KeyModification::getTxId)
                    .containsExactly("t0");
            assertThat(store.txStatus("t0")).isEqualTo(new TxStatus(0, 0, TxValidationCode.VALID));
            assertThat(store.pending()).extracting(LedgerStore.Pending::txId).containsExactly("t1");
            assertThat(store.addPending(envelope("t2"), "t2")).isEqualTo(t0 + 2);
            appendNext(store, valid(0, "t3", 6));
            assertThat(store.height()).isEqualTo(2);
        }

        @Test
        void keepsUnsignedKeyOrderAfterReopening() {
            appendNext(store, valid(0, "t0", 1, writes(CC, put(MAX_CODE_POINT, "1"), put("\uFFFF", "2"))));
            store.close();

            store = MvLedgerStore.open(dir);

            assertThat(keys(store.range(CC, "", ""))).containsExactly("\uFFFF", MAX_CODE_POINT);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static List<String> keys(CloseableIterator<Map.Entry<String, VersionedValue>> range) {
        List<String> keys = new ArrayList<>();
        try (range) {
            range.forEachRemaining(entry -> keys.add(entry.getKey()));
        }
        return keys;
    }
}
