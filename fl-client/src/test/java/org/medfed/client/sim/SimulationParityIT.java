package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.network.RealNetwork;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.reputation.ReputationPolicy;
import org.medfed.common.round.RoundState;

/**
 * A simulation's ledger is the network's ledger: the same update, refused over the gateway of a real network (the
 * chaincode servers, the embedded ledger or Fabric) and in a simulation, gets the same code and the same words.
 */
class SimulationParityIT {

    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("simulation-parity");

    private static final float[] INITIAL = {0.1f, -0.2f, 0.3f, 0.0f, 0.5f, -0.5f};
    private static final float[] TRAINED = {0.2f, -0.1f, 0.3f, 0.1f, 0.4f, -0.4f};
    private static final DpPolicy PRIVATE = new DpPolicy(
            BigDecimal.ONE,
            BigDecimal.ZERO,
            new BigDecimal("0.00001"),
            new BigDecimal("5"),
            EpsilonConversion.IMPROVED);
    /** An update trained without noise (σ = 0), to a task that accounts ε: infinitely private-less. */
    private static final DpUsage UNNOISED = new DpUsage(new BigDecimal("0.1"), BigDecimal.ZERO, 10, BigDecimal.ONE);

    @Test
    void anUnnoisedUpdateToAPrivateTaskIsRefusedTheSameWayInASimulationAndOverTheGateway() throws Exception {
        String overGateway = refusalOverTheGateway();
        String inSimulation = refusalInASimulation();

        assertThat(inSimulation).startsWith("PRIVACY_BUDGET_EXCEEDED: ").contains("to infinity, above the cap 5");
        assertThat(inSimulation).isEqualTo(overGateway);
    }

    private static String refusalOverTheGateway() throws Exception {
        String participant = (String) NET.registerUser1("Hospital").get("id");
        GatewayConnection hospital = NET.gateway("Hospital", "user1");
        String dataset = "parity-" + participant.substring(0, 8);
        new DatasetLedger(hospital)
                .register(new DatasetRegistration(
                        dataset,
                        Hashing.sha256Hex(new byte[] {1}),
                        100,
                        Hashing.sha256Hex(new byte[] {2}),
                        "parity",
                        "parity",
                        "parity"));
        ContentRef initial = NET.addEverywhere(FloatVectorCodec.encode(INITIAL));
        TaskSpec spec = spec("parity", initial, participant, dataset);
        RoundState round = new TaskLedger(NET.gateway("Hospital", "admin"))
                .create(spec)
                .value()
                .round();
        ContentRef update = NET.addEverywhere(FloatVectorCodec.encode(TRAINED));
        UpdateSubmission unnoised = new UpdateSubmission(
                spec.id(),
                round.round(),
                dataset,
                update.cid(),
                update.sha256(),
                INITIAL.length,
                100,
                initial.sha256(),
                UpdateKind.FULL,
                new TreeMap<>(),
                UNNOISED);
        MedfedException refused =
                catchThrowableOfType(MedfedException.class, () -> new RoundLedger(hospital).submitUpdate(unnoised));
        assertThat(refused).isNotNull();
        return normalised(refused.code() + ": " + refused.getMessage(), participant, spec.id());
    }

    private static String refusalInASimulation() throws Exception {
        try (SimTask task = new SimTask(SimNetwork.shared())) {
            task.join("parity", 100, Hashing.sha256Hex(new byte[] {1}));
            String participant = task.participantIds().get(0);
            TaskSpec spec = spec(
                    task.id(), task.put(INITIAL), participant, task.datasetIds().get(0));
            RoundState round = task.create(spec);
            List<String> refusals = task.submitTogether(round, List.of(TRAINED), List.of(100L), List.of(UNNOISED));
            assertThat(refusals.get(0)).isNotNull();
            return normalised(refusals.get(0), participant, spec.id());
        }
    }

    private static TaskSpec spec(String id, ContentRef initial, String participant, String dataset) {
        ModelSpec model = new ModelSpec(ModelSpec.MLP, 2, List.of(), "relu", 2, initial);
        return new TaskSpec(
                id,
                "parity",
                model,
                new TrainingSpec(1, 10, new BigDecimal("0.1"), "sgd", BigDecimal.ZERO),
                2,
                1,
                3600,
                1,
                new StrategySpec("fedavg", new TreeMap<>()),
                PRIVATE,
                ReputationPolicy.defaults(),
                List.of(participant),
                List.of(dataset));
    }

    /** Participant and task ids in place of placeholders; the peer that answered (its address) left out. */
    private static String normalised(String refusal, String participant, String task) {
        return refusal.replace(participant, "<participant>")
                .replace(task, "<task>")
                .replaceAll(" \\(peer [^)]*\\)$", "");
    }
}
