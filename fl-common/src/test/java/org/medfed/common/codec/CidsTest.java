package org.medfed.common.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidsTest {

    @Test
    void matchesKuboForTheEmptyBlob() {
        assertThat(Cids.rawLeafCidV1(new byte[0]))
                .isEqualTo("bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku");
    }

    @Test
    void matchesKuboForHelloNewline() {
        assertThat(Cids.rawLeafCidV1("hello\n".getBytes(UTF_8)))
                .isEqualTo("bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am");
    }

    @Test
    void derivesTheSameCidFromTheSha256Alone() {
        byte[] data = "model update".getBytes(UTF_8);

        assertThat(Cids.rawLeafCidV1FromSha256Hex(Hashing.sha256Hex(data))).isEqualTo(Cids.rawLeafCidV1(data));
    }

    @Test
    void alwaysHasTheRawLeafPrefixAndLength() {
        assertThat(Cids.rawLeafCidV1(new byte[] {1, 2, 3}))
                .startsWith("bafkrei")
                .hasSize(59);
    }

    @Test
    void rejectsADigestThatIsNotLowerCaseHex() {
        assertThatThrownBy(() -> Cids.rawLeafCidV1FromSha256Hex("ABCD")).isInstanceOf(IllegalArgumentException.class);
    }
}
