package org.medfed.client.sim;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.ledger.SubsetView;
import org.medfed.client.subset.SharedRows;
import org.medfed.client.subset.SubsetPublisher;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.subset.SubsetSelection;
import org.medfed.common.subset.WarmUpRecord;

/**
 * Stage 1 of a simulated two-stage task, on the simulation's ledger as on the network: every site contributes its
 * fair share of the subset from its training rows ({@link SubsetPublisher}, sealed to the simulation's organisation),
 * the aggregator's {@code warmUp} opens the rows with the organisation's member key and warms the initial model up,
 * and each site's stage 2 gets its share α of the rows ({@link SharedRows}). The shared rows leave the sites that gave
 * them: a site trains on the rest of its own rows plus its share.
 */
final class SimSubset {
    private SimSubset() {}

    /** Each site's own rows left after contributing, its shared rows for stage 2, and the warm-up record. */
    record Stages(List<TabularDataset> own, List<SharedRows.Draw> shared, WarmUpRecord warmUp) {
        /** What each site trains on in stage 2: its own rows left, then its shared rows. */
        List<TabularDataset> stage2() {
            List<TabularDataset> trains = new ArrayList<>();
            for (int i = 0; i < own.size(); i++) {
                TabularDataset mine = own.get(i);
                SharedRows.Draw draw = shared.get(i);
                trains.add(TabularDataset.concat(
                        List.of(mine, new TabularDataset(draw.x(), draw.y(), mine.featureNames(), mine.classNames()))));
            }
            return trains;
        }
    }

    static Stages warmUp(SimTask task, List<TabularDataset> trains, SharedSubsetSpec spec, ModelSpec model, long seed)
            throws MedfedException, BlobStoreException {
        SimNetwork network = task.network();
        byte[] key = network.memberKey(task.time());
        List<TabularDataset> own = new ArrayList<>();
        for (int i = 0; i < trains.size(); i++) {
            TabularDataset train = trains.get(i);
            int[] given = new SubsetPublisher(
                            new SubsetLedger(task.client(i)),
                            network.blobs(),
                            new SecureRandom(),
                            SimData.random(seed, 300 + i))
                    .contributeOrDecline(task.id(), task.datasetIds().get(i), train, spec.consent())
                    .rows();
            own.add(rows(train, SubsetSelection.rest(train.rowCount(), given)));
        }
        SubsetLedger ledger = new SubsetLedger(task.client(0));
        WarmUpRecord warmUp = ledger.warmUp(task.id()).value();
        SubsetView view = ledger.subset(task.id()).value();
        int classes = Math.toIntExact(model.classes());
        SharedRows rows = SharedRows.open(
                view.contributions().stream()
                        .filter(c -> warmUp.request().used().contains(c.datasetId()))
                        .toList(),
                network.blobs(),
                SimNetwork.mspId(),
                key,
                Math.toIntExact(model.inputs()),
                classes);
        List<SharedRows.Draw> shared = new ArrayList<>();
        for (int i = 0; i < trains.size(); i++) {
            shared.add(rows.draw(
                    spec.alpha().doubleValue(),
                    classes,
                    SimData.random(seed, 400 + i).nextLong()));
        }
        return new Stages(own, shared, warmUp);
    }

    private static TabularDataset rows(TabularDataset data, int[] keep) {
        float[][] x = new float[keep.length][];
        int[] y = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            x[i] = data.features()[keep[i]];
            y[i] = data.labels()[keep[i]];
        }
        return new TabularDataset(x, y, data.featureNames(), data.classNames());
    }
}
