package org.medfed.client.train;

import java.util.SplittableRandom;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.HiddenActivation;
import org.medfed.common.nn.ParameterLayout;

/**
 * The initial global model a task creator publishes: Glorot-uniform weights (U(−a, a), a = √(6/(inputs + units)))
 * and zero biases, drawn in wire order from {@code SplittableRandom(seed)} in plain Java. The same spec and seed
 * give the same blob on every machine and JDK (SplittableRandom's algorithm is specified), unlike a DL4J/ND4J
 * initialisation, whose native RNG is an implementation detail.
 */
public final class InitialModel {
    private InitialModel() {}

    public static float[] generate(ModelSpec spec, long seed) {
        ParameterLayout layout = ParameterLayout.of(spec);
        HiddenActivation.fromWire(spec.activation());
        float[] params = new float[layout.parameterCount()];
        SplittableRandom random = new SplittableRandom(seed);
        for (ParameterLayout.Layer layer : layout.layers()) {
            double limit = Math.sqrt(6.0 / (layer.rows() + layer.cols()));
            for (int k = 0; k < layer.weightCount(); k++) {
                params[layer.weightOffset() + k] = (float) ((2 * random.nextDouble() - 1) * limit);
            }
        }
        return params;
    }

    /** The blob (float32 little-endian) of {@link #generate}. */
    public static byte[] blob(ModelSpec spec, long seed) {
        return FloatVectorCodec.encode(generate(spec, seed));
    }
}
