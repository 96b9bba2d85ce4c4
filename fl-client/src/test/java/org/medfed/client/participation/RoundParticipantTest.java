package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.participation.JournalEntry.Phase;
import org.medfed.client.participation.RoundParticipant.Outcome;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UpdateSubmission;

class RoundParticipantTest {
    @TempDir
    Path work;

    private final Fakes.Blobs blobs = new Fakes.Blobs();
    private final Fakes.Training training = new Fakes.Training();
    private Fakes.Ledger ledger;
    private String taskId;

    @BeforeEach
    void openRoundOne() throws IOException {
        ledger = new Fakes.Ledger(Fakes.task(blobs), blobs);
        taskId = ledger.task.spec().id();
    }

    private RoundParticipant participant() throws IOException {
        return new RoundParticipant(ledger, blobs, training, ParticipationJournal.open(work), Fakes.CLOCK);
    }

    @Test
    void trainsOnTheVerifiedBaseModelUploadsAndSubmitsOnce() throws Exception {
        RoundParticipant.Result result = participant().participate(taskId);

        assertThat(result.outcome()).isEqualTo(Outcome.SUBMITTED);
        assertThat(result.timings()).containsOnlyKeys("download", "train", "upload", "submit");
        assertThat(training.calls).isOne();
        assertThat(ledger.accepted).hasSize(1);
        UpdateSubmission submitted = ledger.accepted.get(0);
        assertThat(submitted.baseModelSha256())
                .isEqualTo(ledger.task.globalModel().sha256());
        assertThat(submitted.parameterCount())
                .isEqualTo(ledger.task.spec().model().parameterCount());
        byte[] uploaded = blobs.stored.get(submitted.cid());
        assertThat(Hashing.sha256Hex(uploaded)).isEqualTo(submitted.sha256());
        float[] base = FloatVectorCodec.decode(
                blobs.stored.get(ledger.task.globalModel().cid()));
        assertThat(FloatVectorCodec.decode(uploaded)[3]).isEqualTo(base[3] + 0.25f);
        assertThat(ParticipationJournal.open(work).latest(taskId).orElseThrow().phase())
                .isEqualTo(Phase.SUBMITTED);
    }

