package org.medfed.common.secagg;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RFC 5869, appendix A.1 (test case 1). */
    @Test
    void reproducesRfc5869TestCaseOne() {
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");

        assertThat(HEX.formatHex(Hkdf.hmac(salt, ikm)))
                .isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(HEX.formatHex(Hkdf.hkdf(salt, ikm, info, 42)))
                .isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf" + "34007208d5b887185865");
    }

    @Test
    void derivesThirtyTwoBytesWithTheProtocolSalt() {
        byte[] ikm = "seed".getBytes(UTF_8);

        assertThat(Hkdf.derive(ikm, "mask|x"))
                .hasSize(32)
                .isEqualTo(Hkdf.hkdf("medfed-secagg-v1".getBytes(UTF_8), ikm, "mask|x".getBytes(UTF_8), 32));
    }

    @Test
    void separatesKeysByInfo() {
        byte[] ikm = new byte[32];

        assertThat(Hkdf.derive(ikm, "mask|a")).isNotEqualTo(Hkdf.derive(ikm, "mask|b"));
    }

    @Test
    void refusesAnOutputLongerThanHkdfAllows() {
        assertThatThrownBy(() -> Hkdf.hkdf(new byte[1], new byte[1], new byte[0], 255 * 32 + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
