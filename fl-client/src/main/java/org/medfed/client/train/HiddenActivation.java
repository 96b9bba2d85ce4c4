package org.medfed.client.train;

import java.util.Arrays;
import org.nd4j.linalg.activations.Activation;

/** The hidden layers' activation named by {@code ModelSpec.activation}, in DL4J and in plain Java. */
public enum HiddenActivation {
    RELU("relu", Activation.RELU),
    TANH("tanh", Activation.TANH),
    SIGMOID("sigmoid", Activation.SIGMOID),
    IDENTITY("identity", Activation.IDENTITY);

    private final String wire;
    private final Activation dl4j;

    HiddenActivation(String wire, Activation dl4j) {
        this.wire = wire;
        this.dl4j = dl4j;
    }

    public String wire() {
        return wire;
    }

    Activation dl4j() {
        return dl4j;
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
            case TANH -> Math.tanh(z);
            case SIGMOID -> 1 / (1 + Math.exp(-z));
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
