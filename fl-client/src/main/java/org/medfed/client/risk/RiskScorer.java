package org.medfed.client.risk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.medfed.client.train.Dl4jExport;
import org.medfed.client.train.Metrics;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores raw feature rows with a model exported by {@code medfed model export --format dl4j}: the zip's normalizer
 * scales them as the task's mapping does, its network gives the class probabilities. Raw means as measured (mmHg,
 * mmol/L, °F, bpm) in the order of {@link #featureNames()}; a one-hot column is 0 or 1. Thread-safe (one row at a
 * time).
 */
public final class RiskScorer {
    private final MultiLayerNetwork network;
    private final DataNormalization normalizer;
    private final Dl4jExport.Info info;

    private RiskScorer(MultiLayerNetwork network, DataNormalization normalizer, Dl4jExport.Info info) {
        this.network = network;
        this.normalizer = normalizer;
        this.info = info;
    }

    /** Loads an exported zip; one without medfed's normalizer or {@value Dl4jExport#INFO_ENTRY} is refused. */
    public static RiskScorer load(Path zip) throws IOException {
        Dl4jExport.Info info = info(zip);
        var restored = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(zip.toFile(), false);
        if (!(restored.getSecond() instanceof DataNormalization normalizer)) {
            throw new IOException(zip + " has no feature normalizer; export it with medfed model export");
        }
        MultiLayerNetwork network = restored.getFirst();
        if (network.layerInputSize(0) != info.featureNames().size()
                || network.layerSize(network.getnLayers() - 1)
                        != info.classNames().size()) {
            throw new IOException(zip + ": the network does not have the "
                    + info.featureNames().size() + " inputs and "
                    + info.classNames().size() + " classes " + Dl4jExport.INFO_ENTRY + " names");
        }
        return new RiskScorer(network, normalizer, info);
    }

    /** The class probabilities of one raw feature row (they sum to 1). */
    public synchronized double[] probabilities(double[] rawFeatures) {
        if (rawFeatures.length != info.featureNames().size()) {
            throw new IllegalArgumentException("the row has " + rawFeatures.length + " features, the model takes "
                    + info.featureNames().size() + " " + info.featureNames());
        }
        for (int i = 0; i < rawFeatures.length; i++) {
            if (!Double.isFinite(rawFeatures[i])) {
                throw new IllegalArgumentException(info.featureNames().get(i) + " is " + rawFeatures[i]);
            }
        }
        INDArray x = Nd4j.createFromArray(new double[][] {rawFeatures});
        normalizer.transform(x);
        return network.output(x, false).toDoubleVector();
    }

    /** The most probable class (the lowest index on a tie), an index into {@link #classNames()}. */
    public int predictedClass(double[] rawFeatures) {
        return Metrics.predictions(new double[][] {probabilities(rawFeatures)})[0];
    }

    /** The inputs in order, as the task's mapping encodes them. */
    public List<String> featureNames() {
        return info.featureNames();
    }

    /** The output classes in order, as the task's mapping names them. */
    public List<String> classNames() {
        return info.classNames();
    }

    /** The task, round, model CID and SHA-256 the zip was exported from. */
    public Dl4jExport.Info info() {
        return info;
    }

    private static Dl4jExport.Info info(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry(Dl4jExport.INFO_ENTRY);
            if (entry == null) {
                throw new IOException(zip + " has no " + Dl4jExport.INFO_ENTRY
                        + "; export it with medfed model export --format dl4j");
            }
            try (InputStream in = file.getInputStream(entry)) {
                String text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
                Map<String, Object> json = JsonFields.object(CanonicalJson.parse(text));
                return Dl4jExport.Info.fromJson(json);
            } catch (IllegalArgumentException e) {
                throw new IOException(zip + ": " + Dl4jExport.INFO_ENTRY + " is not valid: " + e.getMessage(), e);
            }
        }
    }
}
