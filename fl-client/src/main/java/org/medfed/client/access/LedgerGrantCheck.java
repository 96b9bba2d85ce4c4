package org.medfed.client.access;

import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;

/** {@link GrantCheck} on the ledger, as the data holder: {@code access:checkGrant} then {@code access:recordRelease}. */
public final class LedgerGrantCheck implements GrantCheck {

    private final AccessLedger ledger;

    public LedgerGrantCheck(AccessLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public LiveGrant check(String requesterId, String patientRef, RecordScope scope) throws MedfedException {
        AccessDecision grant = ledger.checkGrant(requesterId, patientRef, scope).value();
        return new LiveGrant(grant.id(), grant.expiresAt());
    }

    @Override
    public String recordRelease(ReleaseRecord.Request release) throws MedfedException {
        return ledger.recordRelease(release).value().id();
    }
}
