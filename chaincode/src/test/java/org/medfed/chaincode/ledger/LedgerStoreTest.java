package org.medfed.chaincode.ledger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.junit.jupiter.api.Test;

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
                .isInstanceOfSatisfying(FlChaincodeException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("~x~");
    }

    @Test
    void refusesASecondEventInOneTransaction() {
        ledger.emit("First", new byte[] {1});

        assertThatThrownBy(() -> ledger.emit("Second", new byte[] {2})).isInstanceOf(FlChaincodeException.class);
        assertThat(stub.events()).hasSize(1);
    }
}
