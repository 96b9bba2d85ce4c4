package org.medfed.client.train;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.HiddenActivation;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J {@link MultiLayerNetwork}s of a {@link ModelSpec}: dense hidden layers with the spec's activation, a softmax
 * output of {@code classes} units, multi-class cross-entropy, float32 unless asked otherwise. Parameters come from the
 * wire vector ({@link ParamsCodec}), so a network is exactly the blob it was built from.
 */
public final class ModelFactory {
    private ModelFactory() {}

    /** A network with the seeded initial parameters of {@link InitialModel#generate}. */
    public static MultiLayerNetwork create(ModelSpec spec, long seed) {
        return create(spec, InitialModel.generate(spec, seed));
    }

    /** A network holding {@code params} (wire order, {@code spec.parameterCount()} values). */
    public static MultiLayerNetwork create(ModelSpec spec, float[] params) {
        return create(spec, params, DataType.FLOAT);
    }

    /**
     * A network holding {@code params} that computes in {@code dataType}. Float32 parameters are exact in float64, so
     * a DOUBLE network is still exactly the blob, and its forward pass matches {@link Mlp}'s double arithmetic.
     */
    public static MultiLayerNetwork create(ModelSpec spec, float[] params, DataType dataType) {
        ParameterLayout layout = ParameterLayout.of(spec);
        Activation hidden = dl4j(layout.activation());
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(0)
                .dataType(dataType)
                .weightInit(WeightInit.ZERO)
                .updater(new Sgd(0.0))
                .list();
        int last = layout.layers().size() - 1;
        for (ParameterLayout.Layer layer : layout.layers()) {
            if (layer.index() < last) {
                list.layer(new DenseLayer.Builder()
                        .nIn(layer.rows())
                        .nOut(layer.cols())
                        .activation(hidden)
                        .build());
            } else {
                list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(layer.rows())
                        .nOut(layer.cols())
                        .activation(Activation.SOFTMAX)
                        .build());
            }
        }
        MultiLayerConfiguration conf = list.build();
        MultiLayerNetwork network = new MultiLayerNetwork(conf);
        network.init();
        ParamsCodec.load(network, layout, params);
        return network;
    }

    /** DL4J's activation for the spec's hidden layers. */
    static Activation dl4j(HiddenActivation activation) {
        return switch (activation) {
            case RELU -> Activation.RELU;
            case TANH -> Activation.TANH;
            case SIGMOID -> Activation.SIGMOID;
            case IDENTITY -> Activation.IDENTITY;
        };
    }
}
