package org.medfed.chaincode.testing;

import static org.medfed.chaincode.testing.Consortium.HOLDERS;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.contract.testing.TestIdentity;

/**
 * A ledger in the middle of things, for the contracts' fuzz test, built the same way every time: the consortium's
 * holders and datasets; task {@value Consortium#TASK} with round 1 closed on three updates whose blobs (and the
 * initial model) {@link #ipfs} holds, so it can be aggregated; the access consortium with its risk task aggregated,
 * a policy, an attestation, a granted decision and a break-glass one under review; and the secure task {@value SecureConsortium#TASK} in its key phase at
 * {@link #NOW}.
 */
public final class BusyLedger {
    /** When the fuzzed transactions run: inside the secure task's key phase. */
    public static final Instant NOW = LedgerHarness.T0.plusSeconds(30);

    public final LedgerHarness ledger = new LedgerHarness();
    public final MemoryIpfs ipfs = new MemoryIpfs();

    public BusyLedger() {
        Consortium.registered(ledger);
        createTaskWithBlobs();
        AccessConsortium access = AccessConsortium.on(ledger);
        access.setPolicy(1);
        access.attest(AccessConsortium.PATIENT, 1);
        access.request(AccessConsortium.CLINICIAN, "TREAT", List.of("summary"), null);
        access.request(AccessConsortium.CLINICIAN, "ETREAT", null, "eclampsia, patient unconscious");
        SecureConsortium secure = SecureConsortium.onRegistered(ledger);
        ipfs.blobs.putAll(secure.ipfs.blobs);
        ledger.at(NOW);
    }

    private void createTaskWithBlobs() {
        byte[] initial = blob(0.25f);
        Consortium.createTask(ledger, TASK, spec -> {
            Map<String, Object> model = new TreeMap<>(JsonFields.object(spec, "model"));
            model.put("initialModel", stored(initial));
            spec.put("model", model);
        });
        float value = 1;
        for (TestIdentity holder : HOLDERS) {
            byte[] delta = blob(value++);
            Map<String, Object> update = new TreeMap<>(
                    Fixtures.update(TASK, 1, Consortium.datasetOf(holder), Hashing.sha256Hex(initial), holder.name()));
            update.putAll(stored(delta));
            ledger.run(holder, ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(update)));
        }
        Consortium.close(ledger, HOSPITAL, 1);
    }

    private static byte[] blob(float value) {
        float[] values = new float[(int) Fixtures.PARAMETERS];
        Arrays.fill(values, value);
        return FloatVectorCodec.encode(values);
    }

    /** Puts {@code data} on the IPFS node; returns its content reference. */
    private Map<String, Object> stored(byte[] data) {
        return Map.of("cid", ipfs.put(data), "sha256", Hashing.sha256Hex(data));
    }
}
