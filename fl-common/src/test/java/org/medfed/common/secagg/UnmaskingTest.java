package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Whole rounds: clients mask, the ledger unmasks from revealed shares, and the result is the plain sum exactly. A
 * secret survives as long as no more than k − t of its holders are missing, counting dropouts after the shares phase
 * and survivors that do not reveal alike.
 */
class UnmaskingTest {
    private static final int P = 6;

    @Test
    void unmasksThePlainSumWhenEveryoneSurvives() {
        RoundFixture round = new RoundFixture(5, 4, 3, P, 1, List.of(), List.of(), List.of());

        assertThat(round.unmask()).isEqualTo(round.plainSum());
    }

    @Test
    void unmasksThePlainSumAfterADropoutWithShares() {
        RoundFixture round = new RoundFixture(5, 4, 3, P, 2, List.of(), List.of(4), List.of());

        assertThat(round.masked).hasSize(4);
        assertThat(round.unmask()).isEqualTo(round.plainSum());
    }

    @Test
    void unmasksThePlainSumAfterADropoutAndASilentSurvivorWhenKMinusTIsTwo() {
        RoundFixture round = new RoundFixture(7, 6, 4, P, 3, List.of(), List.of(2), List.of(5));

        assertThat(round.unmask()).isEqualTo(round.plainSum());
    }

    @Test
    void leavesOutWhoeverPostedKeysButNoSharesOnANonCompleteRing() {
        RoundFixture round = new RoundFixture(6, 4, 3, P, 4, List.of(1), List.of(), List.of());

        assertThat(round.graph.neighbours(RoundFixture.id(0))).hasSize(4);
        assertThat(round.masked).hasSize(5);
        assertThat(round.unmask()).isEqualTo(round.plainSum());
    }

    @Test
    void refusesWhenADropoutAndASilentSurvivorLeaveFewerThanTShares() {
        // k = 4, t = 3 tolerates one missing holder per secret; here a survivor's seed has two
        RoundFixture round = new RoundFixture(5, 4, 3, P, 5, List.of(), List.of(4), List.of(3));

        assertThatThrownBy(round::unmask).isInstanceOf(SecAggException.class).hasMessageContaining("3 needed");
    }

    @Test
    void refusesADropoutKeyThatIsNotTheOnePosted() {
        RoundFixture round = new RoundFixture(5, 4, 3, P, 6, List.of(), List.of(4), List.of());
        Map<String, byte[]> keys = new TreeMap<>(round.maskPublic);
        keys.put(RoundFixture.id(4), round.maskPublic.get(RoundFixture.id(0)));

        assertThatThrownBy(() -> Unmasking.unmask(
                        RoundFixture.CONTEXT,
                        round.graph,
                        round.withShares,
                        round.masked,
                        keys,
                        round.revealed(ShareKind.SEED),
                        round.revealed(ShareKind.KEY),
                        3))
                .isInstanceOf(SecAggException.class)
                .hasMessageContaining("not the one it posted");
    }

    @Test
    void masksSoThatNoMaskedInputIsItsInput() {
        RoundFixture round = new RoundFixture(5, 4, 3, P, 7, List.of(), List.of(), List.of());

        for (String id : round.masked.keySet()) {
            assertThat(round.masked.get(id)).isNotEqualTo(round.inputs.get(id));
        }
    }

    @Test
    void sumsWithWrapAroundModuloTwoToThe32() {
        SecureSum sum = new SecureSum(RoundFixture.CONTEXT, 2);
        sum.addMasked(new int[] {Integer.MAX_VALUE, -5});
        sum.addMasked(new int[] {1, 2});

        assertThat(sum.sum()).containsExactly(Integer.MIN_VALUE, -3);
        assertThatThrownBy(() -> sum.addMasked(new int[3])).isInstanceOf(IllegalArgumentException.class);
    }
}