    @Test
    void aSecondStepForTheSameRoundDoesNothing() throws Exception {
        participant().participate(taskId);

        RoundParticipant.Result again = participant().participate(taskId);

        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_SUBMITTED);
        assertThat(training.calls).isOne();
        assertThat(ledger.submits).isOne();
    }

    @Test
    void afterACrashBetweenUploadAndCommitTheSameUpdateIsSubmittedWithoutTrainingAgain() throws Exception {
        ledger.submitFailures.add(
                new Fakes.Ledger.Failure(new MedfedException(MedfedException.UNAVAILABLE, "peer down", null), false));
        assertThatThrownBy(() -> participant().participate(taskId)).isInstanceOf(MedfedException.class);
        String uploadedCid = ParticipationJournal.open(work)
                .latest(taskId)
                .orElseThrow()
                .submission()
                .cid();

        RoundParticipant.Result afterRestart = participant().participate(taskId);

        assertThat(afterRestart.outcome()).isEqualTo(Outcome.SUBMITTED);
        assertThat(training.calls)
                .as("no second training, no second privacy spend")
                .isOne();
        assertThat(blobs.adds).isOne();
        assertThat(ledger.accepted)
                .singleElement()
                .extracting(UpdateSubmission::cid)
                .isEqualTo(uploadedCid);
    }

    @Test
    void killedRightAfterLoggingItsUploadBeforeTheStateFileTheNodeSubmitsThatUploadWithoutTrainingAgain()
            throws Exception {
        ledger.submitFailures.add(
                new Fakes.Ledger.Failure(new MedfedException(MedfedException.UNAVAILABLE, "peer down", null), false));
        assertThatThrownBy(() -> participant().participate(taskId)).isInstanceOf(MedfedException.class);
        // As ClientNodeFaultIT found: the kill landed after the log line, before participation.json was replaced.
        Files.delete(work.resolve(ParticipationJournal.STATE_FILE));

        RoundParticipant.Result afterRestart = participant().participate(taskId);

        assertThat(afterRestart.outcome()).isEqualTo(Outcome.SUBMITTED);
        assertThat(training.calls).as("no second training of the round").isOne();
        assertThat(blobs.adds).isOne();
    }

    @Test
    void aCommitWhoseAnswerWasLostIsRecognisedOnTheLedger() throws Exception {
        ledger.submitFailures.add(new Fakes.Ledger.Failure(
                new MedfedException(MedfedException.DEADLINE_EXCEEDED, "no answer", null), true));
        assertThatThrownBy(() -> participant().participate(taskId)).isInstanceOf(MedfedException.class);

        RoundParticipant.Result retry = participant().participate(taskId);

        assertThat(retry.outcome()).isEqualTo(Outcome.ALREADY_SUBMITTED);
        assertThat(ledger.accepted).hasSize(1);
        assertThat(ledger.submits).isOne();
    }

    @Test
    void aDuplicateRefusalMeansAnEarlierAttemptCommitted() throws Exception {
        ledger.submitFailures.add(new Fakes.Ledger.Failure(
                MedfedException.fromChaincode("DUPLICATE_SUBMISSION", "already", "tx1", null), false));

        assertThat(participant().participate(taskId).outcome()).isEqualTo(Outcome.ALREADY_SUBMITTED);
        assertThat(ParticipationJournal.open(work).latest(taskId).orElseThrow().phase())
                .isEqualTo(Phase.SUBMITTED);
    }

    @Test
    void aRoundThatClosedMeanwhileIsMissedAndNotRetried() throws Exception {
        ledger.submitFailures.add(new Fakes.Ledger.Failure(
                MedfedException.fromChaincode("ROUND_NOT_OPEN", "round 1 is closed", "tx1", null), false));

        assertThat(participant().participate(taskId).outcome()).isEqualTo(Outcome.MISSED);
        RoundParticipant.Result again = participant().participate(taskId);

        assertThat(again.outcome()).isEqualTo(Outcome.MISSED);
        assertThat(again.detail()).contains("ROUND_NOT_OPEN");
        assertThat(ledger.submits).isOne();
        assertThat(training.calls).isOne();
    }

    @Test
    void aTrainingRefusalIsJournalledWithItsReasonAndTheRoundIsNotTrainedAgain() throws Exception {
        training.refusal = "the next round would take this node to epsilon 8.4, above its own limit 8.0";

        RoundParticipant.Result first = participant().participate(taskId);
        RoundParticipant.Result second = participant().participate(taskId);

        assertThat(first.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(second.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(second.detail()).contains("above its own limit");
        assertThat(training.calls).isOne();
        assertThat(ledger.submits).isZero();
        assertThat(blobs.adds).isZero();
    }

    @Test
    void aPausedTaskIsLeftAlone() throws Exception {
        ledger.task = Fakes.withStatus(ledger.task, TaskStatus.PAUSED);

        RoundParticipant.Result result = participant().participate(taskId);

        assertThat(result.outcome()).isEqualTo(Outcome.NOTHING_OPEN);
        assertThat(result.detail()).contains("paused");
        assertThat(training.calls).isZero();
    }

    @Test
    void anUnreachableIpfsNodeIsThrownForRetryWithNothingJournalled() throws Exception {
        blobs.failuresLeft = 1;

        assertThatThrownBy(() -> participant().participate(taskId)).isInstanceOf(BlobStoreException.class);

        assertThat(ParticipationJournal.open(work).latest(taskId)).isEmpty();
        assertThat(participant().participate(taskId).outcome()).isEqualTo(Outcome.SUBMITTED);
    }

    @Test
    void theLogKeepsEveryStepForAuditors() throws Exception {
        participant().participate(taskId);

        assertThat(Files.readAllLines(work.resolve(ParticipationJournal.LOG_FILE)))
                .hasSize(2)
                .satisfies(lines -> {
                    assertThat(lines.get(0)).contains("\"phase\":\"UPLOADED\"").contains("\"noiseMultiplier\":1.1");
                    assertThat(lines.get(1)).contains("\"phase\":\"SUBMITTED\"");
                });
    }
}
