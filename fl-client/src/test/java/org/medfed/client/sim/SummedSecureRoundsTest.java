package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.medfed.client.train.InitialModel;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.SecureInputSettings;
import org.medfed.client.train.TrainingSettings;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;

class SummedSecureRoundsTest {

    @Test
    void sumsWrapModTwoToTheThirtyTwoLikeUnmasking() {
        // masks r and −r (mod 2^32) cancel: (x1 + r) + (x2 − r) wraps back to x1 + x2
        int r = 0x9E3779B9;
        int[] maskedOne = {5 + r, -3 + r};
        int[] maskedTwo = {7 - r, 4 - r};
        assertThat(SummedSecureRounds.sum(List.of(maskedOne, maskedTwo))).containsExactly(12, 1);
        assertThat(SummedSecureRounds.sum(List.of(new int[] {1, 2}, new int[] {-4, 10}, new int[] {0, -20})))
                .containsExactly(-3, -8);
    }

    @Test
    void aggregateTakesTheSecureStepOnTheSum() {
        // C = 1, b = 2, η = 0.5, q = 0.5, N = 4: scale 1/16; S = [5, 3] + [3, −7] = [8, −4] → [1 − 0.5, 1 + 0.25]
        SummedSecureRounds rounds =
                new SummedSecureRounds(setup(new float[] {1, 1}, 2, "0.5", "0.5", List.of(1L, 3L), 2));
        float[] next = rounds.next(List.of(new int[] {5, 3}, new int[] {3, -7}));
        assertThat(next).containsExactly(0.5f, 1.25f);
        // the next round starts from that model: S = [16, 0] → [0.5 − 1, 1.25]
        assertThat(rounds.next(List.of(new int[] {16, 0}, new int[] {0, 0}))).containsExactly(-0.5f, 1.25f);
        assertThatThrownBy(() -> rounds.next(List.of(new int[] {0, 0}, new int[] {0, 0})))
                .hasMessageContaining("2 rounds are played");
    }

    /** A task over {@code rows.size()} sites with C 1, σ 1, grid 2^bits, η and q as given. */
    static SecureSetup setup(float[] initial, int bits, String lr, String q, List<Long> rows, int rounds) {
        int sites = rows.size();
        ModelSpec shape =
                new ModelSpec(ModelSpec.MLP, 1, List.of(), "relu", 2, new ContentRef("bafkreix", "0".repeat(64)));
        return new SecureSetup(
                shape,
                initial,
                new DpPolicy(
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        new BigDecimal("0.00001"),
                        new BigDecimal("1000000"),
                        EpsilonConversion.IMPROVED),
                SecureSetup.spec(sites, sites, new BigDecimal(q), bits, Integer.MAX_VALUE / ((long) sites << bits)),
                new BigDecimal(lr),
                rounds,
                java.util.stream.IntStream.range(0, sites)
                        .mapToObj(i -> "site" + i)
                        .toList(),
                rows,
                "0".repeat(64));
    }

    @Test
    void aSecureRoundOverThreeSitesIsOneCentralizedDpSgdStepOverTheirUnion() {
        ModelSpec spec =
                new ModelSpec(ModelSpec.MLP, 3, List.of(), "relu", 2, new ContentRef("bafkreix", "0".repeat(64)));
        float[] global = InitialModel.generate(spec, 4);
        SplittableRandom rows = new SplittableRandom(8);
        List<float[][]> xs = new ArrayList<>();
        List<int[]> ys = new ArrayList<>();
        float[][] all = new float[30][];
        int[] allY = new int[30];
        for (int site = 0; site < 3; site++) {
            float[][] x = new float[10][];
            int[] y = new int[10];
            for (int i = 0; i < 10; i++) {
                x[i] = new float[] {
                    (float) rows.nextGaussian(), (float) rows.nextGaussian(), (float) rows.nextGaussian()
                };
                y[i] = x[i][0] > 0 ? 1 : 0;
                all[site * 10 + i] = x[i];
                allY[site * 10 + i] = y[i];
            }
            xs.add(x);
            ys.add(y);
        }
        // every record sampled (q = 1) and σ so small that every noise draw is 0: the sum is the gradients' own
        BigDecimal sigma = new BigDecimal("0.00001");
        SecureInputSettings settings = new SecureInputSettings(BigDecimal.ONE, BigDecimal.ONE, sigma, 12, 3, 100);
        List<int[]> inputs = new ArrayList<>();
        for (int site = 0; site < 3; site++) {
            inputs.add(new LocalTrainer(new SplittableRandom(site), new SplittableRandom(10 + site))
                    .secureInput(spec, global, xs.get(site), ys.get(site), settings));
        }
        float[] secure = new SummedSecureRounds(setup(global, 12, "0.5", "1", List.of(10L, 10L, 10L), 1)).next(inputs);
        TrainingSettings one =
                new TrainingSettings(BigDecimal.ONE, 1, 1, 0.5, 0, new TrainingSettings.Privacy(sigma, BigDecimal.ONE));
        float[] central = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                .train(spec, global, all, allY, one, all, allY)
                .params();
        for (int j = 0; j < central.length; j++) {
            assertThat(secure[j]).isCloseTo(central[j], within(1e-6f));
            assertThat(secure[j]).isNotEqualTo(global[j]);
        }
    }
}
