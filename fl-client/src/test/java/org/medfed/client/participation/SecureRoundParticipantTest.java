package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.DatasetUse;
import org.medfed.client.ledger.DatasetUses;
import org.medfed.client.participation.RoundParticipant.Outcome;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.model.UsePurpose;
import org.medfed.common.secagg.SecureAdmission;

/** Secure rounds among fake nodes ({@link SecureRoundFixture}): the sum, restarts, missed phases, a dropout. */
class SecureRoundParticipantTest extends SecureRoundFixture {
    @Test
    void threeNodesUnmaskExactlyThePlainSumOfTheirInputs() throws Exception {
        keysSharesAndInputs();
        assertThat(drive()).isEqualTo(RoundDriver.Action.AWAITING_REVEALS);
        assertThat(stepAll()).containsOnly(Outcome.REVEALED);

        assertThat(drive()).isEqualTo(RoundDriver.Action.AGGREGATED);

        // (x1 + x2 + x3) coordinate by coordinate: the masks cancel or are removed
        assertThat(ledger.unmaskedSum).containsExactly(plainSum(nodes));
        for (String node : nodes) {
            UpdateSubmission masked = ledger.submissions.stream()
                    .filter(s -> s.datasetId().equals("data-" + (nodes.indexOf(node) + 1)))
                    .findFirst()
                    .orElseThrow();
            assertThat(masked.kind()).isEqualTo(UpdateKind.MASKED);
            int[] published = org.medfed.common.secagg.MaskedVectorCodec.decode(
                    blobs.stored.get(masked.cid()), inputs.get(node).computed.get(0).length);
            assertThat(published).isNotEqualTo(inputs.get(node).computed.get(0));
            assertThat(masked.metrics()).isEmpty();
            assertThat(masked.numExamples()).isEqualTo(SecureFakes.ROWS);
            assertThat(masked.dp()).isEqualTo(SecureAdmission.step(ledger.task.spec()));
            assertThat(inputs.get(node).computed).hasSize(1);
        }
    }

    @Test
    void aNodeWhoseDatasetUseIsNotApprovedPostsNoKeysUntilItIs() throws Exception {
        ledger.task = org.medfed.common.model.Task.create(
                ledger.task.spec().withUse(new UsePurpose(PurposeOfUse.HRESCH, "research"), null),
                Fakes.T0,
                Fakes.ADMIN);
        String first = nodes.get(0);
        ledger.uses = uses(false);
        at(Fakes.T0.plusSeconds(1));

        assertThat(step(first).outcome()).isEqualTo(Outcome.NOT_APPROVED);
        assertThat(ledger.keys).doesNotContainKey(first);

        ledger.uses = uses(true);
        assertThat(step(first).outcome()).isEqualTo(Outcome.KEYS_POSTED);
    }

