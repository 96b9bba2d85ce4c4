package org.medfed.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.medfed.client.ExitCodes;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.common.codec.Hashing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "get",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            "Download a model blob from this profile organisation's Kubo node into a file, written "
                    + "atomically (a partial download never appears under FILE).",
            "Check it against the ledger with `medfed model verify CID`."
        },
        footer = {"", "Exit codes: 0 ok, 1 usage, profile or file error, 2 Kubo node unavailable, 70 internal error."})
final class ModelGetCommand extends ReportingCommand {

    @Mixin
    private ProfileChoice identity;

    @Parameters(paramLabel = "CID", description = "The blob's CID.")
    private String cid;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the blob.")
    private Path out;

    @Option(names = "--force", description = "Overwrite FILE if it exists.")
    private boolean force;

    private final ModelBlobs blobs;

    ModelGetCommand(BlobStoreFactory blobStores) {
        this.blobs = new ModelBlobs(blobStores);
    }

    @Override
    protected int run() throws Exception {
        ModelBlobs.checkCid(spec, cid);
        Path target = OutputFiles.target(out, force);
        byte[] blob = blobs.fetch(identity.load(), cid);
        OutputFiles.writeAtomically(target, file -> Files.write(file, blob));
        out().println("wrote " + target + ": " + blob.length + " bytes, sha256 " + Hashing.sha256Hex(blob) + " (" + cid
                + ")");
        out().flush();
        return ExitCodes.OK;
    }
}
