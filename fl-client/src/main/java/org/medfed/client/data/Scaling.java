package org.medfed.client.data;

import java.util.Map;

/**
 * The feature-scaling rule of a task: one method and declared statistics per numeric feature, the same for every
 * participant. {@code z-score} maps x to (x - mean) / std, {@code min-max} to (x - min) / (max - min), {@code none}
 * leaves values as they are.
 */
public record Scaling(Method method, Map<String, Declared> stats) {

    public enum Method {
        NONE("none"),
        Z_SCORE("z-score"),
        MIN_MAX("min-max");

        private final String key;

        Method(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * Declared statistics of one feature: {@code (mean, std)} for z-score, {@code (min, max)} for min-max.
     */
    public record Declared(double first, double second) {}

    public static final Scaling NONE = new Scaling(Method.NONE, Map.of());

    public Scaling {
        stats = Map.copyOf(stats);
    }

    /** The scaled value of raw value {@code x} of {@code feature}. */
    public double apply(String feature, double x) {
        if (method == Method.NONE) {
            return x;
        }
        Declared d = stats.get(feature);
        return method == Method.Z_SCORE ? (x - d.first()) / d.second() : (x - d.first()) / (d.second() - d.first());
    }
}
