package org.medfed.client.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.ledger.ProvenanceLedger;
import org.medfed.client.provenance.RoundLineage;
import org.medfed.client.view.Table;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "model",
        description = "Global model blobs: create a task's initial model, get one from IPFS, verify one against the"
                + " ledger.",
        subcommands = {
            ModelInitCommand.class,
            ModelGetCommand.class,
            ModelCommand.Verify.class,
            ModelExportCommand.class
        })
final class ModelCommand extends GroupCommand {

    @Command(
            name = "verify",
            description = {
                "Fetch a global model from this organisation's Kubo node, hash it and "
                        + "compare with the SHA-256 the ledger records for that CID (provenance:getModelLineage).",
                "Exit 0 with OK when they match, 4 with MISMATCH when they do not."
            })
    static final class Verify extends LedgerCommand {
        @Parameters(paramLabel = "CID", description = "The model's CID.")
        private String cid;

        private final ModelBlobs blobs;

        Verify(BlobStoreFactory blobStores) {
            this.blobs = new ModelBlobs(blobStores);
        }

        @Override
        protected boolean prepare() {
            ModelBlobs.checkCid(spec, cid);
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            List<RoundLineage> occurrences = new ProvenanceLedger(ledger)
                    .lineages(cid).value().stream().map(RoundLineage::fromJson).toList();
            List<String> expected =
                    occurrences.stream().map(o -> o.model().sha256()).distinct().toList();
            if (expected.size() != 1) {
                throw new MedfedException(
                        MedfedException.INTERNAL,
                        "the ledger records " + expected.size() + " different SHA-256 for " + cid + ": " + expected,
                        null);
            }
            ConnectionProfile profile = identity.load();
            byte[] blob = blobs.fetch(profile, cid);
            String actual = Hashing.sha256Hex(blob);
            boolean ok = actual.equals(expected.get(0));
            String where = occurrences.stream()
                    .map(o -> o.round() == 0
                            ? "initial model of " + o.taskId()
                            : "round " + o.round() + " of " + o.taskId())
                    .reduce((a, b) -> a + ", " + b)
                    .orElseThrow();
            if (json) {
                Map<String, Object> answer = new TreeMap<>();
                answer.put("cid", cid);
                answer.put("verdict", ok ? "OK" : "MISMATCH");
                answer.put("ledgerSha256", expected.get(0));
                answer.put("blobSha256", actual);
                answer.put("bytes", (long) blob.length);
                answer.put(
                        "occurrences",
                        occurrences.stream()
                                .map(o -> Map.of("taskId", o.taskId(), "round", o.round()))
                                .toList());
                printJson(CanonicalJson.encode(answer));
            } else {
                out().println((ok ? "OK" : "MISMATCH") + ": " + cid + " (" + where + ")");
                Table.fields()
                        .row("ledger sha256", expected.get(0))
                        .row(
                                "blob sha256",
                                actual + " (" + blob.length + " bytes from " + profile.mspId() + "'s Kubo node)")
                        .print(out());
            }
            return ok ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
