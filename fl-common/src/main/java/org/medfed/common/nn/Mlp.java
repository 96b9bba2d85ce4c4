package org.medfed.common.nn;

import java.util.List;

/**
 * The MLP of a {@link ParameterLayout} in plain Java over the flat parameter vector (wire order): forward pass,
 * cross-entropy loss and the gradient of one example. DP-SGD needs one gradient per example; for a model of a few
 * hundred parameters this costs about a microsecond here, where a DL4J call per single-example DataSet costs the
 * JNI and op-dispatch overhead of a whole minibatch. Double precision, fixed loop order, no BLAS and StrictMath (Math's
 * exp/log may be intrinsics that differ in the last bit between JVMs): the same inputs give the same bits on every
 * machine, which the ledger's warm-up needs, since every endorser recomputes it. fl-client's {@code MlpTest} checks it
 * against DL4J's own gradient. Not thread-safe (it reuses its activation buffers).
 */
public final class Mlp {
    private final ParameterLayout layout;
    private final List<ParameterLayout.Layer> layers;
    private final HiddenActivation activation;
    /** pre[l] and post[l]: layer l's pre-activations and outputs; post of the last layer is the softmax. */
    private final double[][] pre;

    private final double[][] post;
    private final double[][] delta;

    public Mlp(ParameterLayout layout) {
        this.layout = layout;
        this.layers = layout.layers();
        this.activation = layout.activation();
        this.pre = new double[layers.size()][];
        this.post = new double[layers.size()][];
        this.delta = new double[layers.size()][];
        for (int l = 0; l < layers.size(); l++) {
            int cols = layers.get(l).cols();
            pre[l] = new double[cols];
            post[l] = new double[cols];
            delta[l] = new double[cols];
        }
    }

    public ParameterLayout layout() {
        return layout;
    }

    /** Class probabilities of one example (a fresh array). */
    public double[] probabilities(double[] params, float[] x) {
        forward(params, x);
        return post[layers.size() - 1].clone();
    }

    /**
     * Writes the gradient of −log p(y | x) with respect to every parameter into {@code gradient} (overwritten,
     * wire order) and returns that loss.
     */
    public double lossAndGradient(double[] params, float[] x, int y, double[] gradient) {
        int last = layers.size() - 1;
        if (y < 0 || y >= layers.get(last).cols()) {
            throw new IllegalArgumentException("label " + y + " is not a class of this model");
        }
        double loss = forward(params, x, y);
        for (int j = 0; j < post[last].length; j++) {
            delta[last][j] = post[last][j] - (j == y ? 1 : 0);
        }
        for (int l = last; l >= 0; l--) {
            ParameterLayout.Layer layer = layers.get(l);
            int cols = layer.cols();
            for (int i = 0; i < layer.rows(); i++) {
                double input = l == 0 ? x[i] : post[l - 1][i];
                int row = layer.weightOffset() + i * cols;
                for (int j = 0; j < cols; j++) {
                    gradient[row + j] = input * delta[l][j];
                }
            }
            System.arraycopy(delta[l], 0, gradient, layer.biasOffset(), cols);
            if (l > 0) {
                for (int i = 0; i < layer.rows(); i++) {
                    int row = layer.weightOffset() + i * cols;
                    double back = 0;
                    for (int j = 0; j < cols; j++) {
                        back += params[row + j] * delta[l][j];
                    }
                    delta[l - 1][i] = back * activation.derivative(pre[l - 1][i], post[l - 1][i]);
                }
            }
        }
        return loss;
    }

    private void forward(double[] params, float[] x) {
        forward(params, x, -1);
    }

    /** Returns −log p(y | x) when y ≥ 0 (computed from the logits, so it stays finite), else 0. */
    private double forward(double[] params, float[] x, int y) {
        if (x.length != layers.get(0).rows()) {
            throw new IllegalArgumentException("example has " + x.length + " features, the model expects "
                    + layers.get(0).rows());
        }
        if (params.length != layout.parameterCount()) {
            throw new IllegalArgumentException(
                    "parameters have " + params.length + " values, the model has " + layout.parameterCount());
        }
        int last = layers.size() - 1;
        double loss = 0;
        for (int l = 0; l <= last; l++) {
            ParameterLayout.Layer layer = layers.get(l);
            int cols = layer.cols();
            double[] z = pre[l];
            System.arraycopy(params, layer.biasOffset(), z, 0, cols);
            for (int i = 0; i < layer.rows(); i++) {
                double input = l == 0 ? x[i] : post[l - 1][i];
                int row = layer.weightOffset() + i * cols;
                for (int j = 0; j < cols; j++) {
                    z[j] += input * params[row + j];
                }
            }
            if (l < last) {
                for (int j = 0; j < cols; j++) {
                    post[l][j] = activation.apply(z[j]);
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    max = Math.max(max, v);
                }
                double total = 0;
                for (int j = 0; j < cols; j++) {
                    post[l][j] = StrictMath.exp(z[j] - max);
                    total += post[l][j];
                }
                for (int j = 0; j < cols; j++) {
                    post[l][j] /= total;
                }
                if (y >= 0) {
                    loss = StrictMath.log(total) + max - z[y];
                }
            }
        }
        return loss;
    }
}
