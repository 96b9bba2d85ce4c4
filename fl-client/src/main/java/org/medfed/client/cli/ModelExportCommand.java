package org.medfed.client.cli;

import java.nio.file.Path;
import org.medfed.client.ExitCodes;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.risk.GlobalModelExport;
import org.medfed.client.train.Dl4jExport;
import org.medfed.common.model.ContentRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "export",
        description = {
            "Write a task's global model as a DL4J network (ModelSerializer zip) that a hospital's Java application "
                    + "loads: raw features in, class probabilities out. The blob comes from this profile "
                    + "organisation's Kubo node and must hash to the SHA-256 the ledger records (else exit 4, "
                    + "nothing written); the task's schema mapping (--mapping) gives the inputs' names and the "
                    + "scaling, which the zip carries as its normalizer (docs/training.md, \"Exporting a model for hospitals\")."
        })
final class ModelExportCommand extends LedgerCommand {

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description = "The file format; only " + Dl4jExport.FORMAT + " (a DL4J ModelSerializer zip).")
    private String format;

    @Option(names = "--task", required = true, paramLabel = "TASK", description = "Task id.")
    private String taskId;

    @Option(
            names = "--round",
            paramLabel = "ROUND",
            description = "The aggregated round whose global model to export (default: the task's latest model).")
    private Long round;

    @Option(
            names = "--mapping",
            required = true,
            paramLabel = "FILE",
            description = "The task's schema mapping (the one its participants train with).")
    private Path mappingFile;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the zip.")
    private Path out;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    private boolean force;

    private final ModelBlobs blobs;
    private SchemaMapping mapping;
    private Path target;

    ModelExportCommand(BlobStoreFactory blobStores) {
        this.blobs = new ModelBlobs(blobStores);
    }

    @Override
    protected boolean prepare() throws Exception {
        if (!Dl4jExport.FORMAT.equals(format)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "unknown --format \"" + format + "\": medfed exports " + Dl4jExport.FORMAT
                            + " (a DL4J ModelSerializer zip) only");
        }
        if (round != null) {
            TaskRound.checked(spec, round);
        }
        try {
            mapping = SchemaMapping.load(mappingFile);
        } catch (DataException e) {
            throw new InputException(e.getMessage(), e);
        }
        target = OutputFiles.target(out, force);
        return true;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        GlobalModelExport.Source source;
        try {
            source = GlobalModelExport.locate(ledger, taskId, round, mapping);
        } catch (GlobalModelExport.MappingMismatch e) {
            throw new InputException(mappingFile + ": " + e.getMessage(), e);
        }
        ContentRef model = source.model();
        Dl4jExport.Info info = source.info();
        byte[] blob = blobs.fetch(identity.load(), model.cid());
        float[] params;
        try {
            params = GlobalModelExport.parameters(source, blob);
        } catch (GlobalModelExport.HashMismatch e) {
            spec.commandLine().getErr().println("error: MISMATCH: " + e.getMessage() + "; nothing written");
            return ExitCodes.VERIFICATION_FAILED;
        }
        OutputFiles.writeAtomically(target, file -> GlobalModelExport.write(source, params, mapping, file));
        long exported = info.round();
        out().println("wrote " + target + ": DL4J network of task " + taskId + " "
                + (exported == 0 ? "initial model" : "round " + exported) + " (" + model.cid() + ", sha256 "
                + model.sha256() + "), inputs " + info.featureNames() + " scaled " + info.scaling() + ", classes "
                + info.classNames());
        return ExitCodes.OK;
    }
}
