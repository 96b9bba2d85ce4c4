package org.medfed.common.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ModelSpec;

/**
 * Where each layer's parameters sit in the flat float32 vector of a model blob. The order is, for layer 0, 1, …:
 * the weight matrix W of {@code rows} = inputs × {@code cols} = units, row-major (the weight from input i to unit
 * j at {@code weightOffset + i·cols + j}), then the bias b of {@code cols} values at {@code biasOffset}. The last
 * layer is the softmax output of {@code classes} units. Its canonical JSON is the shape manifest.
 */
public record ParameterLayout(ModelSpec spec, List<Layer> layers) {

    public record Layer(int index, int rows, int cols, int weightOffset, int biasOffset) {
        public int weightCount() {
            return rows * cols;
        }
    }

    public static ParameterLayout of(ModelSpec spec) {
        if (spec.parameterCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "the model has " + spec.parameterCount() + " parameters, more than a Java array holds");
        }
        List<Long> widths = new ArrayList<>();
        widths.add(spec.inputs());
        widths.addAll(spec.hiddenLayers());
        widths.add(spec.classes());
        List<Layer> layers = new ArrayList<>();
        int offset = 0;
        for (int l = 1; l < widths.size(); l++) {
            int rows = Math.toIntExact(widths.get(l - 1));
            int cols = Math.toIntExact(widths.get(l));
            layers.add(new Layer(l - 1, rows, cols, offset, offset + rows * cols));
            offset += rows * cols + cols;
        }
        return new ParameterLayout(spec, List.copyOf(layers));
    }

    public int parameterCount() {
        Layer last = layers.get(layers.size() - 1);
        return last.biasOffset() + last.cols();
    }

    public HiddenActivation activation() {
        return HiddenActivation.fromWire(spec.activation());
    }

    /** The shape manifest: canonical JSON (sorted keys, no whitespace) of the layout. */
    public String manifestJson() {
        List<Object> layerJson = new ArrayList<>();
        for (Layer layer : layers) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("layer", layer.index());
            json.put("rows", layer.rows());
            json.put("cols", layer.cols());
            json.put("weightOffset", layer.weightOffset());
            json.put("biasOffset", layer.biasOffset());
            json.put("biasLength", layer.cols());
            json.put("activation", layer.index() == layers.size() - 1 ? "softmax" : spec.activation());
            layerJson.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("architecture", spec.architecture());
        json.put("dtype", "float32");
        json.put("byteOrder", "little-endian");
        json.put("order", "per layer: W (rows = inputs, cols = units, row-major), then b");
        json.put("parameterCount", parameterCount());
        json.put("layers", layerJson);
        return CanonicalJson.encode(json);
    }

    public String manifestSha256() {
        return Hashing.sha256Hex(manifestJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
