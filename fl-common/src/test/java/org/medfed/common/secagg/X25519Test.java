package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class X25519Test {
    private static final HexFormat HEX = HexFormat.of();

    // RFC 7748, section 6.1
    private static final byte[] ALICE_PRIVATE =
            HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PUBLIC =
            HEX.parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PRIVATE =
            HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] BOB_PUBLIC =
            HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final String SHARED = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";

    /** A point of order 8 (RFC 7748 implementations' usual blocklist). */
    private static final byte[] ORDER_EIGHT =
            HEX.parseHex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800");

    @Test
    void derivesTheRfc7748PublicKeys() {
        assertThat(X25519.publicKey(ALICE_PRIVATE)).isEqualTo(ALICE_PUBLIC);
        assertThat(X25519.publicKey(BOB_PRIVATE)).isEqualTo(BOB_PUBLIC);
    }

    @Test
    void agreesOnTheRfc7748SharedSecretFromBothSides() {
        assertThat(HEX.formatHex(X25519.agree(ALICE_PRIVATE, BOB_PUBLIC))).isEqualTo(SHARED);
        assertThat(HEX.formatHex(X25519.agree(BOB_PRIVATE, ALICE_PUBLIC))).isEqualTo(SHARED);
    }

    /** RFC 7748, section 5.2, second vector: u has its top bit set, which must be ignored. */
    @Test
    void ignoresTheTopBitOfU() {
        byte[] scalar = HEX.parseHex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d");
        byte[] u = HEX.parseHex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493");

        assertThat(HEX.formatHex(X25519.agree(scalar, u)))
                .isEqualTo("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    }

    @Test
    void refusesSmallOrderPublicKeys() {
        byte[] zero = new byte[32];
        byte[] one = new byte[32];
        one[0] = 1;

        for (byte[] key : new byte[][] {zero, one, ORDER_EIGHT}) {
            assertThat(X25519.acceptablePublicKey(key)).isFalse();
            assertThatThrownBy(() -> X25519.agree(ALICE_PRIVATE, key)).isInstanceOf(SecAggException.class);
        }
    }

    @Test
    void acceptsOrdinaryKeysOnlyOfThirtyTwoBytes() {
        assertThat(X25519.acceptablePublicKey(ALICE_PUBLIC)).isTrue();
        assertThat(X25519.acceptablePublicKey(new byte[31])).isFalse();
        assertThat(X25519.acceptablePublicKey(null)).isFalse();
        assertThatThrownBy(() -> X25519.agree(new byte[31], ALICE_PUBLIC)).isInstanceOf(SecAggException.class);
    }

    @Test
    void generatesAPrivateScalarWithItsPublicKey() {
        X25519.KeyMaterial keys = X25519.generate(new SecureRandom());

        assertThat(keys.publicKey32()).isEqualTo(X25519.publicKey(keys.privateScalar32()));
        assertThat(X25519.generate(new SecureRandom())).isNotEqualTo(keys);
        assertThat(keys.toString()).doesNotContain(HEX.formatHex(keys.privateScalar32()));
    }
}
