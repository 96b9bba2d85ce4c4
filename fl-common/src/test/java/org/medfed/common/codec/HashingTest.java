package org.medfed.common.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashingTest {

    @Test
    void hashesKnownVectors() {
        assertThat(Hashing.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashing.sha256Hex("abc".getBytes(UTF_8)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void hashesAStreamLikeTheSameBytesInMemory() throws IOException {
        byte[] data = new byte[200_000];
        new Random(7).nextBytes(data);

        assertThat(Hashing.sha256Hex(new ByteArrayInputStream(data))).isEqualTo(Hashing.sha256Hex(data));
    }

    @Test
    void recognisesOnlyLowerCaseSixtyFourDigitHex() {
        assertThat(Hashing.isSha256Hex(Hashing.sha256Hex(new byte[0]))).isTrue();
        assertThat(Hashing.isSha256Hex("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855"))
                .isFalse();
        assertThat(Hashing.isSha256Hex("e3b0")).isFalse();
        assertThat(Hashing.isSha256Hex("g".repeat(64))).isFalse();
        assertThat(Hashing.isSha256Hex("a".repeat(64) + "\n")).isFalse();
        assertThat(Hashing.isSha256Hex(null)).isFalse();
    }
}
