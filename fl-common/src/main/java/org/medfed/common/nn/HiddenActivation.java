package org.medfed.common.nn;

import java.util.Arrays;

/**
 * The hidden layers' activation named by {@code ModelSpec.activation}, in plain Java. StrictMath, so every machine
 * (every endorser of a warm-up) computes the same bits; fl-client's {@code ModelFactory} maps it to DL4J's.
 */
public enum HiddenActivation {
    RELU("relu"),
    TANH("tanh"),
    SIGMOID("sigmoid"),
    IDENTITY("identity");

    private final String wire;

    HiddenActivation(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static HiddenActivation fromWire(String name) {
        for (HiddenActivation a : values()) {
            if (a.wire.equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation \"" + name + "\" is not supported; use one of "
                + Arrays.stream(values()).map(HiddenActivation::wire).toList());
    }

    double apply(double z) {
        return switch (this) {
            case RELU -> z > 0 ? z : 0;
            case TANH -> StrictMath.tanh(z);
            case SIGMOID -> 1 / (1 + StrictMath.exp(-z));
            case IDENTITY -> z;
        };
    }

    /** The derivative at z, given a = apply(z); ReLU's is 0 at z = 0, as in DL4J. */
    double derivative(double z, double a) {
        return switch (this) {
            case RELU -> z > 0 ? 1 : 0;
            case TANH -> 1 - a * a;
            case SIGMOID -> a * (1 - a);
            case IDENTITY -> 1;
        };
    }
}
