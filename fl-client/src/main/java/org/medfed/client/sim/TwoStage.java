package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.InitialModel;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.subset.SubsetSelection;

/**
 * Issue 15's two-stage training in the simulation (after Zhao et al. 2018). A shared subset of
 * {@code rowsPerClass = max(1, round(β·N/C))} rows of each class is taken from the sites' training rows only: each
 * site in ascending name order gives its fair share ({@link Rules#share}) drawn by {@link SubsetSelection}, and the
 * rows it gives leave its own training rows. Stage 1 warms the initial model up on the subset ({@link Rules#warmUp};
 * on the network the ledger's warm-up transaction computes it). Stage 2 is a federated task from the warmed-up model
 * in which each site trains on its own remaining rows plus an α share of the subset (round(α·n_c) rows of each class
 * of the subset, drawn per site).
 */
final class TwoStage {
    /** The shared subset's rules, which live in fl-common ({@code SubsetQuota.share} and {@code WarmUp.train}). */
    interface Rules {
        long[] share(long[] have, long[] need, int contributorsLeft);

        float[] warmUp(ModelSpec spec, float[] initial, float[][] x, int[] y, long epochs, double learningRate);
    }

    /**
     * HOOK (issue 15): {@code SubsetQuota::share} and {@code WarmUp::train} from fl-common once they are on main;
     * until then null, and the non-IID section runs no two-stage arm (it says so). Stage 1 is then the pure
     * function; it moves onto the simulation's ledger once the lead's warm-up transaction lands.
     */
    static final Rules RULES = null;

    /**
     * @param stage2 the sites of stage 2: each one's own rows less what it gave, plus its α share of the subset
     * @param subset the shared rows, the contributions one after another in ascending site name order
     * @param given how many rows each site gave, in the order of the sites' names
     */
    record Shared(SimData stage2, TabularDataset subset, List<Integer> given) {}

    private TwoStage() {}

    /** The subset and stage 2's sites for one seed; the test rows are those of {@code sites}. */
    static Shared share(SimData sites, double beta, double alpha, long seed, Rules rules) {
        int classes = sites.test().classNames().size();
        int k = sites.names().size();
        long total = sites.trains().stream().mapToLong(TabularDataset::rowCount).sum();
        long rowsPerClass = Math.max(1, Math.round(beta * total / classes));
        long[] need = new long[classes];
        Arrays.fill(need, rowsPerClass);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            order.add(i);
        }
        order.sort((a, b) -> sites.names().get(a).compareTo(sites.names().get(b)));
        List<TabularDataset> kept = new ArrayList<>(sites.trains());
        List<TabularDataset> contributions = new ArrayList<>();
        List<Integer> given = new ArrayList<>(Collections.nCopies(k, 0));
        for (int n = 0; n < k; n++) {
            int i = order.get(n);
            TabularDataset own = sites.trains().get(i);
            long[] share = rules.share(counts(own.classCounts()), need.clone(), k - n);
            int[] chosen = SubsetSelection.perClass(
                    own.labels(), share, SimData.random(seed, 30 + i).nextLong());
            contributions.add(SimData.select(own, chosen));
            kept.set(i, SimData.select(own, SubsetSelection.rest(own.rowCount(), chosen)));
            given.set(i, chosen.length);
            for (int c = 0; c < classes; c++) {
                need[c] -= share[c];
            }
        }
        TabularDataset subset = TabularDataset.concat(contributions);
        long[] alphaShare = new long[classes];
        int[] subsetCounts = subset.classCounts();
        for (int c = 0; c < classes; c++) {
            alphaShare[c] = Math.round(alpha * subsetCounts[c]);
        }
        List<TabularDataset> trains = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            int[] rows = SubsetSelection.perClass(
                    subset.labels(), alphaShare, SimData.random(seed, 40 + i).nextLong());
            TabularDataset mine = TabularDataset.concat(List.of(kept.get(i), SimData.select(subset, rows)));
            if (mine.rowCount() == 0) {
                throw new IllegalArgumentException("site " + sites.names().get(i) + " gave all its rows to the shared"
                        + " subset and its α " + alpha + " share is empty; raise α");
            }
            trains.add(mine);
        }
        return new Shared(new SimData(sites.names(), trains, sites.test()), subset, given);
    }

    /**
     * Stage 1 and stage 2: the seed's initial model warmed up on the subset, then federated over stage 2's sites.
     *
     * @param perRound stage 2's local training (stage 1 takes {@code warmUpEpochs} at its learning rate)
     */
    static SimFederation.Outcome train(
            Shared shared,
            SimConfig config,
            ModelSpec shape,
            TrainingSpec perRound,
            long warmUpEpochs,
            long seed,
            String schemaSha256,
            Rules rules) {
        TabularDataset subset = shared.subset();
        float[] warm = rules.warmUp(
                shape,
                InitialModel.generate(shape, seed),
                subset.features(),
                subset.labels(),
                warmUpEpochs,
                perRound.learningRate().doubleValue());
        return SimFederation.runFrom(warm, config, shared.stage2(), shape, perRound, null, seed, schemaSha256);
    }

    private static long[] counts(int[] counts) {
        long[] out = new long[counts.length];
        for (int c = 0; c < counts.length; c++) {
            out[c] = counts[c];
        }
        return out;
    }
}
