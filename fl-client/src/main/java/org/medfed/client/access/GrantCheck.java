package org.medfed.client.access;

import java.time.Instant;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;

/**
 * What the records server asks the ledger before it releases anything: {@code access:checkGrant} for the requester,
 * the patient and the scope, and, once it has the records in hand, {@code access:recordRelease}, which commits only
 * while the grant is live on ledger time.
 */
public interface GrantCheck {

    /** A grant the ledger holds live now. */
    record LiveGrant(String decisionId, Instant expiresAt) {}

    /** The live grant covering the scope, or a {@link MedfedException} with code {@code NO_LIVE_GRANT}. */
    LiveGrant check(String requesterId, String patientRef, RecordScope scope) throws MedfedException;

    /** Records the release on the ledger and waits for its commit; returns the release id (its transaction id). */
    String recordRelease(ReleaseRecord.Request release) throws MedfedException;
}
