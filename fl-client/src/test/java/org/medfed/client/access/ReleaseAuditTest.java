package org.medfed.client.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.client.access.TrustedCas.Requester;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;

class ReleaseAuditTest {

    private static final Instant AT = Instant.parse("2025-06-01T10:00:00Z");
    private static final String REF = "1".repeat(64);
    private static final String REQUESTER = "2".repeat(64);
    private final ReleaseRecord onLedger =
            new ReleaseRecord("tx-3", "tx-1", REQUESTER, REF, "3".repeat(64), RecordScope.VITALS, "4".repeat(64), AT);

    private ReleaseLog.Entry logged(String releaseId, String sha) {
        return new ReleaseLog.Entry(
                releaseId, "tx-1", new Requester("ClinicMSP", "CN=dr", REQUESTER), REF, "vitals", sha, AT);
    }

    @Test
    void aLoggedReleaseMatchesTheLedgersByIdAndHash() {
        assertThat(ReleaseAudit.problem(logged("tx-3", "4".repeat(64)), Map.of("tx-3", onLedger)))
                .isEmpty();
    }

    @Test
    void aLoggedReleaseMissingFromTheLedgerOrWithAnotherHashIsAProblem() {
        assertThat(ReleaseAudit.problem(logged("tx-8", "4".repeat(64)), Map.of("tx-3", onLedger)))
                .hasValueSatisfying(p -> assertThat(p).contains("not on the ledger"));
        assertThat(ReleaseAudit.problem(logged("tx-3", "5".repeat(64)), Map.of("tx-3", onLedger)))
                .hasValueSatisfying(p -> assertThat(p).contains("hashing to"));
    }

    @Test
    void aReleaseUnderAnUnknownDecisionHasNoGrant() {
        assertThat(ReleaseAudit.problem(onLedger, Map.of())).hasValue("no decision tx-1 on the ledger");
    }

    @Test
    void aLedgerReleaseOfTheLogsHolderMissingFromItsLogIsAProblem() {
        ReleaseRecord unlogged = new ReleaseRecord(
                "tx-5", "tx-1", REQUESTER, REF, "3".repeat(64), RecordScope.NOTES, "6".repeat(64), AT);
        ReleaseRecord otherHolder = new ReleaseRecord(
                "tx-6", "tx-2", REQUESTER, REF, "7".repeat(64), RecordScope.NOTES, "6".repeat(64), AT);

        assertThat(ReleaseAudit.unlogged(
                        List.of(onLedger, unlogged, otherHolder), List.of(logged("tx-3", "4".repeat(64)))))
                .containsExactly("release tx-5 by holder " + "3".repeat(64)
                        + " is on the ledger but not in the holder's release log");
        assertThat(ReleaseAudit.unlogged(List.of(onLedger, unlogged), List.of()))
                .as("a log naming no ledger release says nothing about any holder")
                .isEmpty();
    }
}
