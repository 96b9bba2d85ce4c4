package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.participation.RoundParticipant.Outcome;
import org.medfed.common.model.Task;

/**
 * Fake nodes of a secure round over one {@link SecureFakes.Ledger}, each with its own work directory and site
 * inputs. Every step builds the node afresh from its work directory, as a restarted process would, so every test
 * also checks that the journals carry a node across restarts.
 */
abstract class SecureRoundFixture {
    static final Duration SETTLE = Duration.ofSeconds(5);

    @TempDir
    Path work;

    final Fakes.Blobs blobs = new Fakes.Blobs();
    final Map<String, Inputs> inputs = new HashMap<>();
    List<String> nodes;
    SecureFakes.Ledger ledger;
    String taskId;

    @BeforeEach
    void threeNodes() throws IOException {
        start(3, 2, 2);
    }

    void start(int count, int k, int t) throws IOException {
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

    Path dir(String node) {
        return work.resolve(node.substring(0, 8));
    }

    RoundParticipant.Result step(String node) throws Exception {
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

    List<Outcome> stepAll() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (String node : nodes) {
            outcomes.add(step(node).outcome());
        }
        return outcomes;
    }

    RoundDriver.Action drive() throws Exception {
        return new RoundDriver(ledger.as(nodes.get(0)), ledger.clock, (level, message) -> {}).drive(taskId);
    }

    void at(java.time.Instant instant) {
        ledger.clock.now = instant;
    }

    void keysSharesAndInputs() throws Exception {
        at(Fakes.T0.plusSeconds(1));
        assertThat(stepAll()).containsOnly(Outcome.KEYS_POSTED);
        at(ledger.phases().keysEnd().plus(SETTLE));
        assertThat(stepAll()).containsOnly(Outcome.SHARES_POSTED);
        at(ledger.phases().sharesEnd().plus(SETTLE));
        assertThat(stepAll()).containsOnly(Outcome.SUBMITTED);
    }

    int[] plainSum(List<String> of) {
        int[] sum = new int[inputs.get(of.get(0)).computed.get(0).length];
        for (String node : of) {
            int[] x = inputs.get(node).computed.get(0);
            for (int j = 0; j < sum.length; j++) {
                sum[j] += x[j];
            }
        }
        return sum;
    }
}
