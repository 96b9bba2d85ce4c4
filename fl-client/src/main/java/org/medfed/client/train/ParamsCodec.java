package org.medfed.client.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.nn.ParameterLayout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Between a DL4J network and the wire vector of {@link ParameterLayout} (per layer W row-major, then b), and on to
 * the blob (float32 little-endian, {@link FloatVectorCodec}) and its SHA-256. DL4J's own flat vector is also
 * {@code 0_W, 0_b, 1_W, 1_b, …} but keeps W column-major ('f' order), so W is transposed on the way; going
 * through {@code getParam} per layer keeps us independent of that internal order.
 */
public final class ParamsCodec {
    private ParamsCodec() {}

    /** A copy of the network's parameters in wire order. */
    public static float[] toWire(MultiLayerNetwork network, ParameterLayout layout) {
        float[] wire = new float[layout.parameterCount()];
        for (ParameterLayout.Layer layer : layout.layers()) {
            INDArray w = network.getParam(layer.index() + "_W");
            INDArray b = network.getParam(layer.index() + "_b");
            requireShape(w, layer.rows(), layer.cols(), layer.index() + "_W");
            for (int i = 0; i < layer.rows(); i++) {
                for (int j = 0; j < layer.cols(); j++) {
                    wire[layer.weightOffset() + i * layer.cols() + j] = w.getFloat(i, j);
                }
            }
            for (int j = 0; j < layer.cols(); j++) {
                wire[layer.biasOffset() + j] = b.getFloat(j);
            }
        }
        return wire;
    }

    /** Sets the network's parameters from a wire vector (copied; the array is not kept). */
    public static void load(MultiLayerNetwork network, ParameterLayout layout, float[] wire) {
        if (wire.length != layout.parameterCount()) {
            throw new IllegalArgumentException(
                    "the parameter vector has " + wire.length + " values, the model has " + layout.parameterCount());
        }
        FloatVectorCodec.requireFinite(wire);
        for (ParameterLayout.Layer layer : layout.layers()) {
            float[][] w = new float[layer.rows()][layer.cols()];
            for (int i = 0; i < layer.rows(); i++) {
                System.arraycopy(wire, layer.weightOffset() + i * layer.cols(), w[i], 0, layer.cols());
            }
            float[] b = new float[layer.cols()];
            System.arraycopy(wire, layer.biasOffset(), b, 0, layer.cols());
            INDArray target = network.getParam(layer.index() + "_W");
            requireShape(target, layer.rows(), layer.cols(), layer.index() + "_W");
            target.assign(Nd4j.createFromArray(w));
            INDArray bias = network.getParam(layer.index() + "_b");
            bias.assign(Nd4j.createFromArray(b).reshape(bias.shape()));
        }
    }

    public static byte[] toBlob(MultiLayerNetwork network, ParameterLayout layout) {
        return FloatVectorCodec.encode(toWire(network, layout));
    }

    /** Loads a blob that must hold exactly the layout's parameter count. */
    public static void loadBlob(MultiLayerNetwork network, ParameterLayout layout, byte[] blob) {
        load(network, layout, FloatVectorCodec.decode(blob, layout.parameterCount()));
    }

    public static String sha256(float[] wire) {
        return Hashing.sha256Hex(FloatVectorCodec.encode(wire));
    }

    private static void requireShape(INDArray array, int rows, int cols, String name) {
        long[] shape = array.shape();
        if (shape.length != 2 || shape[0] != rows || shape[1] != cols) {
            throw new IllegalStateException("DL4J parameter " + name + " has shape " + java.util.Arrays.toString(shape)
                    + ", expected [" + rows + ", " + cols + "]");
        }
    }
}
