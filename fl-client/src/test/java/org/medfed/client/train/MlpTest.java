package org.medfed.client.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The plain-Java {@link Mlp} of fl-common agrees with DL4J; fl-common tests it on its own. */
class MlpTest {

    @ParameterizedTest
    @ValueSource(strings = {"relu", "tanh", "sigmoid", "identity"})
    void probabilitiesAndPerExampleGradientAgreeWithDl4j(String activation) {
        ModelSpec spec = Specs.mlp(6, List.of(5L, 4L), activation, 3);
        ParameterLayout layout = ParameterLayout.of(spec);
        float[] wire = InitialModel.generate(spec, 21);
        SplittableRandom random = new SplittableRandom(4);
        for (int k = 0; k < wire.length; k++) {
            wire[k] += (float) (0.1 * random.nextGaussian()); // non-zero biases too
        }
        MultiLayerNetwork network = ModelFactory.create(spec, wire);
        Mlp mlp = new Mlp(layout);
        double[] params = toDouble(wire);

        for (int example = 0; example < 5; example++) {
            float[] x = new float[6];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            int y = example % 3;
            INDArray features = Nd4j.createFromArray(new float[][] {x});
            INDArray labels =
                    Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 1, 3).putScalar(0, y, 1);

            float[] dl4jProbabilities = network.output(features).toFloatVector();
            double[] ours = mlp.probabilities(params, x);
            for (int c = 0; c < 3; c++) {
                assertThat(ours[c]).isCloseTo(dl4jProbabilities[c], within(1e-5));
            }

            network.setInput(features);
            network.setLabels(labels);
            network.computeGradientAndScore();
            Gradient gradient = network.gradient();
            double[] expected = new double[layout.parameterCount()];
            for (ParameterLayout.Layer layer : layout.layers()) {
                INDArray w = gradient.getGradientFor(layer.index() + "_W");
                INDArray b = gradient.getGradientFor(layer.index() + "_b");
                for (int i = 0; i < layer.rows(); i++) {
                    for (int j = 0; j < layer.cols(); j++) {
                        expected[layer.weightOffset() + i * layer.cols() + j] = w.getDouble(i, j);
                    }
                }
                for (int j = 0; j < layer.cols(); j++) {
                    expected[layer.biasOffset() + j] = b.getDouble(j);
                }
            }
            double[] actual = new double[layout.parameterCount()];
            double loss = mlp.lossAndGradient(params, x, y, actual);
            assertThat(loss).isCloseTo(network.score(), within(1e-5));
            for (int k = 0; k < actual.length; k++) {
                assertThat(actual[k]).as("parameter %d", k).isCloseTo(expected[k], within(1e-5));
            }
        }
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
