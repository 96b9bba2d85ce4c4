package org.medfed.client.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.medfed.client.data.Scaling;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.Mlp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A global model as a DL4J {@code ModelSerializer} zip that a hospital's Java application loads without medfed: the
 * {@link MultiLayerNetwork} of {@link ModelFactory} in float64 (so it computes what {@link Mlp} computes), the task
 * mapping's feature scaling as the zip's normalizer (so raw features go in, as they come from the bedside), and
 * {@value #INFO_ENTRY} naming the input columns, the classes and the model's place on the ledger.
 */
public final class Dl4jExport {
    /** The only format {@code medfed model export} writes. */
    public static final String FORMAT = "dl4j";
    /** The zip entry with what the network does not say about itself. */
    public static final String INFO_ENTRY = "medfed-model.json";

    private Dl4jExport() {}

    /**
     * What the zip's network means: its inputs in order ({@code age}, or {@code cp=2} for a one-hot column, fed as 0
     * or 1), its output classes, and where it came from.
     *
     * @param scaling the method of the zip's normalizer ({@code z-score}, {@code min-max} or {@code none})
     * @param round the aggregated round whose global model this is (0 for the initial model)
     */
    public record Info(
            List<String> featureNames,
            List<String> classNames,
            String scaling,
            String taskId,
            long round,
            String modelCid,
            String modelSha256,
            String mappingSha256)
            implements JsonRecord {

        public Info {
            featureNames = List.copyOf(featureNames);
            classNames = List.copyOf(classNames);
            Checks.name("scaling", scaling);
            Checks.id("taskId", taskId);
            Checks.range("round", round, 0, Long.MAX_VALUE);
            Checks.cid("modelCid", modelCid);
            Checks.sha256("modelSha256", modelSha256);
            Checks.sha256("mappingSha256", mappingSha256);
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new TreeMap<>();
            json.put("format", FORMAT);
            json.put("featureNames", featureNames);
            json.put("classNames", classNames);
            json.put("scaling", scaling);
            json.put("taskId", taskId);
            json.put("round", round);
            json.put("modelCid", modelCid);
            json.put("modelSha256", modelSha256);
            json.put("mappingSha256", mappingSha256);
            return json;
        }

        public static Info fromJson(Map<String, Object> json) {
            JsonFields.requireOnly(
                    json,
                    "format",
                    "featureNames",
                    "classNames",
                    "scaling",
                    "taskId",
                    "round",
                    "modelCid",
                    "modelSha256",
                    "mappingSha256");
            if (!FORMAT.equals(JsonFields.string(json, "format"))) {
                throw new IllegalArgumentException("format must be " + FORMAT + ", got " + json.get("format"));
            }
            return new Info(
                    JsonFields.strings(json, "featureNames"),
                    JsonFields.strings(json, "classNames"),
                    JsonFields.string(json, "scaling"),
                    JsonFields.string(json, "taskId"),
                    JsonFields.integer(json, "round"),
                    JsonFields.string(json, "modelCid"),
                    JsonFields.string(json, "modelSha256"),
                    JsonFields.string(json, "mappingSha256"));
        }
    }

    /** Writes the zip of the model {@code params} (wire order) to {@code out}, replacing a file there. */
    public static void write(ModelSpec spec, float[] params, Scaling scaling, Info info, Path out) throws IOException {
        if (info.featureNames().size() != spec.inputs() || info.classNames().size() != spec.classes()) {
            throw new IllegalArgumentException(
                    "the mapping gives " + info.featureNames().size() + " features and "
                            + info.classNames().size() + " classes, the model takes " + spec.inputs() + " and gives "
                            + spec.classes());
        }
        MultiLayerNetwork network = ModelFactory.create(spec, params, DataType.DOUBLE);
        // writeModel(…, normalizer) fails in DL4J 1.0.0-M2.1 (the normalizer's writer closes the shared zip stream,
        // "flush() failed: stream is closed"); adding the normalizer to the written zip is the documented other way.
        ModelSerializer.writeModel(network, out.toFile(), false);
        ModelSerializer.addNormalizerToModel(out.toFile(), normalizer(scaling, info.featureNames()));
        try (FileSystem zip = FileSystems.newFileSystem(out)) {
            Files.writeString(zip.getPath(INFO_ENTRY), CanonicalJson.encode(info.toJson()), StandardCharsets.UTF_8);
        }
    }

    /**
     * DL4J's form of {@link Scaling#apply}, column by column in input order. A column without declared statistics
     * (a one-hot column, or every column under {@code none}) passes unchanged: mean 0 and std 1, or min 0 and max 1.
     */
    static DataNormalization normalizer(Scaling scaling, List<String> featureNames) {
        int n = featureNames.size();
        boolean minMax = scaling.method() == Scaling.Method.MIN_MAX;
        double[] first = new double[n];
        double[] second = new double[n];
        for (int i = 0; i < n; i++) {
            Scaling.Declared declared = scaling.method() == Scaling.Method.NONE
                    ? null
                    : scaling.stats().get(featureNames.get(i));
            first[i] = declared == null ? 0 : declared.first();
            second[i] = declared == null ? 1 : declared.second();
        }
        if (minMax) {
            NormalizerMinMaxScaler scaler = new NormalizerMinMaxScaler(0, 1);
            scaler.setFeatureStats(Nd4j.createFromArray(first), Nd4j.createFromArray(second));
            return scaler;
        }
        return new NormalizerStandardize(Nd4j.createFromArray(first), Nd4j.createFromArray(second));
    }
}
