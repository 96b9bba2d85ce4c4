package org.medfed.client.sim;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.TreeMap;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.AggregateResult;
import org.medfed.client.ledger.CloseResult;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.SecAggLedger;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.reputation.ReputationPolicy;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.common.secagg.MaskedVectorCodec;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.RoundContext;
import org.medfed.common.secagg.SecureAdmission;
import org.medfed.common.secagg.SecureParticipant;

/**
 * The {@link SecureRounds} of the simulation's ledger ({@link SimNetwork}): a secure task of its own
 * ({@link SimTask}), created by the admin with the setup's secure aggregation, whose every round is played as the
 * network plays it (docs/secure-aggregation.md, "Phases of a round"), each site with {@link SecureParticipant} (the
 * client node's rules) and fresh secrets from a {@link SecureRandom}:
 *
 * <ol>
 *   <li>a second after the round opened, every site posts its keys ({@code secagg:postKeys});
 *   <li>at the end of the keys phase, its encrypted shares for its holders ({@code secagg:postShares});
 *   <li>at the end of the shares phase, its masked input: masked with the graph of the posted keys, stored in the
 *       swarm as a masked vector blob and submitted ({@code round:submitUpdate}, kind masked, the registered rows,
 *       no metrics, the task's one DP-SGD step);
 *   <li>a second later a site closes the round ({@code round:closeRound}); at the close every survivor reveals
 *       ({@code secagg:revealShares}) and a site asks for the aggregation ({@code aggregator:aggregateRound}): the
 *       chaincode unmasks the sum and takes the step, and the new model is read from the swarm.
 * </ol>
 *
 * Sites post each phase in turn, each after the previous one's commit, not together as separate nodes would: every
 * transaction of a secure round (keys, shares, masked input, reveal) reads the attempt's records by range
 * ({@code SecureRoundRecords.read}: keys, shares, masked inputs, reveals) and writes one record into one of those
 * ranges, so two of them in one block conflict ({@code PHANTOM_READ_CONFLICT}) and all but the first would have to
 * be submitted again. Ledger time is the task's own, set to each phase. Any refusal is a fault of the simulation,
 * not an outcome: it is thrown.
 */
final class LedgerSecureRounds implements SecureRounds {
    private static final long ROUND_SECONDS = 3600;

    private final SecureSetup setup;
    private final SimTask task;
    private final SecureRandom random = new SecureRandom();
    private final DpUsage step;
    private RoundState round;

    LedgerSecureRounds(SecureSetup setup) {
        this(SimNetwork.shared(), setup);
    }

    LedgerSecureRounds(SimNetwork network, SecureSetup setup) {
        this.setup = setup;
        this.task = new SimTask(network);
        try {
            for (int i = 0; i < setup.sites().size(); i++) {
                task.join(setup.sites().get(i), setup.rows().get(i), setup.schemaSha256());
            }
            TaskSpec spec = spec(task.put(setup.initial()));
            this.step = SecureAdmission.step(spec);
            this.round = task.create(spec);
        } catch (MedfedException | RuntimeException e) {
            task.close();
            throw failed(e);
        }
    }

    /** The task: FedAvg, one epoch (a round is one step), quorum n_min, the setup's DP and secure aggregation. */
    private TaskSpec spec(ContentRef initial) {
        ModelSpec shape = setup.shape();
        ModelSpec model = new ModelSpec(
                shape.architecture(),
                shape.inputs(),
                shape.hiddenLayers(),
                shape.activation(),
                shape.classes(),
                initial);
        return new TaskSpec(
                        task.id(),
                        "simulation, secure aggregation",
                        model,
                        new TrainingSpec(1, 1, setup.learningRate(), "sgd", BigDecimal.ZERO),
                        setup.rounds(),
                        setup.secure().minSurvivors(),
                        ROUND_SECONDS,
                        1,
                        new StrategySpec(Strategies.FEDAVG, new TreeMap<>()),
                        setup.dp(),
                        ReputationPolicy.defaults(),
                        task.participantIds(),
                        task.datasetIds())
                .withSecureAggregation(setup.secure());
    }

