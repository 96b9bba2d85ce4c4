package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.participation.RoundParticipant.Outcome;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.secagg.SecureAdmission;

/**
 * Secure rounds among fake nodes over {@link SecureFakes.Ledger}. Every step builds the node afresh from its work
 * directory, as a restarted process would, so every test also checks that the journals carry a node across restarts.
 */
class SecureRoundParticipantTest {
    private static final Duration SETTLE = Duration.ofSeconds(5);

    @TempDir
    Path work;

    private final Fakes.Blobs blobs = new Fakes.Blobs();
    private final Map<String, Inputs> inputs = new HashMap<>();
    private List<String> nodes;
    private SecureFakes.Ledger ledger;
    private String taskId;

    @BeforeEach
    void threeNodes() throws IOException {
        start(3, 2, 2);
    }

    private void start(int count, int k, int t) throws IOException {
        nodes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            nodes.add(SecureFakes.node(i));
            inputs.put(SecureFakes.node(i), new Inputs(i));
        }
        Task task = SecureFakes.task(blobs, nodes, k, t);
        ledger = new SecureFakes.Ledger(task, blobs);
        taskId = task.spec().id();
    }

    /** A site input that differs per node and per computation, so a second computation would be seen. */
    static final class Inputs implements LocalTraining {
        final int node;
        final List<int[]> computed = new ArrayList<>();

        Inputs(int node) {
            this.node = node;
        }

        @Override
        public TrainedUpdate train(Task task, long round, float[] globalModel) {
            throw new AssertionError("a secure round does not train in clear");
        }

        @Override
        public SiteInput siteInput(Task task, long round, float[] globalModel) {
            int[] values = new int[globalModel.length];
            for (int j = 0; j < values.length; j++) {
                values[j] = (j * 7 + node * 13 + computed.size() * 5) % 41 - 20;
            }
            computed.add(values);
            return new SiteInput(values, "data-" + node);
        }
    }

    private Path dir(String node) {
        return work.resolve(node.substring(0, 8));
    }

    private RoundParticipant.Result step(String node) throws Exception {
        ParticipationJournal journal = ParticipationJournal.open(dir(node));
        ParticipationLedger as = ledger.as(node);
        SecureRoundParticipant secure = new SecureRoundParticipant(
                as,
                blobs,
                inputs.get(node),
                SecureJournal.open(dir(node)),
                journal,
                ledger.clock,
                SETTLE,
                new SecureRandom());
        return new RoundParticipant(as, blobs, inputs.get(node), journal, ledger.clock, secure).participate(taskId);
    }

    private List<Outcome> stepAll() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (String node : nodes) {
            outcomes.add(step(node).outcome());
        }
        return outcomes;
    }

    private RoundDriver.Action drive() throws Exception {
        return new RoundDriver(ledger.as(nodes.get(0)), ledger.clock, (level, message) -> {}).drive(taskId);
    }

    private void at(java.time.Instant instant) {
        ledger.clock.now = instant;
    }

    private void keysSharesAndInputs() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        assertThat(stepAll()).containsOnly(Outcome.KEYS_POSTED);
        at(ledger.phases().keysEnd().plus(SETTLE));
        assertThat(stepAll()).containsOnly(Outcome.SHARES_POSTED);
        at(ledger.phases().sharesEnd().plus(SETTLE));
        assertThat(stepAll()).containsOnly(Outcome.SUBMITTED);
    }

    private int[] plainSum(List<String> of) {
        int[] sum = new int[inputs.get(of.get(0)).computed.get(0).length];
        for (String node : of) {
            int[] x = inputs.get(node).computed.get(0);
            for (int j = 0; j < sum.length; j++) {
                sum[j] += x[j];
            }
        }
        return sum;
    }

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
    void aNodeWithFewerNeighboursThanTheThresholdSitsOut() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        step(nodes.get(0));
        step(nodes.get(1));
        at(ledger.phases().keysEnd().plus(SETTLE));

        RoundParticipant.Result result = step(nodes.get(0));

        // two key holders: one neighbour each, and t = 2
        assertThat(result.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(result.detail()).contains("only 1 neighbours");
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

    private static MedfedException unavailable() {
        return new MedfedException(MedfedException.UNAVAILABLE, "peer down (simulated)", null);
    }
}