    /** Every node's dataset approved, the first node's pending unless {@code firstApproved}. */
    private DatasetUses uses(boolean firstApproved) {
        String taskId = ledger.task.spec().id();
        List<DatasetUse> items = new java.util.ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            boolean approved = i > 0 || firstApproved;
            String dataset = "data-" + (i + 1);
            items.add(new DatasetUse(
                    dataset,
                    nodes.get(i),
                    approved ? "approved" : "pending",
                    approved
                            ? new DatasetUseApproval(
                                    taskId,
                                    dataset,
                                    nodes.get(i),
                                    PurposeOfUse.HRESCH,
                                    DatasetUseStatus.APPROVED,
                                    null,
                                    Fakes.T0)
                            : null));
        }
        return new DatasetUses(taskId, PurposeOfUse.HRESCH, true, items);
    }

    @Test
    void theKeysAndSharesPhasesEndAsSoonAsEveryoneHasActed() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        assertThat(stepAll()).containsOnly(Outcome.KEYS_POSTED);
        at(Fakes.T0.plusSeconds(2));
        assertThat(stepAll()).containsOnly(Outcome.SHARES_POSTED);
        at(Fakes.T0.plusSeconds(3));
        assertThat(stepAll()).containsOnly(Outcome.SUBMITTED);

        drive();
        stepAll();

        assertThat(drive()).isEqualTo(RoundDriver.Action.AGGREGATED);
        assertThat(ledger.unmaskedSum).containsExactly(plainSum(nodes));
    }

    @Test
    void sharesWaitForTheKeysPhaseToSettleWhileSomeoneHasNoKeys() throws Exception {
        inputs.clear();
        start(5, 4, 3);
        at(Fakes.T0.plusSeconds(1));
        for (String node : nodes.subList(0, 4)) {
            step(node);
        }
        at(ledger.phases().keysEnd());

        assertThat(step(nodes.get(0)).outcome()).isEqualTo(Outcome.WAITING);
        assertThat(ledger.shares).isEmpty();
        at(ledger.phases().keysEnd().plus(SETTLE));
        assertThat(step(nodes.get(0)).outcome()).isEqualTo(Outcome.SHARES_POSTED);
    }

    @Test
    void aNodeWithFewerHoldersThanTheThresholdSitsOut() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        step(nodes.get(0));
        at(ledger.phases().keysEnd().plus(SETTLE));

        RoundParticipant.Result result = step(nodes.get(0));

        // the only key holder: no neighbour, so itself is its only holder, and t = 2
        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.detail()).contains("only 1 holders");
        assertThat(ledger.shares).isEmpty();
    }

    @Test
    void aNodeWhoseSharesCommittedButWhoseAnswerWasLostFinishesTheRound() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        stepAll();
        at(ledger.phases().keysEnd().plus(SETTLE));
        ledger.failNext("postShares", unavailable(), true);
        assertThatThrownBy(() -> step(nodes.get(0))).isInstanceOf(MedfedException.class);
        assertThat(stepAll()).containsExactly(Outcome.WAITING, Outcome.SHARES_POSTED, Outcome.SHARES_POSTED);
        at(ledger.phases().sharesEnd().plus(SETTLE));
        assertThat(stepAll()).containsOnly(Outcome.SUBMITTED);
        drive();
        stepAll();

        assertThat(drive()).isEqualTo(RoundDriver.Action.AGGREGATED);
        assertThat(ledger.unmaskedSum).containsExactly(plainSum(nodes));
    }

    @Test
    void aNodeKilledAfterJournallingItsMaskedInputSubmitsThatSameInput() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        stepAll();
        at(ledger.phases().keysEnd().plus(SETTLE));
        stepAll();
        at(ledger.phases().sharesEnd().plus(SETTLE));
        String first = nodes.get(0);
        ledger.failNext("submit", unavailable(), false);
        assertThatThrownBy(() -> step(first)).isInstanceOf(MedfedException.class);
        String journalled = SecureJournal.open(dir(first))
                .latest(taskId)
                .orElseThrow()
                .submission()
                .cid();

        assertThat(step(first).outcome()).isEqualTo(Outcome.SUBMITTED);

        assertThat(ledger.masked.get(first).cid()).isEqualTo(journalled);
        assertThat(inputs.get(first).computed).hasSize(1);
        assertThat(ledger.submissions).extracting(UpdateSubmission::cid).containsOnly(journalled);
    }

    @Test
    void secretsAreJournalledForTheOwnerOnlyBeforeTheKeysAreSent() throws Exception {
        String first = nodes.get(0);
        at(Fakes.T0.plusSeconds(1));
        ledger.failNext("postKeys", unavailable(), false);
        assertThatThrownBy(() -> step(first)).isInstanceOf(MedfedException.class);
        Path file = SecureJournal.open(dir(first)).file(taskId);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        SecureState journalled = SecureJournal.open(dir(first)).latest(taskId).orElseThrow();

        step(first);

        assertThat(ledger.keys.get(first).maskKey()).isEqualTo(journalled.maskKey());
        assertThat(ledger.keys.get(first).shareKey()).isEqualTo(journalled.shareKey());
    }

    @Test
    void theAuditTrailNamesTheMaskedInputButNoSecret() throws Exception {
        keysSharesAndInputs();
        String first = nodes.get(0);
        SecureState secrets = SecureJournal.open(dir(first)).latest(taskId).orElseThrow();

        String trail = Files.readString(dir(first).resolve(ParticipationJournal.LOG_FILE));

        assertThat(trail).contains(ledger.masked.get(first).cid());
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        for (byte[] secret : List.of(secrets.seed(), secrets.maskPrivate(), secrets.sharePrivate())) {
            assertThat(trail).doesNotContain(base64.encodeToString(secret));
        }
    }

    @Test
    void aNodeThatMissedTheKeysPhaseSitsTheAttemptOutForGood() throws Exception {
        String first = nodes.get(0);
        at(ledger.phases().keysEnd().plusSeconds(1));

        assertThat(step(first).outcome()).isEqualTo(Outcome.MISSED);
        assertThat(step(first).outcome()).isEqualTo(Outcome.MISSED);

        assertThat(ledger.keys).isEmpty();
        assertThat(ParticipationJournal.open(dir(first))
                        .latest(taskId)
                        .orElseThrow()
                        .phase())
                .isEqualTo(JournalEntry.Phase.MISSED);
    }

    @Test
    void theRoundWaitsForRevealsUntilTheUnmaskPhaseEnds() throws Exception {
        keysSharesAndInputs();
        drive();
        step(nodes.get(0));

        assertThat(drive()).isEqualTo(RoundDriver.Action.AWAITING_REVEALS);
        at(ledger.round.closedAt().plusSeconds(ledger.spec().unmaskSeconds()));
        assertThat(step(nodes.get(1)).outcome()).isEqualTo(Outcome.MISSED);
    }

    @Test
    void aDropoutsMasksAreRemovedWithItsKeySharesFromTheSurvivors() throws Exception {
        inputs.clear();
        start(5, 4, 3);
        at(Fakes.T0.plusSeconds(1));
        stepAll();
        at(ledger.phases().keysEnd().plus(SETTLE));
        stepAll();
        at(ledger.phases().sharesEnd().plus(SETTLE));
        List<String> survivors = nodes.subList(0, 4);
        for (String node : survivors) {
            step(node);
        }
        at(ledger.round.deadline());
        drive();
        assertThat(ledger.view().dropouts()).containsExactly(nodes.get(4));
        for (String node : survivors) {
            assertThat(step(node).outcome()).isEqualTo(Outcome.REVEALED);
        }

        assertThat(drive()).isEqualTo(RoundDriver.Action.AGGREGATED);
        assertThat(ledger.unmaskedSum).containsExactly(plainSum(survivors));
    }

    @Test
    void phaseClosedWhileThisNodesClockSaysOpenIsTriedAgainNotSatOut() throws Exception {
        String first = nodes.get(0);
        at(Fakes.T0.plusSeconds(1));
        ledger.failNext("postKeys", refused("PHASE_CLOSED"), false);

        assertThat(step(first).outcome()).isEqualTo(Outcome.WAITING);
        assertThat(step(first).outcome()).isEqualTo(Outcome.KEYS_POSTED);
    }

    @Test
    void aRefusalForGoodIsJournalledAndNotRetried() throws Exception {
        String first = nodes.get(0);
        at(Fakes.T0.plusSeconds(1));
        stepAll();
        at(ledger.phases().keysEnd().plus(SETTLE));
        ledger.failNext("postShares", refused("WRONG_NEIGHBOUR"), false);

        assertThat(step(first).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(step(first).outcome()).isEqualTo(Outcome.MISSED);

        assertThat(ledger.shares).doesNotContainKey(first);
        assertThat(ParticipationJournal.open(dir(first))
                        .latest(taskId)
                        .orElseThrow()
                        .phase())
                .isEqualTo(JournalEntry.Phase.REFUSED);
    }

    @Test
    void aSecureTaskIsDeclinedByANodeNotSetUpForIt() throws Exception {
        ParticipationJournal journal = ParticipationJournal.open(dir(nodes.get(0)));
        RoundParticipant clearOnly =
                new RoundParticipant(ledger.as(nodes.get(0)), blobs, inputs.get(nodes.get(0)), journal, ledger.clock);

        assertThat(clearOnly.participate(taskId).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(ledger.keys).isEmpty();
    }

    private static MedfedException refused(String code) {
        return MedfedException.fromChaincode(code, "refused (simulated)", "tx", null);
    }

    private static MedfedException unavailable() {
        return new MedfedException(MedfedException.UNAVAILABLE, "peer down (simulated)", null);
    }
}
