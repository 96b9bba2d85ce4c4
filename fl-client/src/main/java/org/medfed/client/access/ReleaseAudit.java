package org.medfed.client.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.ReleaseRecord;

/**
 * What an auditor proves about each release from the ledger alone: that a grant covered it, i.e. the decision it
 * names exists, was granted to the same requester for the same patient and holder, covers its scope, and was live
 * when the release committed ({@code decidedAt ≤ releasedAt < expiresAt}, both on ledger time). And, given a data
 * holder's release log, that every release the holder logged is on the ledger with the same hash.
 */
public final class ReleaseAudit {

    private ReleaseAudit() {}

    /** Why {@code release} has no matching grant among {@code decisions} (by id), or empty when it has one. */
    public static Optional<String> problem(ReleaseRecord release, Map<String, AccessDecision> decisions) {
        AccessDecision d = decisions.get(release.decisionId());
        if (d == null) {
            return Optional.of("no decision " + release.decisionId() + " on the ledger");
        }
        List<String> problems = new ArrayList<>();
        if (!d.granted()) {
            problems.add("the decision was a denial");
        } else {
            if (!d.scopes().contains(release.scope())) {
                problems.add("the grant does not cover " + release.scope().wire());
            }
            // a release before the decision, or at or after its expiry (ledger time), has no live grant
            if (release.releasedAt().isBefore(d.decidedAt()) || !d.liveAt(release.releasedAt())) {
                problems.add("released at " + release.releasedAt() + ", outside the grant's " + d.decidedAt() + " to "
                        + d.expiresAt());
            }
        }
        if (!d.requesterId().equals(release.requesterId())) {
            problems.add("released to " + release.requesterId() + ", granted to " + d.requesterId());
        }
        if (!d.patientRef().equals(release.patientRef())) {
            problems.add("released patient " + release.patientRef() + ", granted " + d.patientRef());
        }
        if (!d.holderId().equals(release.holderId())) {
            problems.add("released by " + release.holderId() + ", the patient's holder is " + d.holderId());
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    /** Why a holder's logged release does not match the ledger's releases (by id), or empty when it does. */
    public static Optional<String> problem(ReleaseLog.Entry logged, Map<String, ReleaseRecord> releases) {
        ReleaseRecord onLedger = releases.get(logged.releaseId());
        if (onLedger == null) {
            return Optional.of("logged release " + logged.releaseId() + " is not on the ledger");
        }
        if (!onLedger.recordsSha256().equals(logged.recordsSha256())) {
            return Optional.of("logged release " + logged.releaseId() + " sent records hashing to "
                    + logged.recordsSha256() + ", the ledger records " + onLedger.recordsSha256());
        }
        if (!onLedger.requesterId().equals(logged.requester().participantId())
                || !onLedger.patientRef().equals(logged.patientRef())
                || !onLedger.scope().wire().equals(logged.scope())) {
            return Optional.of("logged release " + logged.releaseId() + " names another requester, patient or scope "
                    + "than the ledger's");
        }
        return Optional.empty();
    }

    /**
     * The ledger's releases by the log's holder that its log lacks: a release was booked on the ledger but the holder
     * has no account of sending it (the server records the release before it logs and sends, so a crash in between
     * leaves exactly this, which errs toward over-reporting). The log's holder is the holder of the ledger releases
     * its entries name; a log naming none of them says nothing about any holder.
     */
    public static List<String> unlogged(Collection<ReleaseRecord> releases, Collection<ReleaseLog.Entry> logged) {
        Set<String> loggedIds = new HashSet<>();
        logged.forEach(entry -> loggedIds.add(entry.releaseId()));
        Set<String> holders = new TreeSet<>();
        releases.stream().filter(r -> loggedIds.contains(r.id())).forEach(r -> holders.add(r.holderId()));
        List<String> problems = new ArrayList<>();
        for (ReleaseRecord release : releases) {
            if (holders.contains(release.holderId()) && !loggedIds.contains(release.id())) {
                problems.add("release " + release.id() + " by holder " + release.holderId()
                        + " is on the ledger but not in the holder's release log");
            }
        }
        return problems;
    }
}
