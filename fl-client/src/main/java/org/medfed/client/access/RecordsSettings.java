package org.medfed.client.access;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.data.DataException;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.client.participation.NodeLog;

/**
 * What a data holder's records server needs, from {@code medfed records serve} or a node's {@code records} block:
 * the patient table and key, the port, the consortium CAs ({@code MSPID → PEM}) and the release log.
 *
 * @param replayAtNow serve the table replayed so its latest observation is now ({@link PatientTable#replayedAt})
 */
public record RecordsSettings(
        Path patients, Path key, int port, Map<String, Path> cas, Path releaseLog, boolean replayAtNow) {

    public RecordsSettings {
        cas = new TreeMap<>(cas);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
        }
    }

    /** Loads the table and key and starts serving as {@code profile}'s identity, checking grants on {@code ledger}. */
    public RecordsServer start(ConnectionProfile profile, LedgerClient ledger, Clock clock, NodeLog log)
            throws IOException, DataException {
        PatientTable table = PatientTable.load(patients);
        if (replayAtNow) {
            table = table.replayedAt(clock.instant());
        }
        HeldPatients held = HeldPatients.of(table, PatientRefs.load(key));
        TrustedCas trusted = TrustedCas.load(cas);
        return RecordsServer.start(
                port,
                HolderTls.context(profile, trusted),
                trusted,
                held,
                new LedgerGrantCheck(new AccessLedger(ledger)),
                new ReleaseLog(releaseLog),
                clock,
                log);
    }
}
