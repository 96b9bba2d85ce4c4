package org.medfed.client.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.medfed.client.ExitCodes;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.risk.RiskAttestRun;
import org.medfed.common.access.RiskAttestation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "risk",
        description = "Patients' risk attestations from a risk task's global model (docs/access.md).",
        subcommands = {RiskCommand.Attest.class})
final class RiskCommand extends GroupCommand {

    @Command(
            name = "attest",
            description = {
                "Score every patient's latest observation with the task's latest global model (fetched from this "
                        + "organisation's Kubo node, checked against the ledger, run as a DL4J network) and post one "
                        + "attestation per patient (access:postAttestation): the patient's reference, the model, the "
                        + "most probable class, its probability, the observation time and a time-to-live. No vital "
                        + "sign or patient id leaves this machine.",
                "A patient whose observation is already attested or too old for --ttl is counted and skipped."
            })
    static final class Attest extends LedgerCommand {
        @Option(names = "--task", required = true, paramLabel = "TASK", description = "The risk task.")
        private String taskId;

        @Option(names = "--dataset", required = true, paramLabel = "ID", description = "This holder's dataset.")
        private String datasetId;

        @Option(names = "--patients", required = true, paramLabel = "FILE", description = "The patient table.")
        private Path patients;

        @Option(names = "--key", required = true, paramLabel = "FILE", description = "The patient key.")
        private Path key;

        @Option(
                names = "--mapping",
                required = true,
                paramLabel = "FILE",
                description = "The task's schema mapping (inputs and scaling).")
        private Path mappingFile;

        @Option(
                names = "--ttl",
                paramLabel = "SECONDS",
                defaultValue = "86400",
                description = "How long each attestation holds after its observation, 1 to "
                        + RiskAttestation.MAX_TTL_SECONDS + " (default: ${DEFAULT-VALUE}).")
        private long ttlSeconds;

        @Option(
                names = "--replay-at-now",
                description = "Shift the table's times so its latest observation is now (a recorded table, demos).")
        private boolean replay;

        private final BlobStoreFactory blobs;
        private SchemaMapping mapping;

        Attest(BlobStoreFactory blobs) {
            this.blobs = blobs;
        }

        @Override
        protected boolean prepare() throws Exception {
            if (ttlSeconds < 1 || ttlSeconds > RiskAttestation.MAX_TTL_SECONDS) {
                throw new InputException(
                        "--ttl must be from 1 to " + RiskAttestation.MAX_TTL_SECONDS + " seconds, got " + ttlSeconds);
            }
            try {
                mapping = SchemaMapping.load(mappingFile);
            } catch (DataException e) {
                throw new InputException(e.getMessage(), e);
            }
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            RiskAttestRun run = new RiskAttestRun(taskId, datasetId, mapping, patients, key, ttlSeconds, replay);
            RiskAttestRun.Outcome outcome;
            try {
                outcome = run.run(
                        ledger,
                        identity.load(),
                        blobs,
                        java.nio.file.Files.createTempDirectory("medfed-risk"),
                        Clock.systemUTC());
            } catch (DataException e) {
                throw new InputException(e.getMessage(), e);
            }
            out().println("task " + taskId + " round " + outcome.round() + " model "
                    + outcome.model().cid() + ": " + outcome.result().posted().size() + " of "
                    + outcome.claims().size() + " attestations posted");
            for (Map.Entry<String, List<String>> refused :
                    outcome.result().refusedByCode().entrySet()) {
                out().println("  " + refused.getValue().size() + " refused " + refused.getKey());
            }
            out().flush();
            return ExitCodes.OK;
        }
    }
}
