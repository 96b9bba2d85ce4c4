package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.medfed.client.train.Metrics;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.RiskModelSpec;

/**
 * The maternal section's subsection "Risk model for access decisions": from the maternal simulations already run (no
 * training of its own), how often each way of training the risk model recognises a critical patient (recall of the
 * class the risk task maps to {@code critical}) and its accuracy, federated vs each gateway alone vs pooled.
 */
final class RiskEvaluation {
    /**
     * The maternal table's low, mid and high risk as a risk task declares them (docs/access.md). Not {@code List.of}:
     * RiskModelSpec asks its list {@code contains(null)}, which List.of answers with a NullPointerException.
     */
    static final RiskModelSpec MATERNAL =
            new RiskModelSpec(Arrays.asList(RiskClass.STABLE, RiskClass.SERIOUS, RiskClass.CRITICAL));

    static final String HEADING = "### Risk model for access decisions";

    private final ResultsMarkdown md;

    RiskEvaluation(ResultsMarkdown md) {
        this.md = md;
    }

    /**
     * @param skewed the Dirichlet(0.5) gateways' simulation (its pooled and local-only runs are the comparisons)
     * @param iid the same rows dealt IID
     */
    void run(SimSummary skewed, SimSummary iid, ConfigBuilder config) {
        int critical = MATERNAL.classes().indexOf(RiskClass.CRITICAL);
        Simulation.SeedResult first = skewed.seeds().get(0);
        String criticalName = first.data().test().classNames().get(critical);
        int support = first.data().test().classCounts()[critical];
        ToDoubleFunction<Metrics.Validation> recall = v -> v.recall(critical);
        ToDoubleFunction<Metrics.Validation> accuracy = Metrics.Validation::accuracy;
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("FedAvg, 3 gateways (Dirichlet 0.5)", skewed, s -> s.federated(), recall, accuracy));
        rows.add(row("FedAvg, 3 gateways (IID)", iid, s -> s.federated(), recall, accuracy));
        rows.add(List.of(
                "local-only, mean of the 3 gateways (Dirichlet 0.5)",
                skewed.stat(s -> mean(s.local(), recall)).format(),
                skewed.stat(s -> mean(s.local(), accuracy)).format()));
        rows.add(List.of(
                "local-only, worst gateway (Dirichlet 0.5)",
                skewed.stat(s -> worst(s.local(), recall)).format(),
                skewed.stat(s -> worst(s.local(), accuracy)).format()));
        rows.add(row("pooled (all gateways' rows in one place)", skewed, s -> s.centralized(), recall, accuracy));
        SimSummary.Stat fedRecall = skewed.stat(s -> recall.applyAsDouble(s.federated()));
        SimSummary.Stat worstRecall = skewed.stat(s -> worst(s.local(), recall));
        SimSummary.Stat pooledRecall = skewed.stat(s -> recall.applyAsDouble(s.centralized()));
        md.line(HEADING)
                .line("")
                .line("A risk task (docs/access.md) maps the maternal model's classes low, mid and high risk to the "
                        + "risk classes stable, serious and critical, and the access policy reads its global model's "
                        + "attestations. A critical patient the model calls serious or stable looks less urgent than "
                        + "the patient is, so the figure that matters most is the recall of the critical class (\""
                        + criticalName + "\": the share of held-back critical rows predicted critical; " + support
                        + " of the seed-" + first.seed()
                        + " test rows are critical). From the simulations above (seeds "
                        + config.seeds + ", " + config.rounds + " rounds of 1 epoch, no DP; every method scored on the "
                        + "same held-back rows): FedAvg over the 3 gateways; each gateway trained alone for as many "
                        + "epochs (the mean of the 3, and the worst of the 3 in each seed, taken per column); all "
                        + "gateways' training rows pooled in one place.")
                .line("")
                .table(List.of("risk model (simulation)", "critical recall", "accuracy"), rows)
                .line(String.format(
                        Locale.ROOT,
                        "Of 100 critical patients, the federated model calls %.0f less urgent than they are, the "
                                + "worst gateway's own model %.0f and a model of the pooled rows %.0f (means over the "
                                + "seeds).",
                        100 * (1 - fedRecall.mean()),
                        100 * (1 - worstRecall.mean()),
                        100 * (1 - pooledRecall.mean())))
                .line("");
    }

    private static List<String> row(
            String method,
            SimSummary summary,
            java.util.function.Function<Simulation.SeedResult, Metrics.Validation> pick,
            ToDoubleFunction<Metrics.Validation> recall,
            ToDoubleFunction<Metrics.Validation> accuracy) {
        return List.of(
                method,
                summary.stat(s -> recall.applyAsDouble(pick.apply(s))).format(),
                summary.stat(s -> accuracy.applyAsDouble(pick.apply(s))).format());
    }

    private static double mean(List<Metrics.Validation> scores, ToDoubleFunction<Metrics.Validation> metric) {
        return scores.stream().mapToDouble(metric).average().orElseThrow();
    }

    private static double worst(List<Metrics.Validation> scores, ToDoubleFunction<Metrics.Validation> metric) {
        return scores.stream().mapToDouble(metric).min().orElseThrow();
    }
}
