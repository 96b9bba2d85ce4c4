package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DistributedDpTest {

    @Test
    void minimumGridBitsFollowsTheRoundingMarginRule() {
        // WDBC logistic regression, P = 30·2 + 2 = 62: (√62/2 + 1)·1024 ≈ 5,056 → 2^13.
        assertThat(DistributedDp.minimumGridBits(62)).isEqualTo(13);
        // The WDBC MLP, P = 530: ≈ 12,811 → 2^14.
        assertThat(DistributedDp.minimumGridBits(530)).isEqualTo(14);
        // The largest P with b = 30: 2^18·P ≤ (2^30 − 1024)².
        long largest = ((1L << 30) - 1024) * ((1L << 30) - 1024) >> 18;
        assertThat(DistributedDp.minimumGridBits(largest)).isEqualTo(30);
        assertThatThrownBy(() -> DistributedDp.minimumGridBits(largest + 1)).hasMessageContaining("too large");
        assertThatThrownBy(() -> DistributedDp.minimumGridBits(0)).hasMessageContaining("at least 1");
    }

    @Test
    void gridBoundIsInputBoundGridSteps() {
        assertThat(DistributedDp.gridBound(3, 13)).isEqualTo(3 * 8192);
        // 2^18 − 1 steps of 2^13 is 2^31 − 2^13: fits; 2^18 would be 2^31.
        assertThat(DistributedDp.gridBound((1 << 18) - 1, 13)).isEqualTo((1L << 31) - (1L << 13));
        assertThatThrownBy(() -> DistributedDp.gridBound(1 << 18, 13)).hasMessageContaining("below 2^31");
        assertThatThrownBy(() -> DistributedDp.gridBound(0, 13)).hasMessageContaining("inputBound");
    }

    @Test
    void clipToBoundClipsEachCoordinateToPlusMinusB() {
        long[] noisy = {5, -7, 3, -4, Long.MAX_VALUE, Long.MIN_VALUE, 0};
        assertThat(DistributedDp.clipToBound(noisy, 4)).containsExactly(4, -4, 3, -4, 4, -4, 0);
        assertThat(DistributedDp.clipToBound(new long[] {1L << 40}, DistributedDp.MAX_BOUND))
                .containsExactly(Integer.MAX_VALUE);
        assertThatThrownBy(() -> DistributedDp.clipToBound(noisy, 1L << 31)).hasMessageContaining("bound");
    }

    @Test
    void moreSurvivorsThanTheMinimumAddNoiseTheLedgerDoesNotCount() {
        assertThat(DistributedDp.effectiveNoiseMultiplier(2.0, 3, 3)).isEqualTo(2.0);
        // n_min = 2 with 3 survivors: √(3/2) more noise
        assertThat(DistributedDp.effectiveNoiseMultiplier(2.0, 3, 2)).isCloseTo(2.449_489_742_8, offset(1e-9));
        assertThatThrownBy(() -> DistributedDp.effectiveNoiseMultiplier(2.0, 1, 2))
                .hasMessageContaining("survivors");
    }

    @Test
    void clippingProbabilityBoundIsATwoSidedSubgaussianTailOverTheCoordinates() {
        // margin 10 C, site variance 1²/1: 2·3·exp(−100/2)
        assertThat(DistributedDp.clippingProbabilityBound(100, BigDecimal.ONE, 1, 110, 3))
                .isCloseTo(6 * Math.exp(-50), offset(1e-30));
        // n_min = 4 halves the site's σ: exp(−100·4/2)
        assertThat(DistributedDp.clippingProbabilityBound(100, BigDecimal.ONE, 4, 110, 1))
                .isCloseTo(2 * Math.exp(-200), offset(1e-100));
        assertThat(DistributedDp.clippingProbabilityBound(100, BigDecimal.ONE, 3, 100, 3))
                .isEqualTo(1);
        assertThat(DistributedDp.clippingProbabilityBound(150, new BigDecimal("5"), 3, 87_381, 62))
                .isZero();
    }
}