    @Override
    public float[] next(List<int[]> siteInputs) {
        if (round == null) {
            throw new IllegalStateException("the task's " + setup.rounds() + " rounds are played");
        }
        if (siteInputs.size() != setup.sites().size()) {
            throw new IllegalArgumentException(
                    siteInputs.size() + " site inputs for " + setup.sites().size() + " sites");
        }
        try {
            return play(siteInputs);
        } catch (MedfedException | BlobStoreException | RuntimeException e) {
            throw failed(e);
        }
    }

    private float[] play(List<int[]> inputs) throws MedfedException, BlobStoreException {
        String taskId = task.id();
        long number = round.round();
        String base = round.baseModel().sha256();
        RoundContext context = new RoundContext(taskId, number, round.attempt());
        int sites = inputs.size();
        List<String> ids = task.participantIds();
        List<SecureParticipant> players = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            players.add(SecureParticipant.create(context, ids.get(i), random));
        }
        Instant opened = round.openedAt();

        task.at(opened.plusSeconds(1));
        task.inTurn(
                sites,
                (i, client) -> new SecAggLedger(client)
                        .postKeys(
                                taskId,
                                number,
                                players.get(i).maskKey(),
                                players.get(i).shareKey()));

        task.at(opened.plusSeconds(SecureSetup.KEYS_SECONDS));
        SecureRoundView keyed = view(number);
        int k = (int) setup.secure().neighbours();
        NeighbourGraph graph = NeighbourGraph.of(context, base, keyed.keys().keySet(), k);
        int threshold = (int) setup.secure().threshold();
        task.inTurn(
                sites,
                (i, client) -> new SecAggLedger(client)
                        .postShares(taskId, number, players.get(i).shares(graph, keyed.keys(), threshold, random)));

        task.at(opened.plusSeconds(SecureSetup.KEYS_SECONDS + SecureSetup.SHARES_SECONDS));
        SecureRoundView shared = view(number);
        List<UpdateSubmission> updates = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            int[] masked = players.get(i)
                    .mask(inputs.get(i), graph, shared.keys(), shared.shares().keySet());
            ContentRef blob = task.put(MaskedVectorCodec.encode(masked));
            updates.add(new UpdateSubmission(
                    taskId,
                    number,
                    task.datasetIds().get(i),
                    blob.cid(),
                    blob.sha256(),
                    masked.length,
                    setup.rows().get(i),
                    base,
                    UpdateKind.MASKED,
                    new TreeMap<>(),
                    step));
        }
        task.inTurn(sites, (i, client) -> new RoundLedger(client).submitUpdate(updates.get(i)));

        CloseResult closed =
                task.close(round, opened.plusSeconds(SecureSetup.KEYS_SECONDS + SecureSetup.SHARES_SECONDS + 1));
        if (closed.round().status() != RoundStatus.CLOSED
                || closed.round().accepted().size() != sites) {
            throw new IllegalStateException(
                    "round " + number + " closed as " + closed.round().status() + " with "
                            + closed.round().accepted().size() + " of " + sites + " masked inputs");
        }
        task.at(closed.round().closedAt());
        SecureRoundView unmasking = view(number);
        task.inTurn(sites, (i, client) -> {
            SecureParticipant.RevealOutcome reveal = players.get(i)
                    .reveal(
                            graph,
                            unmasking.keys(),
                            unmasking.shares(),
                            new HashSet<>(unmasking.survivors()),
                            new HashSet<>(unmasking.dropouts()));
            if (!reveal.problems().isEmpty()) {
                throw new IllegalStateException("site " + i + " cannot reveal: " + reveal.problems());
            }
            return new SecAggLedger(client).revealShares(taskId, number, reveal.shares());
        });

        AggregateResult aggregated = task.aggregate(round);
        round = aggregated.nextRound();
        return task.model(aggregated.round().resultModel());
    }

    private SecureRoundView view(long number) throws MedfedException {
        return new SecAggLedger(task.client(0)).secureRound(task.id(), number).value();
    }

    private static IllegalStateException failed(Exception e) {
        return new IllegalStateException("the simulation's ledger failed: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        task.close();
    }
}
