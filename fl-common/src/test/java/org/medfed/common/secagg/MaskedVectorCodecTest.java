package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.InvalidVectorException;
import org.medfed.common.codec.InvalidVectorException.Problem;

class MaskedVectorCodecTest {
    private static final int[] WORDS = {1, -1, Integer.MIN_VALUE};

    @Test
    void writesTheHeaderThenLittleEndianWords() {
        // "MFMV", version 1, three zero bytes, P = 3, then 1, 0xffffffff, 0x80000000
        assertThat(HexFormat.of().formatHex(MaskedVectorCodec.encode(WORDS)))
                .isEqualTo("4d464d5601000000" + "03000000" + "01000000" + "ffffffff" + "00000080");
    }

    @Test
    void roundTrips() {
        assertThat(MaskedVectorCodec.decode(MaskedVectorCodec.encode(WORDS), 3)).isEqualTo(WORDS);
        assertThat(MaskedVectorCodec.decode(MaskedVectorCodec.encode(new int[0]), 0))
                .isEmpty();
    }

    @Test
    void refusesABadHeader() {
        for (int index : new int[] {0, 3, 4, 5, 7}) {
            byte[] blob = MaskedVectorCodec.encode(WORDS);
            blob[index] ^= 0x10;

            assertRefused(blob, 3, Problem.HEADER);
        }
    }

    @Test
    void refusesAWrongLength() {
        byte[] blob = MaskedVectorCodec.encode(WORDS);

        assertRefused(blob, 4, Problem.LENGTH);
        assertRefused(Arrays.copyOf(blob, blob.length - 1), 3, Problem.LENGTH);
        assertRefused(Arrays.copyOf(blob, blob.length + 4), 3, Problem.LENGTH);
        assertRefused(Arrays.copyOf(blob, 11), 3, Problem.LENGTH);
    }

    private static void assertRefused(byte[] blob, int expectedLength, Problem problem) {
        assertThatThrownBy(() -> MaskedVectorCodec.decode(blob, expectedLength))
                .isInstanceOfSatisfying(
                        InvalidVectorException.class,
                        e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
