package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.DatasetUses;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.client.ledger.SubsetView;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.model.WarmUpSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.SubsetShareStatus;

/** Round 1 of a two-stage task: the node waits for the contributors, then runs the warm-up itself. */
class SubsetGateTest {
    private static final SharedSubsetSpec SUBSET = new SharedSubsetSpec(
            List.of("wdbc-clinic", "wdbc-hospital"),
            10,
            new BigDecimal("0.05"),
            new BigDecimal("0.5"),
            "broad consent",
            new WarmUpSpec(5, new BigDecimal("0.1")));

    private final Task plain = Fakes.task(new Fakes.Blobs());
    private final Task twoStage = new Task(
            plain.spec().withSharedSubset(SUBSET),
            plain.status(),
            plain.statusReason(),
            1,
            plain.globalModel(),
            plain.createdAt(),
            plain.createdBy(),
            plain.updatedAt());
    private final SubsetLedger ledger = new SubsetLedger();

    SubsetGateTest() throws Exception {}

    private static SubsetView view(String status, boolean clinicAnswered) {
        SubsetShare declined = new SubsetShare(
                "wdbc", "wdbc-clinic", "0".repeat(64), SubsetShareStatus.DECLINED, null, "no", Fakes.T0, "tx1");
        return new SubsetView(
                "wdbc",
                SUBSET,
                status,
                List.of(0L, 0L),
                List.of(
                        new SubsetView.Entry(
                                "wdbc-clinic",
                                clinicAnswered ? "declined" : "pending",
                                clinicAnswered ? declined : null),
                        new SubsetView.Entry("wdbc-hospital", "pending", null)),
                null);
    }

    @Test
    void aTaskWithoutASubsetOrPastRoundOneNeverWaits() throws Exception {
        assertThat(SubsetGate.waiting(ledger, plain, 1)).isEmpty();
        assertThat(SubsetGate.waiting(ledger, twoStage, 2)).isEmpty();
        assertThat(ledger.calls).isEmpty();
    }

    @Test
    void waitsWhileContributorsHaveNotAnswered() throws Exception {
        ledger.view = view(SubsetView.COLLECTING, true);

        assertThat(SubsetGate.waiting(ledger, twoStage, 1))
                .contains("round 1 waits for the shared subset: 1 of 2 contributors have not answered"
                        + " (medfed subset contribute|decline)");
        assertThat(ledger.calls).containsExactly("subset");
    }

    @Test
    void runsTheWarmUpItselfOnceTheSubsetIsReady() throws Exception {
        ledger.view = view(SubsetView.READY, true);

        assertThat(SubsetGate.waiting(ledger, twoStage, 1)).isEmpty();
        assertThat(ledger.calls).containsExactly("subset", "warmUp");
    }

    @Test
    void aWarmedSubsetLetsRoundOneTrain() throws Exception {
        ledger.view = view(SubsetView.WARMED, true);

        assertThat(SubsetGate.waiting(ledger, twoStage, 1)).isEmpty();
        assertThat(ledger.calls).containsExactly("subset");
    }

    @Test
    void anotherSitesWarmUpCommittingFirstIsAsGoodAsOurs() throws Exception {
        ledger.view = view(SubsetView.READY, true);
        ledger.warmUpFailure = new MedfedException(ErrorCode.SUBSET_CLOSED.name(), "closed", "tx7");

        assertThat(SubsetGate.waiting(ledger, twoStage, 1)).isEmpty();
    }

    @Test
    void aFailedWarmUpKeepsTheSiteWaitingAndSaysWhy() throws Exception {
        ledger.view = view(SubsetView.READY, true);
        ledger.warmUpFailure =
                new MedfedException(ErrorCode.SUBSET_NOT_READY.name(), "every contributor declined", "tx8");

        assertThat(SubsetGate.waiting(ledger, twoStage, 1))
                .contains("the warm-up on the shared subset failed: SUBSET_NOT_READY: every contributor declined"
                        + " [tx tx8]");
    }

    /** Serves {@link #view} and records the subset calls; nothing else. */
    private static final class SubsetLedger implements ParticipationLedger {
        final List<String> calls = new ArrayList<>();
        SubsetView view;
        MedfedException warmUpFailure;

        @Override
        public SubsetView subset(String taskId) {
            calls.add("subset");
            return view;
        }

        @Override
        public void warmUp(String taskId) throws MedfedException {
            calls.add("warmUp");
            if (warmUpFailure != null) {
                throw warmUpFailure;
            }
        }

        @Override
        public String participantId() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Task task(String taskId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RoundView round(String taskId, long round) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void submit(UpdateSubmission submission) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void closeRound(String taskId, long round) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void aggregateRound(String taskId, long round) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DatasetDescription dataset(String datasetId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DatasetUses datasetUses(String taskId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SecureRoundView secureRound(String taskId, long round) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void postKeys(String taskId, long round, String maskKey, String shareKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void postShares(String taskId, long round, List<EncryptedShare> shares) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void revealShares(String taskId, long round, List<RevealedShare> shares) {
            throw new UnsupportedOperationException();
        }
    }
}
