package org.medfed.client.cli;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.medfed.client.ExitCodes;
import org.medfed.client.data.DataException;
import org.medfed.client.sim.SecureSimText;
import org.medfed.client.sim.SimConfig;
import org.medfed.client.sim.SimData;
import org.medfed.client.sim.SimInput;
import org.medfed.client.sim.SimText;
import org.medfed.client.sim.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "simulate",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            "Simulates a federated task in one JVM (no network): the chaincode's own transactions on the "
                    + "embedded ledger in process, blobs in memory, the production trainer, DP-SGD and aggregation. Scores centralized, local-only and federated training on the same test rows, "
                    + "mean ± sd over seeds. Every figure is labelled simulation."
        })
final class SimulateCommand extends ReportingCommand {

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "The CSV table.")
    Path data;

    @Option(names = "--label", required = true, paramLabel = "COL", description = "The label column.")
    String label;

    @Option(
            names = "--mapping",
            paramLabel = "FILE",
            description = "A schema mapping (declared scaling); without it one is derived from the table.")
    Path mapping;

    @Option(names = "--drop", arity = "1..*", paramLabel = "COL", description = "Columns to ignore (derived mapping).")
    List<String> drop = new ArrayList<>();

    @Option(
            names = "--positive-at-least",
            paramLabel = "T",
            description = "Binarise a numeric label: class 1 when the value is at least T (derived mapping).")
    Double positiveAtLeast;

    @Option(
            names = "--partition-by",
            paramLabel = "COL",
            description = "One participant per value of this column, each split into train and test rows.")
    String partitionBy;

    @Option(
            names = "--participants",
            paramLabel = "N",
            defaultValue = "3",
            description = "Participants to deal the rows to, without --partition-by (default ${DEFAULT-VALUE}).")
    int participants;

    @Option(
            names = "--split",
            paramLabel = "iid|dirichlet:ALPHA",
            defaultValue = "iid",
            description = "How rows are dealt: stratified round-robin, or Dirichlet(ALPHA) class skew.")
    String split;

    @Option(
            names = "--strategy",
            paramLabel = "NAME",
            defaultValue = "fedavg",
            description =
                    "fedavg, median, trimmed-mean, krum, fedadam, fedyogi or scaffold (default ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--beta", defaultValue = "0.25", description = "Trimmed-mean β (default ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--server-lr", paramLabel = "ETA", description = "FedAdam/FedYogi server learning rate η.")
    Double serverLr;

    @Option(
            names = "--reputation-weighted",
            description = "Weight updates by reputation (FedAvg, krum, FedAdam, FedYogi; median and trimmed mean "
                    + "ignore weights).")
    boolean reputationWeighted;

    @Option(names = "--mu", defaultValue = "0", description = "FedProx μ (default 0: no proximal term).")
    double mu;

    @Option(names = "--rounds", defaultValue = "10", description = "Rounds (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--epochs", defaultValue = "1", description = "Local epochs per round (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "32", description = "Expected batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", defaultValue = "0.1", description = "Local learning rate (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--hidden",
            split = ",",
            paramLabel = "LIST",
            description = "Hidden layer widths, e.g. 16; none (default) is logistic regression.")
    List<Long> hidden = new ArrayList<>();

    @Option(
            names = "--dp-epsilon",
            paramLabel = "E",
            description = "DP-SGD with the smallest noise multiplier that keeps every participant within ε.")
    Double dpEpsilon;

    @Option(names = "--noise-multiplier", paramLabel = "S", description = "DP-SGD with this noise multiplier.")
    Double noiseMultiplier;

    @Option(names = "--clip", defaultValue = "1", description = "DP-SGD clipping norm C (default ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--delta", defaultValue = "1e-5", description = "DP δ (default ${DEFAULT-VALUE}).")
    double delta;

    @Option(
            names = "--seeds",
            split = ",",
            paramLabel = "LIST",
            defaultValue = "1,2,3",
            description = "Seeds (split, initial model, sampling, noise), e.g. 42,43,44 (default ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(
            names = "--test-fraction",
            defaultValue = "0.2",
            description = "Held-back test share, stratified (default ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(
            names = "--malicious",
            defaultValue = "0",
            paramLabel = "K",
            description = "The last K participants attack.")
    int malicious;

    @Option(
            names = "--attack",
            paramLabel = "ATTACK",
            description = "What the attackers do: label-flip (train on inverted labels), scale:FACTOR (global + FACTOR"
                    + " × change), sign-flip[:LAMBDA] (global − LAMBDA × change, default 1), gaussian:SIGMA (global +"
                    + " N(0, SIGMA²) noise), alie[:Z] (\"a little is enough\": global + μ − Z·σ of every participant's"
                    + " trained change; Z from n and the attackers' count by default) or backdoor[:BOOST] (train on"
                    + " rows with the last feature set to 10 relabelled to class 0, change boosted by BOOST, default"
                    + " total examples / (attackers × own examples): model replacement).")
    String attack;

    @Option(
            names = "--secure-aggregation",
            description = "Simulate FedAvg with secure aggregation and distributed DP instead: each round is one DP-SGD"
                    + " step over the union of the sites' Poisson samples (--rounds steps, learning rate --lr), each "
                    + "site adding noise for --min-survivors sites; compared with centralized DP-SGD with the same "
                    + "q, steps, η and σ. Every round runs on the simulated ledger's chaincode (keys, shares, masked "
                    + "inputs, reveals, unmasking). Needs --dp-epsilon or --noise-multiplier.")
    boolean secureAggregation;

    @Option(
            names = "--sampling-rate",
            paramLabel = "Q",
            defaultValue = "0.3",
            description = "With --secure-aggregation: each record's sampling probability per round (default "
                    + "${DEFAULT-VALUE}).")
    BigDecimal samplingRate;

    @Option(
            names = "--min-survivors",
            paramLabel = "N",
            description = "With --secure-aggregation: n_min, the noise share divisor, at least 2 (default: every"
                    + " participant).")
    Long minSurvivors;

    @Option(
            names = "--input-bound",
            paramLabel = "B",
            description = "With --secure-aggregation: clip a site's input to ±B·C per coordinate (default: the "
                    + "largest the 32-bit sum allows).")
    Long inputBound;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Override
    protected int run() throws Exception {
        SimConfig config;
        try {
            config = new SimConfig(
                    partitioning(),
                    testFraction,
                    strategy,
                    beta,
                    serverLr,
                    reputationWeighted,
                    rounds,
                    epochs,
                    batch,
                    lr,
                    mu,
                    hidden,
                    dpEpsilon,
                    noiseMultiplier,
                    clip,
                    delta,
                    seeds,
                    malicious,
                    attack,
                    null,
                    null);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
        long start = System.nanoTime();
        try {
            SimInput input = SimInput.load(data, label, mapping, drop, partitionBy, positiveAtLeast);
            if (secureAggregation) {
                if (json) {
                    throw new IllegalArgumentException("--json is not implemented with --secure-aggregation");
                }
                out().print(SecureSimText.run(config, input, data.toString(), samplingRate, minSurvivors, inputBound));
                out().flush();
                return ExitCodes.OK;
            }
            List<Simulation.SeedResult> results =
                    Simulation.run(config, input.table(), input.mapping(), input.standardize());
            double seconds = (System.nanoTime() - start) / 1e9;
            out().print(
                            json
                                    ? SimText.json(config, input, results, seconds)
                                    : SimText.text(config, input, data.toString(), results, seconds));
        } catch (DataException | IllegalArgumentException e) {
            throw new InputException(e.getMessage(), e);
        }
        out().flush();
        return ExitCodes.OK;
    }

    private SimData.Partitioning partitioning() {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("--test-fraction must be above 0 and below 1, got " + testFraction);
        }
        if (partitionBy != null) {
            var parsed = spec.commandLine().getParseResult();
            if (parsed.hasMatchedOption("--participants") || parsed.hasMatchedOption("--split")) {
                throw new IllegalArgumentException("--partition-by makes one participant per value of " + partitionBy
                        + "; it cannot be combined with --participants or --split");
            }
            return new SimData.BySite(partitionBy);
        }
        if (participants < 2) {
            throw new IllegalArgumentException("--participants must be at least 2, got " + participants);
        }
        if (split.equals("iid")) {
            return new SimData.Iid(participants);
        }
        if (split.startsWith("dirichlet:")) {
            try {
                double alpha = Double.parseDouble(split.substring("dirichlet:".length()));
                if (alpha > 0 && Double.isFinite(alpha)) {
                    return new SimData.Dirichlet(participants, alpha);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new IllegalArgumentException(
                "--split must be iid or dirichlet:ALPHA with ALPHA > 0, got '" + split + "'");
    }
}
