package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MaskGeneratorTest {
    private static final RoundContext CONTEXT = new RoundContext("task-1", 3, 2);
    private static final byte[] SEED = new byte[32];
    private static final String A = RoundFixture.id(0);
    private static final String B = RoundFixture.id(1);

    @Test
    void readsTheAesCtrKeystreamAsLittleEndianWords() throws Exception {
        String label = MaskGenerator.selfLabel(A);
        Cipher cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(Hkdf.derive(SEED, "mask|task-1|3|2|" + label), "AES"),
                new IvParameterSpec(new byte[16]));
        byte[] stream = cipher.doFinal(new byte[12]);

        int[] words = MaskGenerator.expand(SEED, CONTEXT, label, 3);

        for (int k = 0; k < 3; k++) {
            int expected = (stream[4 * k] & 0xff)
                    | (stream[4 * k + 1] & 0xff) << 8
                    | (stream[4 * k + 2] & 0xff) << 16
                    | (stream[4 * k + 3] & 0xff) << 24;
            assertThat(words[k]).isEqualTo(expected);
        }
    }

    @Test
    void isDeterministicAndSeparatedBySeedLabelAndAttempt() {
        int[] mask = MaskGenerator.expand(SEED, CONTEXT, MaskGenerator.selfLabel(A), 8);
        byte[] otherSeed = SEED.clone();
        otherSeed[0] = 1;

        assertThat(MaskGenerator.expand(SEED, CONTEXT, MaskGenerator.selfLabel(A), 8))
                .isEqualTo(mask);
        assertThat(MaskGenerator.expand(otherSeed, CONTEXT, MaskGenerator.selfLabel(A), 8))
                .isNotEqualTo(mask);
        assertThat(MaskGenerator.expand(SEED, CONTEXT, MaskGenerator.selfLabel(B), 8))
                .isNotEqualTo(mask);
        assertThat(MaskGenerator.expand(SEED, new RoundContext("task-1", 3, 3), MaskGenerator.selfLabel(A), 8))
                .isNotEqualTo(mask);
    }

    @Test
    void streamsAcrossChunksLikeOneLongKeystream() {
        int length = 2 * MaskGenerator.CHUNK_WORDS + 5;
        int[] whole = MaskGenerator.expand(SEED, CONTEXT, "x", length);
        int[] prefix = MaskGenerator.expand(SEED, CONTEXT, "x", MaskGenerator.CHUNK_WORDS + 3);

        assertThat(Arrays.copyOf(whole, prefix.length)).isEqualTo(prefix);
    }

    @Test
    void addingThenSubtractingAMaskLeavesTheTarget() {
        int[] target = {1, -2, 3, Integer.MIN_VALUE, Integer.MAX_VALUE};
        int[] original = target.clone();

        MaskGenerator.addTo(target, SEED, CONTEXT, "x", 1);
        assertThat(target).isNotEqualTo(original);
        MaskGenerator.addTo(target, SEED, CONTEXT, "x", -1);

        assertThat(target).isEqualTo(original);
    }

    @Test
    void labelsAPairTheSameFromEitherSide() {
        String low = A.compareTo(B) < 0 ? A : B;
        String high = A.compareTo(B) < 0 ? B : A;

        assertThat(MaskGenerator.pairLabel(A, B))
                .isEqualTo(MaskGenerator.pairLabel(B, A))
                .isEqualTo("pair|" + low + "|" + high);
        assertThat(MaskGenerator.selfLabel(A)).isEqualTo("self|" + A);
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> MaskGenerator.addTo(new int[1], SEED, CONTEXT, "x", 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskGenerator.expand(new byte[31], CONTEXT, "x", 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskGenerator.pairLabel(A, A)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MaskGenerator.selfLabel("a|b")).isInstanceOf(IllegalArgumentException.class);
    }
}
