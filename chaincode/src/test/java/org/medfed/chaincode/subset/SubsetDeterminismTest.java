package org.medfed.chaincode.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.subset.TwoStage.CLINIC_ROWS;
import static org.medfed.chaincode.subset.TwoStage.HOSPITAL_ROWS;
import static org.medfed.chaincode.subset.TwoStage.ORG1_KEY;
import static org.medfed.chaincode.subset.TwoStage.ORG2_KEY;
import static org.medfed.chaincode.subset.TwoStage.TASK;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.contract.support.Env;
import org.medfed.contract.testing.FakeChaincodeStub.Write;

/**
 * The subset transactions on two endorsers' fresh ledgers, with the same ids and times, write the same bytes; the
 * warm-up does so even when each endorser opens the rows with its own organisation's member key and IPFS node, and
 * whichever contributor answered first.
 */
class SubsetDeterminismTest {

    @AfterEach
    void unhost() {
        Env.host(Map.of());
    }

    /** Keys, both contributions in {@code hospitalFirst} order, then the warm-up run by {@code mspId}'s server. */
    private static LedgerHarness story(boolean hospitalFirst, String mspId, byte[] memberKey) {
        LedgerHarness ledger = new LedgerHarness();
        TwoStage stage = TwoStage.create(ledger).withKeys();
        if (hospitalFirst) {
            stage.contribute(HOSPITAL, HOSPITAL_ROWS);
            stage.contribute(CLINIC, CLINIC_ROWS);
        } else {
            stage.contribute(CLINIC, CLINIC_ROWS);
            stage.contribute(HOSPITAL, HOSPITAL_ROWS);
        }
        AggregatorContract aggregator = stage.aggregator(mspId, memberKey);
        ledger.run(CLINIC, ctx -> aggregator.warmUp(ctx, TASK));
        return ledger;
    }

    private static List<Write> warmUpWrites(LedgerHarness ledger) {
        return ledger.lastWriteSet();
    }

    @Test
    void theSameTransactionsOnTwoLedgersWriteIdenticalBytes() {
        LedgerHarness first = story(true, "Org1MSP", ORG1_KEY.privateScalar32());
        LedgerHarness second = story(true, "Org1MSP", ORG1_KEY.privateScalar32());

        assertThat(first.writeSets()).isEqualTo(second.writeSets());
        assertThat(first.stub().events()).isEqualTo(second.stub().events());
        assertThat(first.worldState()).isEqualTo(second.worldState());
    }

    @Test
    void bothOrganisationsEndorseTheSameWarmUpWriteSet() {
        LedgerHarness org1 = story(true, "Org1MSP", ORG1_KEY.privateScalar32());
        LedgerHarness org2 = story(true, "Org2MSP", ORG2_KEY.privateScalar32());

        assertThat(warmUpWrites(org1)).hasSize(5).isEqualTo(warmUpWrites(org2));
        assertThat(org1.lastEvent()).isEqualTo(org2.lastEvent());
    }

    @Test
    void theWarmUpDoesNotDependOnTheOrderContributorsAnswered() {
        LedgerHarness hospitalFirst = story(true, "Org1MSP", ORG1_KEY.privateScalar32());
        LedgerHarness clinicFirst = story(false, "Org2MSP", ORG2_KEY.privateScalar32());

        assertThat(warmUpWrites(hospitalFirst)).isEqualTo(warmUpWrites(clinicFirst));
    }
}
