package org.medfed.client.sim;

import java.math.BigDecimal;
import org.medfed.client.federation.SubsetPlan;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.WarmUpSpec;

/**
 * Issue 15's two-stage training in the simulation (after Zhao et al. 2018), on the simulation's ledger as on the
 * network ({@link SimSubset}): a subset of {@code ceil(β·N/C)} rows of each class is taken from the sites' training
 * rows only, each site giving its fair share (fl-common {@code SubsetQuota}) sealed to the organisation, and the rows a
 * site gives leave its own training rows; the ledger's {@code warmUp} trains the initial model on the subset for
 * {@code warmUpEpochs} full-batch epochs at the task's learning rate; stage 2 is a federated task from the warm model
 * in which each site trains on its own remaining rows plus its share α of the subset.
 */
final class TwoStage {
    static final String CONSENT = "simulated holders: rows may be shared with the consortium's members";

    private TwoStage() {}

    static SimFederation.Outcome train(
            SimData sites,
            SimConfig config,
            ModelSpec shape,
            TrainingSpec perRound,
            double beta,
            double alpha,
            long warmUpEpochs,
            long seed,
            String schemaSha256) {
        SubsetPlan plan = new SubsetPlan(
                BigDecimal.valueOf(beta),
                BigDecimal.valueOf(alpha),
                CONSENT,
                new WarmUpSpec(warmUpEpochs, perRound.learningRate()));
        return SimFederation.runTwoStage(plan, config, sites, shape, perRound, null, seed, schemaSha256);
    }
}
