package org.medfed.client.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.InvalidVectorException;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.ParameterLayout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ParamsCodecTest {
    private final ModelSpec spec = Specs.mlp(5, List.of(4L, 3L), "tanh", 3);
    private final ParameterLayout layout = ParameterLayout.of(spec);

    @Test
    void wireOrderIsPerLayerRowMajorWeightsThenBiases() {
        float[] wire = new float[layout.parameterCount()];
        for (int k = 0; k < wire.length; k++) {
            wire[k] = k;
        }
        MultiLayerNetwork network = ModelFactory.create(spec, wire);
        for (ParameterLayout.Layer layer : layout.layers()) {
            INDArray w = network.getParam(layer.index() + "_W");
            for (int i = 0; i < layer.rows(); i++) {
                for (int j = 0; j < layer.cols(); j++) {
                    assertThat(w.getFloat(i, j)).isEqualTo(layer.weightOffset() + i * layer.cols() + j);
                }
            }
            INDArray b = network.getParam(layer.index() + "_b");
            for (int j = 0; j < layer.cols(); j++) {
                assertThat(b.getFloat(j)).isEqualTo(layer.biasOffset() + j);
            }
        }
        assertThat(ParamsCodec.toWire(network, layout)).containsExactly(wire);
    }

    @Test
    void networkToBlobToNetworkGivesIdenticalOutputs() {
        MultiLayerNetwork original = ModelFactory.create(spec, 7L);
        byte[] blob = ParamsCodec.toBlob(original, layout);
        assertThat(blob).hasSize(4 * (int) spec.parameterCount());

        MultiLayerNetwork copy = ModelFactory.create(spec, 8L);
        ParamsCodec.loadBlob(copy, layout, blob);

        INDArray inputs = randomInputs(16, 5, 3);
        assertThat(copy.output(inputs).ravel().toFloatVector())
                .containsExactly(original.output(inputs).ravel().toFloatVector());
        assertThat(Hashing.sha256Hex(ParamsCodec.toBlob(copy, layout))).isEqualTo(Hashing.sha256Hex(blob));
        assertThat(ParamsCodec.sha256(FloatVectorCodec.decode(blob))).isEqualTo(Hashing.sha256Hex(blob));
    }

    @Test
    void aSeededNetworkHoldsExactlyTheInitialModelBlob() {
        assertThat(ParamsCodec.toBlob(ModelFactory.create(spec, 42L), layout)).isEqualTo(InitialModel.blob(spec, 42L));
    }

    @Test
    void toWireIsACopyNotTheLiveBuffer() {
        MultiLayerNetwork network = ModelFactory.create(spec, 1L);
        float[] wire = ParamsCodec.toWire(network, layout);
        float before = wire[0];
        network.getParam("0_W").putScalar(0, 0, before + 1);
        assertThat(wire[0]).isEqualTo(before);
    }

    @Test
    void refusesABlobOfTheWrongLength() {
        MultiLayerNetwork network = ModelFactory.create(spec, 1L);
        byte[] shortBlob = new byte[4 * (layout.parameterCount() - 1)];
        assertThatThrownBy(() -> ParamsCodec.loadBlob(network, layout, shortBlob))
                .isInstanceOf(InvalidVectorException.class)
                .hasMessageContaining("expected");
        assertThatThrownBy(() -> ParamsCodec.load(network, layout, new float[3]))
                .hasMessageContaining("3 values");
    }

    static INDArray randomInputs(int rows, int cols, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[rows][cols];
        for (float[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return Nd4j.createFromArray(x);
    }
}
