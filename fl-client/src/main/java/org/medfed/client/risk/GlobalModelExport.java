package org.medfed.client.risk;

import java.io.IOException;
import java.nio.file.Path;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.train.Dl4jExport;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.Task;
import org.medfed.common.nn.ParameterLayout;

/**
 * A task's global model as the ledger names it, turned into a DL4J zip ({@link Dl4jExport}): what {@code medfed model
 * export} writes and what a hospital's risk scoring loads. {@link #locate} reads the ledger; {@link #parameters} checks
 * the blob against the ledger's SHA-256 before anything is written.
 */
public final class GlobalModelExport {

    /** Which model to export: the task, its shape, the ledger's content reference, and the zip's description. */
    public record Source(Task task, ModelSpec shape, ContentRef model, Dl4jExport.Info info) {}

    /** The blob is not the model the ledger records. */
    public static final class HashMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        HashMismatch(String message) {
            super(message);
        }
    }

    /** The mapping does not fit the task's model. */
    public static final class MappingMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        MappingMismatch(String message) {
            super(message);
        }
    }

    private GlobalModelExport() {}

    /** The global model of {@code round}, or the task's latest when {@code round} is null. */
    public static Source locate(LedgerClient ledger, String taskId, Long round, SchemaMapping mapping)
            throws MedfedException, MappingMismatch {
        Task task = new TaskLedger(ledger).get(taskId).value();
        ContentRef model = round == null
                ? task.globalModel()
                : new RoundLedger(ledger).aggregation(taskId, round).value().globalModel();
        long exported = round == null ? latestRound(task) : round;
        ModelSpec shape = task.spec().model();
        Dl4jExport.Info info = new Dl4jExport.Info(
                mapping.featureNames(),
                mapping.label().classes(),
                mapping.scaling().method().key(),
                taskId,
                exported,
                model.cid(),
                model.sha256(),
                mapping.fingerprint());
        if (info.featureNames().size() != shape.inputs() || info.classNames().size() != shape.classes()) {
            throw new MappingMismatch("the mapping gives " + info.featureNames().size() + " features and "
                    + info.classNames().size() + " classes; task " + taskId + "'s model takes " + shape.inputs()
                    + " and gives " + shape.classes() + ". Pass the task's own mapping.");
        }
        return new Source(task, shape, model, info);
    }

    /** The model's parameters, once {@code blob} hashes to what the ledger records. */
    public static float[] parameters(Source source, byte[] blob) throws HashMismatch {
        String sha256 = Hashing.sha256Hex(blob);
        if (!sha256.equals(source.model().sha256())) {
            throw new HashMismatch(source.model().cid() + " hashes to " + sha256 + ", the ledger records "
                    + source.model().sha256());
        }
        return FloatVectorCodec.decode(blob, ParameterLayout.of(source.shape()).parameterCount());
    }

    /** Writes the zip of the model's {@code parameters} to {@code file}. */
    public static void write(Source source, float[] parameters, SchemaMapping mapping, Path file) throws IOException {
        Dl4jExport.write(source.shape(), parameters, mapping.scaling(), source.info(), file);
    }

    /** The round whose aggregation gave the task's global model: 0 while it is the initial model. */
    static long latestRound(Task task) {
        if (task.globalModel().equals(task.spec().model().initialModel())) {
            return 0;
        }
        return task.aggregatedRounds();
    }
}
