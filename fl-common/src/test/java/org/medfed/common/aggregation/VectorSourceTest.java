package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.medfed.common.aggregation.AggregationException.Reason;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.UpdateKind;

class VectorSourceTest {
    private static final float[] VALUES = {1.5f, -2f, 0.25f};
    private static final byte[] BLOB = FloatVectorCodec.encode(VALUES);

    private static AggregationException readFails(VectorSource source, int length) {
        WeightedUpdate update = WeightedUpdate.of("x", UpdateKind.DELTA, 1, BigDecimal.ONE, source);
        try {
            new FedAvg().aggregate(new float[length], List.of(update));
        } catch (AggregationException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void inMemoryValuesAreCopiedAndLengthChecked() {
        float[] values = VALUES.clone();
        VectorSource source = VectorSource.of(values);
        values[0] = 99;

        assertThat(readFails(source, 2).reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(readFails(source, 2).participantId()).contains("x");
        assertThat(new FedAvg()
                        .aggregate(
                                new float[3],
                                List.of(WeightedUpdate.of("x", UpdateKind.DELTA, 1, BigDecimal.ONE, source)))
                        .model())
                .containsExactly(VALUES);
    }

    @Test
    void aBlobIsDecodedEveryTimeItIsRead() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        VectorSource source = VectorSource.fromBlob(() -> {
            opened.incrementAndGet();
            return new ByteArrayInputStream(BLOB);
        });
        float[] target = new float[3];

        source.readInto(target);
        Arrays.fill(target, 0);
        source.readInto(target);

        assertThat(target).containsExactly(VALUES);
        assertThat(opened).hasValue(2);
    }

    @Test
    void aBlobOfTheWrongLengthOrWithNanIsContentInvalid() {
        VectorSource source = VectorSource.fromBlob(() -> new ByteArrayInputStream(BLOB));
        AggregationException shortRead = readFails(source, 4);
        assertThat(shortRead.reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(shortRead.participantId()).contains("x");
        assertThat(shortRead.reason().exclusion()).contains(ExclusionReason.CONTENT_INVALID);
        assertThat(readFails(source, 2).reason()).isEqualTo(Reason.LENGTH_MISMATCH);

        byte[] poisoned = BLOB.clone();
        poisoned[7] = (byte) 0x7f;
        poisoned[6] = (byte) 0xc0;
        AggregationException nan = readFails(VectorSource.fromBlob(() -> new ByteArrayInputStream(poisoned)), 3);
        assertThat(nan.reason()).isEqualTo(Reason.NON_FINITE_VALUE);
        assertThat(nan.index()).isEqualTo(1);
    }

    @Test
    void aVerifiedBlobMustHashToTheLedgersDigest() throws Exception {
        float[] target = new float[3];
        VectorSource.fromVerifiedBlob(() -> new ByteArrayInputStream(BLOB), Hashing.sha256Hex(BLOB))
                .readInto(target);
        assertThat(target).containsExactly(VALUES);

        AggregationException e = readFails(
                VectorSource.fromVerifiedBlob(() -> new ByteArrayInputStream(BLOB), Hashing.sha256Hex(new byte[] {1})),
                3);
        assertThat(e.reason()).isEqualTo(Reason.HASH_MISMATCH);
        assertThat(e.participantId()).contains("x");
        assertThat(e.detail()).contains(Hashing.sha256Hex(BLOB));

        assertThatThrownBy(() -> VectorSource.fromVerifiedBlob(() -> new ByteArrayInputStream(BLOB), "ABC"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingStreamIsUnreadable() {
        AggregationException e = readFails(
                VectorSource.fromBlob(() -> {
                    throw new java.io.IOException("timeout");
                }),
                3);

        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(e.reason().exclusion()).contains(ExclusionReason.UNAVAILABLE);
    }
}
