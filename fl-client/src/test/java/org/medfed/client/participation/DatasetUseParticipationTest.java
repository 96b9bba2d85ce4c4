package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.DatasetUse;
import org.medfed.client.ledger.DatasetUses;
import org.medfed.client.participation.JournalEntry.Phase;
import org.medfed.client.participation.RoundParticipant.Outcome;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.Task;
import org.medfed.common.model.UsePurpose;

/**
 * A node of a task that declares a purpose: without its holder's approval the site sits the round out (no training,
 * no upload, no submission), says so once per round, and joins as soon as the approval is on the ledger.
 */
class DatasetUseParticipationTest {
    private static final String DATASET = "wdbc-hospital";

    @TempDir
    Path work;

    private final Fakes.Blobs blobs = new Fakes.Blobs();
    private final Fakes.Training training = new Fakes.Training();
    private final List<String> log = new ArrayList<>();
    private Fakes.Ledger ledger;
    private String taskId;

    @BeforeEach
    void openRoundOneOfATaskWithPurpose() throws IOException {
        Task example = Fakes.task(blobs);
        Task task = Task.create(
                example.spec().withUse(new UsePurpose(PurposeOfUse.HRESCH, "breast cancer research"), null),
                Fakes.T0,
                Fakes.ADMIN);
        ledger = new Fakes.Ledger(task, blobs);
        taskId = task.spec().id();
        decided(null);
    }

    /** The hospital's decision on its dataset: null while pending. */
    private void decided(DatasetUseStatus status) {
        DatasetUseApproval decision = status == null
                ? null
                : new DatasetUseApproval(taskId, DATASET, Fakes.ME, PurposeOfUse.HRESCH, status, "a reason", Fakes.T0);
        ledger.uses = new DatasetUses(
                taskId,
                PurposeOfUse.HRESCH,
                true,
                List.of(
                        new DatasetUse(DATASET, Fakes.ME, status == null ? "pending" : status.wire(), decision),
                        new DatasetUse("wdbc-clinic", Fakes.OTHER, "approved", null)));
    }

    private RoundParticipant participant() throws IOException {
        return new RoundParticipant(ledger, blobs, training, ParticipationJournal.open(work), ledger.clock);
    }

    @Test
    void aSiteWithoutApprovalSitsTheRoundOutWithoutTrainingUploadingOrSubmitting() throws Exception {
        for (DatasetUseStatus status :
                new DatasetUseStatus[] {null, DatasetUseStatus.DECLINED, DatasetUseStatus.REVOKED}) {
            decided(status);

            RoundParticipant.Result result = participant().participate(taskId);

            assertThat(result.outcome()).isEqualTo(Outcome.NOT_APPROVED);
            assertThat(result.detail())
                    .contains("dataset " + DATASET + " (" + (status == null ? "pending" : status.wire()) + ")")
                    .contains("sits the round out");
        }
        assertThat(training.calls).isZero();
        assertThat(blobs.adds).isZero();
        assertThat(ledger.submits).isZero();
        assertThat(ParticipationJournal.open(work).latest(taskId)).isEmpty();

        decided(DatasetUseStatus.APPROVED);

        assertThat(participant().participate(taskId).outcome()).isEqualTo(Outcome.SUBMITTED);
    }

    @Test
    void aRevocationAfterTrainingKeepsTheUpdateJournalledAndSubmitsItOnceApprovedAgain() throws Exception {
        decided(DatasetUseStatus.APPROVED);
        ledger.submitFailures.add(new Fakes.Ledger.Failure(
                MedfedException.fromChaincode(
                        "DATASET_USE_NOT_APPROVED", "the holder revoked its use by the task", "tx-9", null),
                false));

        assertThat(participant().participate(taskId).outcome()).isEqualTo(Outcome.NOT_APPROVED);
        assertThat(ParticipationJournal.open(work).latest(taskId).orElseThrow().phase())
                .isEqualTo(Phase.UPLOADED);

        assertThat(participant().participate(taskId).outcome()).isEqualTo(Outcome.SUBMITTED);
        assertThat(training.calls).isOne();
    }

    @Test
    void theNodeReportsSittingOutOncePerRoundAndKeepsRunning() throws Exception {
        ClientNode node = new ClientNode(
                List.of(taskId),
                participant(),
                new RoundDriver(ledger, ledger.clock, (level, message) -> log.add(message)),
                () -> {
                    throw new AssertionError("the steps below follow no events");
                },
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(4), 4),
                delay -> {
                    throw new AssertionError("a refusal is not retried: slept " + delay);
                },
                Duration.ofSeconds(30),
                (level, message) -> log.add(level + " " + message));

        for (int tick = 0; tick < 5; tick++) {
            node.step(taskId);
        }

        assertThat(log)
                .filteredOn(line -> line.contains("NOT_APPROVED"))
                .hasSize(1)
                .allMatch(line -> line.startsWith("WARN " + taskId + " round 1: NOT_APPROVED"));
        assertThat(ledger.useReads).isEqualTo(5);
        assertThat(training.calls).isZero();

        decided(DatasetUseStatus.APPROVED);
        node.step(taskId);

        assertThat(log).last().asString().contains("SUBMITTED");
    }
}
