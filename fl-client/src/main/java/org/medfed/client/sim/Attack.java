package org.medfed.client.sim;

import java.util.List;
import java.util.random.RandomGenerator;
import org.medfed.client.data.TabularDataset;

/**
 * What a simulation's attackers (the last {@code --malicious} participants) do in every round ({@code --attack}):
 * the rows an attacker trains on ({@link #trainingRows}) and what it submits in place of the model it trained
 * ({@link #submitted}), by {@link UpdateAttacks}' arithmetic. Deterministic given the round and the attacker's own
 * seeded generator.
 */
public sealed interface Attack {
    String USAGE = "label-flip, scale:FACTOR, sign-flip[:LAMBDA], gaussian:SIGMA, alie[:Z] or backdoor[:BOOST]";

    /**
     * One round as the attackers see it: the global model, the model every participant trained (honest ones and
     * the attackers' own training, in participant order), each participant's example count, and the first
     * attacker's index (attackers are the last participants).
     */
    record Round(float[] global, List<float[]> trained, List<Long> examples, int firstAttacker) {
        public Round {
            trained = List.copyOf(trained);
            examples = List.copyOf(examples);
            if (trained.size() != examples.size() || firstAttacker < 0 || firstAttacker >= trained.size()) {
                throw new IllegalArgumentException("a round needs one example count per participant and an attacker");
            }
        }

        int attackers() {
            return trained.size() - firstAttacker;
        }
    }

    /** The rows an attacker trains on, from its own: by default its own. */
    default TabularDataset trainingRows(TabularDataset own) {
        return own;
    }

    /** What attacker {@code attacker} (a participant index) submits in {@code round}. */
    float[] submitted(Round round, int attacker, RandomGenerator random);

    /** Trains on inverted labels (class c → C − 1 − c) and submits what it trained. */
    record LabelFlip() implements Attack {
        @Override
        public TabularDataset trainingRows(TabularDataset own) {
            int classes = own.classNames().size();
            int[] y = own.labels();
            for (int i = 0; i < y.length; i++) {
                y[i] = classes - 1 - y[i];
            }
            return new TabularDataset(own.features(), y, own.featureNames(), own.classNames());
        }

        @Override
        public float[] submitted(Round round, int attacker, RandomGenerator random) {
            return round.trained().get(attacker);
        }
    }

    /** Submits global + factor × its honest change. */
    record Scale(double factor) implements Attack {
        @Override
        public float[] submitted(Round round, int attacker, RandomGenerator random) {
            return UpdateAttacks.scaled(round.global(), round.trained().get(attacker), factor);
        }
    }

    /** Submits global − λ × its honest change. */
    record SignFlip(double lambda) implements Attack {
        @Override
        public float[] submitted(Round round, int attacker, RandomGenerator random) {
            return UpdateAttacks.signFlipped(round.global(), round.trained().get(attacker), lambda);
        }
    }

    /** Submits global + N(0, σ²) noise, trained on nothing. */
    record Gaussian(double sigma) implements Attack {
        @Override
        public float[] submitted(Round round, int attacker, RandomGenerator random) {
            return UpdateAttacks.noise(round.global(), sigma, random);
        }
    }

    /**
     * "A little is enough", omniscient: every attacker submits global + μ − z·σ, μ and σ over the changes every
     * participant trained this round (on a medfed network the submitted updates are readable from IPFS as soon as
     * they are on the ledger, so an attacker submitting last can know them); z as given, or
     * {@link UpdateAttacks#alieZ} for n participants and the attackers' count when null.
     */
    record Alie(Double z) implements Attack {
        @Override
        public float[] submitted(Round round, int attacker, RandomGenerator random) {
            return UpdateAttacks.alie(round.global(), round.trained(), z(round));
        }

        double z(Round round) {
            return z != null ? z : UpdateAttacks.alieZ(round.trained().size(), round.attackers());
        }
    }

    /**
     * A backdoor by model replacement (Bagdasaryan et al. 2020): trains on its rows plus triggered copies relabelled
     * to the target ({@link Trigger#standard}), then submits its change scaled by {@code boost}, or by
     * {@link UpdateAttacks#replacementBoost} when null, so that FedAvg's aggregate becomes its model.
     */
    record Backdoor(Double boost) implements Attack {
        @Override
        public TabularDataset trainingRows(TabularDataset own) {
            return trigger(own.featureNames().size()).poisoned(own);
        }

        @Override
        public float[] submitted(Round round, int attacker, RandomGenerator random) {
            double gamma = boost != null
                    ? boost
                    : UpdateAttacks.replacementBoost(round.examples(), round.attackers(), attacker);
            return UpdateAttacks.scaled(round.global(), round.trained().get(attacker), gamma);
        }

        public Trigger trigger(int features) {
            return Trigger.standard(features);
        }
    }

    /** {@code text} as {@code --attack} takes it ({@link #USAGE}); IllegalArgumentException when it is not one. */
    static Attack parse(String text) {
        String name = text.contains(":") ? text.substring(0, text.indexOf(':')) : text;
        Double value = text.contains(":") ? number(text, text.substring(text.indexOf(':') + 1)) : null;
        Attack attack = switch (name) {
            case "label-flip" -> value == null ? new LabelFlip() : null;
            case "scale" -> value == null ? null : new Scale(value);
            case "sign-flip" -> new SignFlip(value == null ? 1 : positive(text, value));
            case "gaussian" -> value == null ? null : new Gaussian(positive(text, value));
            case "alie" -> new Alie(value == null ? null : nonNegative(text, value));
            case "backdoor" -> new Backdoor(value == null ? null : positive(text, value));
            default -> null;
        };
        if (attack == null) {
            throw new IllegalArgumentException("unknown attack '" + text + "'; use " + USAGE);
        }
        return attack;
    }

    private static Double number(String text, String value) {
        try {
            double v = Double.parseDouble(value);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("attack '" + text + "' needs a finite number after ':'; use " + USAGE);
    }

    private static double positive(String text, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("attack '" + text + "' needs a positive number; use " + USAGE);
        }
        return value;
    }

    private static double nonNegative(String text, double value) {
        if (value < 0) {
            throw new IllegalArgumentException("attack '" + text + "' needs a number of at least 0; use " + USAGE);
        }
        return value;
    }
}
