package org.medfed.common.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * The model every participant trains: for now a multi-layer perceptron of dense layers with biases
 * ({@code inputs → hiddenLayers… → classes}), and the initial global model's IPFS reference.
 */
public record ModelSpec(
        String architecture,
        long inputs,
        List<Long> hiddenLayers,
        String activation,
        long classes,
        ContentRef initialModel)
        implements JsonRecord {
    public static final String MLP = "mlp";
    public static final long MAX_WIDTH = 1 << 20;
    public static final int MAX_HIDDEN_LAYERS = 32;
    public static final long MAX_PARAMETERS = 1L << 40;

    public ModelSpec {
        if (!MLP.equals(architecture)) {
            throw new IllegalArgumentException("architecture must be \"mlp\", got " + architecture);
        }
        Checks.range("inputs", inputs, 1, MAX_WIDTH);
        Checks.required("hiddenLayers", hiddenLayers);
        Checks.range("hiddenLayers size", hiddenLayers.size(), 0, MAX_HIDDEN_LAYERS);
        hiddenLayers.forEach(width ->
                Checks.range("hiddenLayers entry", Checks.required("hiddenLayers entry", width), 1, MAX_WIDTH));
        hiddenLayers = List.copyOf(hiddenLayers);
        Checks.name("activation", activation);
        Checks.range("classes", classes, 2, MAX_WIDTH);
        Checks.required("initialModel", initialModel);
        Checks.range("parameter count", parameterCount(inputs, hiddenLayers, classes), 1, MAX_PARAMETERS);
    }

    /** Weights plus biases of every dense layer: the length of the flat parameter vector an update carries. */
    public long parameterCount() {
        return parameterCount(inputs, hiddenLayers, classes);
    }

    private static long parameterCount(long inputs, List<Long> hiddenLayers, long classes) {
        List<Long> widths = new ArrayList<>();
        widths.add(inputs);
        widths.addAll(hiddenLayers);
        widths.add(classes);
        long count = 0;
        for (int i = 1; i < widths.size(); i++) {
            count = Math.addExact(
                    count, Math.addExact(Math.multiplyExact(widths.get(i - 1), widths.get(i)), widths.get(i)));
        }
        return count;
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of(
                "architecture",
                architecture,
                "inputs",
                inputs,
                "hiddenLayers",
                hiddenLayers,
                "activation",
                activation,
                "classes",
                classes,
                "initialModel",
                initialModel.toJson());
    }

    public static ModelSpec fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "architecture", "inputs", "hiddenLayers", "activation", "classes", "initialModel");
        return new ModelSpec(
                JsonFields.string(json, "architecture"),
                JsonFields.integer(json, "inputs"),
                JsonFields.integers(json, "hiddenLayers"),
                JsonFields.string(json, "activation"),
                JsonFields.integer(json, "classes"),
                ContentRef.fromJson(JsonFields.object(json, "initialModel")));
    }
}
