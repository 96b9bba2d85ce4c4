package org.medfed.chaincode.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.testing.FakeChaincodeStub;

class LedgerStoreTest {
    private final FakeChaincodeStub stub = new FakeChaincodeStub();
    private final LedgerStore ledger = new LedgerStore(stub);

    private record Sample(String name, long size) implements JsonRecord {
        @Override
        public Map<String, Object> toJson() {
            return Map.of("size", size, "name", name, "ratio", new BigDecimal("0.50"));
        }

        static Sample fromJson(Map<String, Object> json) {
            return new Sample(JsonFields.string(json, "name"), JsonFields.integer(json, "size"));
        }
    }

    @Test
    void storesCanonicalJsonAndReturnsTheBytesWritten() {
        byte[] written = ledger.put("k", new Sample("a", 3));

        assertThat(new String(written, UTF_8)).isEqualTo("{\"name\":\"a\",\"ratio\":0.5,\"size\":3}");
        assertThat(stub.getState("k")).isEqualTo(written);
        assertThat(ledger.find("k", Sample::fromJson)).contains(new Sample("a", 3));
    }

    @Test
    void findsNothingUnderAnAbsentOrEmptyKey() {
        stub.putState("empty", new byte[0]);

        assertThat(ledger.find("absent", Sample::fromJson)).isEmpty();
        assertThat(ledger.find("empty", Sample::fromJson)).isEmpty();
    }

    @Test
    void reportsAnUnreadableRecordAsInternal() {
        stub.putState("\u0000x\u0000", "[1]".getBytes(UTF_8));

        assertThatThrownBy(() -> ledger.find("\u0000x\u0000", Sample::fromJson))
                .isInstanceOfSatisfying(
                        FlChaincodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("~x~");
    }

    @Test
    void scansInLedgerKeyOrder() {
        for (String name : List.of("c", "\uFB01", "a", "\uD83D\uDE00", "b")) {
            ledger.put(ledger.keys().participant(name), new Sample(name, 1));
        }

        assertThat(ledger.scan(ledger.keys().allParticipants(), Sample::fromJson))
                .extracting(Sample::name)
                .containsExactly("a", "b", "c", "\uFB01", "\uD83D\uDE00");
    }

    @Test
    void pagesWithOpaqueBookmarksUntilTheLastPage() {
        for (String name : List.of("e", "d", "c", "b", "a")) {
            ledger.put(ledger.keys().dataset(name), new Sample(name, 1));
        }
        List<String> names = new ArrayList<>();
        String bookmark = "";
        int pages = 0;
        do {
            stub.transaction("read-" + pages, Instant.EPOCH);
            Page<Sample> page = new LedgerStore(stub).page(ledger.keys().allDatasets(), 2, bookmark, Sample::fromJson);
            page.items().forEach(sample -> names.add(sample.name()));
            bookmark = page.bookmark();
            assertThat(bookmark).doesNotContain("\u0000");
            pages++;
        } while (!bookmark.isEmpty());

        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void refusesABookmarkFromAnotherListing() {
        String foreign = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(ledger.keys().task("x").getBytes(UTF_8));

        for (String bookmark : List.of(foreign, "***")) {
            assertThatThrownBy(() -> ledger.page(ledger.keys().allDatasets(), 2, bookmark, Sample::fromJson))
                    .isInstanceOfSatisfying(
                            FlChaincodeException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        }
    }

    @Test
    void readsAKeysHistoryNewestFirst() {
        String key = ledger.keys().task("t");
        stub.transaction("tx-1", Instant.parse("2026-01-01T00:00:00Z"));
        new LedgerStore(stub).put(key, new Sample("first", 1));
        stub.transaction("tx-2", Instant.parse("2026-01-02T00:00:00Z"));
        new LedgerStore(stub).put(key, new Sample("second", 2));

        List<HistoryEntry> history = ledger.history(key);

        assertThat(history).extracting(HistoryEntry::txId).containsExactly("tx-2", "tx-1");
        assertThat(history.get(0).value()).containsEntry("name", "second");
        assertThat(history.get(1).timestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void emitsAMapPayloadAsCanonicalJsonAndReturnsIt() {
        String json = ledger.emit("Done", Map.of("b", 1L, "a", "x"));

        assertThat(json).isEqualTo("{\"a\":\"x\",\"b\":1}");
        assertThat(stub.lastEvent().orElseThrow().payloadText()).isEqualTo(json);
    }

    @Test
    void refusesASecondEventInOneTransaction() {
        ledger.emit("First", new byte[] {1});

        assertThatThrownBy(() -> ledger.emit("Second", new byte[] {2})).isInstanceOf(FlChaincodeException.class);
        assertThat(stub.events()).hasSize(1);
    }
}
