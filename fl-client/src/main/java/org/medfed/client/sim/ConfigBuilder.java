package org.medfed.client.sim;

import java.util.List;
import org.medfed.common.model.RiskModelSpec;
import org.medfed.common.model.UsePurpose;

/** A {@link SimConfig} built step by step (the evaluation varies one or two settings at a time). */
final class ConfigBuilder implements Cloneable {
    SimData.Partitioning partitioning = new SimData.Iid(3);
    double testFraction = 0.2;
    String strategy = "fedavg";
    double beta = 0.25;
    Double serverLr;
    boolean reputationWeighted;
    int rounds = 10;
    int epochs = 1;
    int batch = 32;
    double lr = 0.1;
    double mu;
    List<Long> hidden = List.of();
    Double dpEpsilon;
    List<Long> seeds = List.of(1L);
    int malicious;
    String attack;
    UsePurpose usePurpose;
    RiskModelSpec risk;

    SimConfig build() {
        return new SimConfig(
                partitioning,
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
                null,
                1.0,
                1e-5,
                seeds,
                malicious,
                attack,
                usePurpose,
                risk);
    }

    ConfigBuilder copy() {
        try {
            return (ConfigBuilder) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    ConfigBuilder strategy(String name, Double eta) {
        ConfigBuilder c = copy();
        c.strategy = name;
        c.serverLr = eta;
        return c;
    }

    /** The strategy by name, without a server learning rate (e.g. {@code scaffold}, {@code fedavg}). */
    ConfigBuilder strategy(String name) {
        return strategy(name, null);
    }

    ConfigBuilder dp(Double epsilon) {
        ConfigBuilder c = copy();
        c.dpEpsilon = epsilon;
        return c;
    }

    ConfigBuilder mu(double value) {
        ConfigBuilder c = copy();
        c.mu = value;
        return c;
    }

    ConfigBuilder attack(int count, String kind) {
        ConfigBuilder c = copy();
        c.malicious = count;
        c.attack = kind;
        return c;
    }

    /** A risk task: each site approves {@code purpose} for its dataset, and the model's classes have risks. */
    ConfigBuilder use(UsePurpose purpose, RiskModelSpec classes) {
        ConfigBuilder c = copy();
        c.usePurpose = purpose;
        c.risk = classes;
        return c;
    }

    ConfigBuilder partitioning(SimData.Partitioning value) {
        ConfigBuilder c = copy();
        c.partitioning = value;
        return c;
    }
}
