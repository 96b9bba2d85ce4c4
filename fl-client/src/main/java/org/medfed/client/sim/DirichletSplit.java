package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Non-IID label skew as in Hsu, Qi and Brown (2019): for each class, proportions p ~ Dirichlet(α, …, α) over the
 * participants, and the class's rows (shuffled) are cut at the cumulative proportions. Small α gives each
 * participant few classes; large α approaches IID. Draws repeat (up to 1000 times, from the same seeded stream)
 * until every participant has at least two rows, so a draw never leaves a participant empty. StrictMath keeps the
 * draws identical on every JVM.
 */
final class DirichletSplit {
    private static final int MIN_ROWS = 2;

    private DirichletSplit() {}

    static List<List<Integer>> deal(int[] labels, int classes, int participants, double alpha, long seed) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("dirichlet alpha must be positive and finite, got " + alpha);
        }
        SplittableRandom random = SimData.random(seed, 7);
        for (int attempt = 0; attempt < 1000; attempt++) {
            List<List<Integer>> dealt = once(labels, classes, participants, alpha, random);
            if (dealt.stream().allMatch(rows -> rows.size() >= MIN_ROWS)) {
                dealt.forEach(Collections::sort);
                return dealt;
            }
        }
        throw new IllegalArgumentException("no Dirichlet(" + alpha + ") split in 1000 draws gives each of "
                + participants + " participants " + MIN_ROWS + " rows; use a larger alpha or fewer participants");
    }

    private static List<List<Integer>> once(
            int[] labels, int classes, int participants, double alpha, SplittableRandom random) {
        List<List<Integer>> dealt = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            dealt.add(new ArrayList<>());
        }
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int r = 0; r < labels.length; r++) {
                if (labels[r] == c) {
                    members.add(r);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                Collections.swap(members, i, random.nextInt(i + 1));
            }
            double[] p = new double[participants];
            double total = 0;
            for (int k = 0; k < participants; k++) {
                p[k] = gamma(alpha, random);
                total += p[k];
            }
            double cumulative = 0;
            int from = 0;
            for (int k = 0; k < participants; k++) {
                cumulative += p[k] / total;
                int to = k == participants - 1 ? members.size() : (int) Math.round(cumulative * members.size());
                dealt.get(k).addAll(members.subList(from, Math.max(from, to)));
                from = Math.max(from, to);
            }
        }
        return dealt;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (2000), with the boost U^(1/shape) for shape below 1. */
    static double gamma(double shape, SplittableRandom random) {
        if (shape < 1) {
            return gamma(shape + 1, random) * StrictMath.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3;
        double c = 1 / StrictMath.sqrt(9 * d);
        while (true) {
            double x = normal(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
