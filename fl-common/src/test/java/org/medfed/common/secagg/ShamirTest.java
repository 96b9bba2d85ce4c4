package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShamirTest {
    private static final byte[] SECRET = secret(0x5a);
    private static final List<Integer> HOLDERS = List.of(1, 2, 3, 4, 5);

    @Test
    void evaluatesAPolynomialByHand() {
        // f(x) = 5 + 2x + x²: f(1) = 8, f(2) = 13, f(3) = 20
        List<Shamir.Share> shares =
                Shamir.evaluate(List.of(BigInteger.valueOf(5), BigInteger.TWO, BigInteger.ONE), List.of(1, 2, 3));

        assertThat(shares)
                .extracting(s -> new BigInteger(1, s.value()).intValue())
                .containsExactly(8, 13, 20);
        assertThat(shares.get(0).value()).hasSize(66);
        assertThat(new BigInteger(1, Shamir.reconstruct(shares, 3))).isEqualTo(BigInteger.valueOf(5));
    }

    @Test
    void anyThresholdSizedSubsetReconstructs() {
        List<Shamir.Share> shares = Shamir.split(SECRET, 3, HOLDERS, new SplittableRandom(1));

        for (int mask = 0; mask < 1 << shares.size(); mask++) {
            List<Shamir.Share> subset = new ArrayList<>();
            for (int i = 0; i < shares.size(); i++) {
                if ((mask >> i & 1) == 1) {
                    subset.add(shares.get(i));
                }
            }
            if (subset.size() >= 3) {
                assertThat(Shamir.reconstruct(subset, 3)).isEqualTo(SECRET);
            } else {
                assertThatThrownBy(() -> Shamir.reconstruct(subset, 3)).isInstanceOf(SecAggException.class);
            }
        }
    }

    @Test
    void fewerSharesThanTheThresholdRevealNothingUseful() {
        List<Shamir.Share> two =
                Shamir.split(SECRET, 3, HOLDERS, new SplittableRandom(2)).subList(0, 2);

        assertThatThrownBy(() -> Shamir.reconstruct(two, 3))
                .isInstanceOf(SecAggException.class)
                .hasMessageContaining("needs 3 shares, got 2");
    }

    @Test
    void aTamperedShareGivesAnotherSecretOrARefusal() {
        List<Shamir.Share> shares = new ArrayList<>(Shamir.split(SECRET, 3, HOLDERS, new SplittableRandom(3)));
        byte[] value = shares.get(0).value();
        value[65] ^= 1;
        shares.set(0, new Shamir.Share(1, value));

        byte[] result;
        try {
            result = Shamir.reconstruct(shares, 3);
        } catch (SecAggException refused) {
            return;
        }
        assertThat(result).isNotEqualTo(SECRET);
    }

    @Test
    void usesTheSharesWithTheSmallestAbscissas() {
        List<Shamir.Share> shares = new ArrayList<>(Shamir.split(SECRET, 3, HOLDERS, new SplittableRandom(4)));
        shares.set(4, new Shamir.Share(5, new byte[66]));
        Collections.reverse(shares);

        assertThat(Shamir.reconstruct(shares, 3)).isEqualTo(SECRET);
    }

    @Test
    void roundTripsTheExtremeSecrets() {
        for (byte[] secret : new byte[][] {new byte[32], secret(0xff)}) {
            List<Shamir.Share> shares = Shamir.split(secret, 2, List.of(7, 9), new SplittableRandom(5));

            assertThat(Shamir.reconstruct(shares, 2)).isEqualTo(secret);
        }
    }

    @Test
    void refusesInconsistentInput() {
        List<Shamir.Share> shares = Shamir.split(SECRET, 2, HOLDERS, new SplittableRandom(6));
        Shamir.Share notAFieldElement = new Shamir.Share(3, secret66(0xff));

        assertThatThrownBy(() -> Shamir.reconstruct(List.of(shares.get(0), shares.get(0)), 2))
                .isInstanceOf(SecAggException.class)
                .hasMessageContaining("abscissa 1");
        assertThatThrownBy(() -> Shamir.reconstruct(List.of(shares.get(0), notAFieldElement), 2))
                .isInstanceOf(SecAggException.class);
        assertThatThrownBy(() -> new Shamir.Share(0, new byte[66])).isInstanceOf(SecAggException.class);
        assertThatThrownBy(() -> new Shamir.Share(1, new byte[65])).isInstanceOf(SecAggException.class);
    }

    @Test
    void refusesAThresholdAboveTheHolderCount() {
        assertThatThrownBy(() -> Shamir.split(SECRET, 3, List.of(1, 2), new SplittableRandom(7)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shamir.split(SECRET, 2, List.of(1, 1), new SplittableRandom(7)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] secret(int fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }

    private static byte[] secret66(int fill) {
        byte[] value = new byte[66];
        Arrays.fill(value, (byte) fill);
        return value;
    }
}
