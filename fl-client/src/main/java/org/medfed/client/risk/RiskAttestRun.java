package org.medfed.client.risk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.medfed.client.access.PatientRefs;
import org.medfed.client.access.PatientTable;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.model.ContentRef;

/**
 * One round of a hospital's risk attestations ({@code medfed risk attest}, and a node after each new global model):
 * the task's latest global model from the organisation's IPFS node, checked against the ledger's SHA-256 and
 * written as a DL4J zip ({@link GlobalModelExport}), loaded into a {@link RiskScorer}, every patient's latest
 * observation scored and one {@code access:postAttestation} per patient.
 *
 * @param replayAtNow score the table replayed so its latest observation is now ({@link PatientTable#replayedAt})
 */
public record RiskAttestRun(
        String taskId,
        String datasetId,
        SchemaMapping mapping,
        Path patients,
        Path key,
        long ttlSeconds,
        boolean replayAtNow) {

    /** What was attested with which model. */
    public record Outcome(
            ContentRef model, long round, List<RiskAttestation.Claim> claims, RiskAttester.Result result) {}

    /** The largest model blob read from IPFS: as many float32 values as one blob holds. */
    static final long MAX_BLOB_BYTES = (long) FloatVectorCodec.MAX_VALUES * Float.BYTES;

    /**
     * @param workDir where the DL4J zip is written ({@code risk/<task>-round-<n>.zip}), kept for inspection
     * @throws DataException when the task is not a risk task, has no global model yet, or the data cannot be scored
     */
    public Outcome run(
            LedgerClient ledger, ConnectionProfile profile, BlobStoreFactory blobs, Path workDir, Clock clock)
            throws MedfedException, DataException, IOException {
        GlobalModelExport.Source source;
        try {
            source = GlobalModelExport.locate(ledger, taskId, null, mapping);
        } catch (GlobalModelExport.MappingMismatch e) {
            throw new DataException(e.getMessage(), e);
        }
        if (source.task().spec().riskModel().isEmpty()) {
            throw new DataException("task " + taskId + " is not a risk task: its spec maps no model class to a risk "
                    + "class, so the ledger would refuse its attestations (NOT_A_RISK_TASK)");
        }
        if (source.info().round() < 1) {
            throw new DataException("task " + taskId + " has no aggregated global model yet; attest after its first "
                    + "round is aggregated");
        }
        byte[] blob;
        try {
            blob = blobs.open(profile.ipfsApi()).cat(source.model().cid(), MAX_BLOB_BYTES);
        } catch (BlobStoreException e) {
            throw new MedfedException(
                    MedfedException.UNAVAILABLE,
                    e.getMessage() + " (is " + profile.mspId() + "'s Kubo node up?)",
                    null,
                    e);
        }
        float[] parameters;
        try {
            parameters = GlobalModelExport.parameters(source, blob);
        } catch (GlobalModelExport.HashMismatch e) {
            throw new DataException("refusing to score with a model the ledger does not record: " + e.getMessage(), e);
        }
        Path zip = workDir.resolve("risk")
                .resolve(taskId + "-round-" + source.info().round() + ".zip");
        Files.createDirectories(zip.getParent());
        GlobalModelExport.write(source, parameters, mapping, zip);
        RiskScorer scorer = RiskScorer.load(zip);
        PatientTable table = PatientTable.load(patients);
        if (replayAtNow) {
            table = table.replayedAt(clock.instant());
        }
        List<RiskAttestation.Claim> claims =
                new RiskAttester(scorer, datasetId, ttlSeconds).claims(table, PatientRefs.load(key));
        AccessLedger access = new AccessLedger(ledger);
        RiskAttester.Result result =
                RiskAttester.post(claims, claim -> access.postAttestation(claim).value());
        return new Outcome(source.model(), source.info().round(), claims, result);
    }
}
