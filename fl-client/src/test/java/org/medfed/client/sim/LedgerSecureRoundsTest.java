package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.medfed.client.train.InitialModel;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.secagg.DistributedDp;

/**
 * The chaincode's secure rounds on the simulation's ledger give, bit for bit, the model of the inputs' sum in the
 * clear: the masks cancel exactly mod 2^32 and both take {@code SecureStep}.
 */
class LedgerSecureRoundsTest {
    private static final int ROUNDS = 3;
    /** Logistic regression on 4 features and 3 classes: 15 parameters. */
    private static final ModelSpec SHAPE =
            new ModelSpec(ModelSpec.MLP, 4, List.of(), "relu", 3, new ContentRef("bafkreix", "0".repeat(64)));

    @Test
    void theChaincodesRoundsGiveTheModelsOfTheSumInTheClearBitForBit() {
        SecureSetup setup = setup(List.of(120L, 75L, 301L), 3);
        List<List<int[]>> inputs = inputs(setup, 7);

        List<float[]> summed = play(new SummedSecureRounds(setup), inputs);
        List<float[]> ledger = play(new LedgerSecureRounds(setup), inputs);

        float[] previous = setup.initial();
        for (int round = 0; round < ROUNDS; round++) {
            assertThat(bits(ledger.get(round))).as("round %d", round + 1).containsExactly(bits(summed.get(round)));
            assertThat(bits(ledger.get(round)))
                    .as("round %d moves the model", round + 1)
                    .isNotEqualTo(bits(previous));
            previous = ledger.get(round);
        }
    }

    @Test
    void fewerSurvivorsRequiredThanSitesStillUnmasksEveryInput() {
        // n_min 2 of 4 sites: a wider graph (k 2 of 3 others), quorum 2; every site survives
        SecureSetup setup = setup(List.of(40L, 41L, 42L, 43L), 2);
        List<List<int[]>> inputs = inputs(setup, 11);

        List<float[]> ledger = play(new LedgerSecureRounds(setup), inputs);
        List<float[]> summed = play(new SummedSecureRounds(setup), inputs);

        for (int round = 0; round < ROUNDS; round++) {
            assertThat(bits(ledger.get(round))).containsExactly(bits(summed.get(round)));
        }
    }

    @Test
    void aPlayedTaskHasNoRoundLeft() {
        SecureSetup setup = setup(List.of(10L, 10L), 2);
        try (LedgerSecureRounds rounds = new LedgerSecureRounds(setup)) {
            List<List<int[]>> inputs = inputs(setup, 3);
            inputs.forEach(rounds::next);
            assertThatThrownBy(() -> rounds.next(inputs.get(0))).hasMessageContaining("3 rounds are played");
        }
    }

    private static SecureSetup setup(List<Long> rows, long minSurvivors) {
        int sites = rows.size();
        int bits = DistributedDp.minimumGridBits(15);
        return new SecureSetup(
                SHAPE,
                InitialModel.generate(SHAPE, 5),
                new DpPolicy(
                        BigDecimal.ONE,
                        new BigDecimal("1.3"),
                        new BigDecimal("0.00001"),
                        new BigDecimal("1000000"),
                        EpsilonConversion.IMPROVED),
                SecureSetup.spec(
                        sites, minSurvivors, new BigDecimal("0.5"), bits, Integer.MAX_VALUE / ((long) sites << bits)),
                new BigDecimal("0.7"),
                ROUNDS,
                java.util.stream.IntStream.range(0, sites)
                        .mapToObj(i -> "site" + i)
                        .toList(),
                rows,
                "ab".repeat(32));
    }

    /** Per round, each site's input: grid counts of either sign up to a few clip norms. */
    private static List<List<int[]>> inputs(SecureSetup setup, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int bound = 3 << setup.secure().quantizationBits();
        List<List<int[]>> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<int[]> sites = new ArrayList<>();
            for (int site = 0; site < setup.sites().size(); site++) {
                sites.add(random.ints(15, -bound, bound + 1).toArray());
            }
            rounds.add(sites);
        }
        return rounds;
    }

    private static List<float[]> play(SecureRounds rounds, List<List<int[]>> inputs) {
        try (rounds) {
            return inputs.stream().map(rounds::next).toList();
        }
    }

    private static int[] bits(float[] model) {
        int[] bits = new int[model.length];
        for (int j = 0; j < model.length; j++) {
            bits[j] = Float.floatToRawIntBits(model[j]);
        }
        return bits;
    }
}
