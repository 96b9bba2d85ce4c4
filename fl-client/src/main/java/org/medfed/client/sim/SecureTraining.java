package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.SecureInputSettings;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.secagg.DistributedDp;
import org.medfed.common.secagg.SecureStep;

/**
 * Secure rounds without the ledger, every site surviving: each round every site computes its input with the
 * production {@link LocalTrainer#secureInput} from the round's global model, and {@link SummedSecureRounds} adds the
 * inputs mod 2^32 (what unmasking gives) and takes {@code SecureStep}'s step, N being all the sites' rows (their
 * registered row counts). The simulations of docs/results.md and the demo's settings both run through here.
 */
public final class SecureTraining {

    /** Sees the global model after each round (1-based); for a per-round score. */
    @FunctionalInterface
    public interface RoundObserver {
        RoundObserver NONE = (round, model) -> {};

        void aggregated(int round, float[] model);
    }

    /**
     * The last global model, and how many coordinates of the site inputs went beyond ±inputBound·2^b (reduced mod
     * 2^32, never clipped; past the bound the sum of all sites could wrap).
     */
    public record Result(float[] model, long clippedCoordinates) {}

    private SecureTraining() {}

    /**
     * @param sites    each site's rows, in the order of {@code trainers}
     * @param trainers each site's sources of sampling and noise
     */
    public static Result run(
            ModelSpec shape,
            float[] initial,
            List<TabularDataset> sites,
            List<LocalTrainer> trainers,
            SecureInputSettings settings,
            double learningRate,
            int rounds,
            RoundObserver observer) {
        Objects.requireNonNull(observer, "observer");
        if (sites.size() != trainers.size() || sites.isEmpty()) {
            throw new IllegalArgumentException("need one trainer per site, and at least one site");
        }
        long bound = DistributedDp.gridBound(settings.inputBound(), settings.gridBits());
        long rows = sites.stream().mapToLong(TabularDataset::rowCount).sum();
        SecureStep step = new SecureStep(
                settings.clip(), settings.gridBits(), learningRate, settings.samplingProbability(), rows);
        float[] model = initial.clone();
        long clipped = 0;
        for (int round = 1; round <= rounds; round++) {
            List<int[]> inputs = new ArrayList<>();
            for (int i = 0; i < sites.size(); i++) {
                TabularDataset train = sites.get(i);
                int[] input = trainers.get(i).secureInput(shape, model, train.features(), train.labels(), settings);
                for (int v : input) {
                    clipped += Math.abs((long) v) > bound ? 1 : 0;
                }
                inputs.add(input);
            }
            model = step.model(model, SummedSecureRounds.sum(inputs));
            observer.aggregated(round, model);
        }
        return new Result(model, clipped);
    }
}
