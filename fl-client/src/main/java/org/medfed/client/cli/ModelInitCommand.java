package org.medfed.client.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.medfed.client.ExitCodes;
import org.medfed.client.train.InitialModel;
import org.medfed.client.view.Table;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.ParameterLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            "Write the seeded initial global model of a task spec's model (Glorot-uniform weights, "
                    + "zero biases; the same spec and seed give the same bytes anywhere) as a float32 blob, and "
                    + "print its SHA-256 and CID for the spec's model.initialModel. No network needed."
        })
final class ModelInitCommand extends ReportingCommand {
    /** Blobs up to one Kubo chunk are a single raw leaf, whose CID is computable here. */
    static final int SINGLE_BLOCK_BYTES = 262_144;

    @Option(names = "--spec", required = true, paramLabel = "FILE", description = "The task spec, a JSON file.")
    private Path specFile;

    @Option(names = "--seed", required = true, paramLabel = "S", description = "Seed of the initialisation.")
    private long seed;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the blob.")
    private Path out;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    private boolean json;

    @Override
    protected int run() throws InputException {
        ModelSpec model = TaskSpecFile.read(specFile).model();
        ParameterLayout layout;
        byte[] blob;
        try {
            layout = ParameterLayout.of(model);
            blob = InitialModel.blob(model, seed);
        } catch (IllegalArgumentException e) {
            throw new InputException("--spec " + specFile + ": " + e.getMessage(), e);
        }
        try {
            Files.write(out, blob);
        } catch (IOException e) {
            throw new InputException("--out " + out + ": cannot write: " + e.getMessage(), e);
        }
        String sha256 = Hashing.sha256Hex(blob);
        String cid = blob.length <= SINGLE_BLOCK_BYTES ? Cids.rawLeafCidV1(blob) : null;
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("file", out.toString());
            o.addProperty("seed", seed);
            o.addProperty("parameters", layout.parameterCount());
            o.addProperty("bytes", blob.length);
            o.addProperty("sha256", sha256);
            o.addProperty("cid", cid);
            o.addProperty("manifestSha256", layout.manifestSha256());
            out().println(new GsonBuilder().serializeNulls().create().toJson(o));
        } else {
            Table.fields()
                    .row("file", out)
                    .row("seed", seed)
                    .row("parameters", layout.parameterCount())
                    .row("bytes", blob.length)
                    .row("sha256", sha256)
                    .row("cid", cid != null ? cid : "- (more than one block: add it to Kubo to learn the CID)")
                    .row("manifest sha256", layout.manifestSha256())
                    .print(out());
        }
        out().flush();
        return ExitCodes.OK;
    }
}
