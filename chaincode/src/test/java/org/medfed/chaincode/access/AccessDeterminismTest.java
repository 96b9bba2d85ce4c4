package org.medfed.chaincode.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.AccessConsortium.CLINICIAN;
import static org.medfed.chaincode.testing.AccessConsortium.OFFICER;
import static org.medfed.chaincode.testing.AccessConsortium.PATIENT;
import static org.medfed.chaincode.testing.AccessConsortium.PAYER;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.AccessConsortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;

/** Every access transaction, run on two endorsers' fresh ledgers with the same ids and times, writes the same bytes. */
class AccessDeterminismTest {

    private static LedgerHarness story() {
        LedgerHarness ledger = new LedgerHarness();
        AccessConsortium consortium = AccessConsortium.create(ledger);
        AccessContract access = consortium.access;
        consortium.setPolicy(1);
        consortium.attest(PATIENT, 1);
        String granted =
                (String) consortium.request(CLINICIAN, "TREAT", null, null).get("id");
        consortium.request(PAYER, "HPAYMT", null, null);
        ledger.run(
                HOSPITAL,
                ctx -> access.recordRelease(
                        ctx,
                        Fixtures.json(
                                Map.of("decisionId", granted, "scope", "notes", "recordsSha256", Fixtures.sha("n")))));
        ledger.advance(Duration.ofHours(2));
        String breakGlass = (String)
                consortium.request(CLINICIAN, "ETREAT", null, "collapse").get("id");
        consortium.request(CLINICIAN, "ETREAT", List.of("vitals"), "collapse again");
        ledger.run(
                OFFICER,
                ctx -> access.closeReview(
                        ctx, breakGlass, Fixtures.json(Map.of("outcome", "unjustified", "note", "n"))));
        return ledger;
    }

    @Test
    void theSameAccessTransactionsOnTwoLedgersWriteIdenticalBytes() {
        LedgerHarness first = story();
        LedgerHarness second = story();

        assertThat(first.writeSets()).isEqualTo(second.writeSets());
        assertThat(first.stub().events()).isEqualTo(second.stub().events());
        assertThat(first.worldState()).isEqualTo(second.worldState());
        assertThat(first.writeSets()
                        .subList(first.writeSets().size() - 7, first.writeSets().size()))
                .allSatisfy(writes -> assertThat(writes).isNotEmpty());
    }
}
