package org.medfed.client.cli;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.medfed.client.ExitCodes;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.risk.RiskScorer;
import org.medfed.client.train.Dl4jExport;
import org.medfed.client.train.InitialModel;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;

/**
 * Hidden: exports a seeded maternal-risk model, reloads it with {@link RiskScorer} and compares it with {@link Mlp}.
 * It needs no ledger, so it checks that the shaded jar still carries every DL4J/ND4J class and native library that
 * export and scoring use ({@code java -jar fl-client/target/medfed-cli.jar model dl4j-check}).
 */
@Command(
        name = "dl4j-check",
        hidden = true,
        mixinStandardHelpOptions = true,
        description = "Export, reload and score a seeded model through DL4J; exit 0 when it matches medfed's own.")
final class ModelDl4jCheckCommand extends ReportingCommand {
    private static final String MAPPING = "/examples/mapping-maternal-health-risk.json";
    /** Raw vitals: Age, SystolicBP, DiastolicBP, BS, BodyTemp, HeartRate. */
    private static final double[][] ROWS = {
        {25, 130, 80, 15, 98, 86}, {35, 140, 90, 13, 98, 70}, {19, 90, 65, 7, 98, 76}
    };

    @Override
    protected int run() throws Exception {
        SchemaMapping mapping;
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(MAPPING), MAPPING)) {
            mapping = SchemaMapping.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), MAPPING);
        }
        String zeros = "0".repeat(64);
        ModelSpec spec =
                new ModelSpec(ModelSpec.MLP, 6, List.of(16L), "relu", 3, new ContentRef("bafkreicheck", zeros));
        float[] params = InitialModel.generate(spec, 14);
        Path dir = Files.createTempDirectory("medfed-dl4j-check");
        Path zip = dir.resolve("check.zip");
        try {
            Dl4jExport.Info info = new Dl4jExport.Info(
                    mapping.featureNames(),
                    mapping.label().classes(),
                    mapping.scaling().method().key(),
                    "dl4j-check",
                    0,
                    "bafkreicheck",
                    Hashing.sha256Hex(new byte[0]),
                    mapping.fingerprint());
            Dl4jExport.write(spec, params, mapping.scaling(), info, zip);
            RiskScorer scorer = RiskScorer.load(zip);
            double[] wide = new double[params.length];
            for (int k = 0; k < params.length; k++) {
                wide[k] = params[k];
            }
            Mlp mlp = new Mlp(ParameterLayout.of(spec));
            double worst = 0;
            for (double[] row : ROWS) {
                float[] x = new float[row.length];
                for (int i = 0; i < row.length; i++) {
                    x[i] = (float) mapping.scaling().apply(mapping.features().get(i), row[i]);
                }
                double[] expected = mlp.probabilities(wide, x);
                double[] actual = scorer.probabilities(row);
                // A custom op too (its output shape loads ND4J's protobuf classes): the argmax, by ND4J.
                if (Nd4j.argMax(Nd4j.createFromArray(actual)).getInt(0) != scorer.predictedClass(row)) {
                    worst = Double.POSITIVE_INFINITY;
                }
                for (int c = 0; c < expected.length; c++) {
                    worst = Math.max(worst, Math.abs(actual[c] - expected[c]));
                }
            }
            boolean ok = worst <= 1e-6;
            out().printf(
                            Locale.ROOT,
                            "%s: DL4J export of %d bytes, %d rows scored, largest difference from Mlp %.2e%n",
                            ok ? "OK" : "MISMATCH",
                            Files.size(zip),
                            ROWS.length,
                            worst);
            out().flush();
            return ok ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        } finally {
            Files.deleteIfExists(zip);
            Files.deleteIfExists(dir);
        }
    }
}
