package org.medfed.client.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.common.aggregation.round.AcceptedUpdate;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.aggregation.round.RoundRecomputation;
import org.medfed.common.budget.PrivacyAccounting;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.Participant;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.model.Role;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.RuleViolation;
import org.medfed.common.reputation.ReputationCause;
import org.medfed.common.reputation.ReputationScore;
import org.medfed.common.round.Admission;
import org.medfed.common.round.AggregationRules;
import org.medfed.common.round.RoundClosing;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.Standing;

/**
 * The ledger and the IPFS swarm of one simulated task, in memory, driven by the contracts' own rules from
 * fl-common: {@link Admission} and {@link PrivacyAccounting} on every submission, {@link RoundClosing} at the end of
 * a round, {@link RoundRecomputation} (the aggregator's code, FedAdam/FedYogi with their state blob by CID as on
 * the network), {@link AggregationRules}, and the reputation
 * changes the chaincode applies (quality, rejected update, missed round). Ledger time is simulated: the task starts
 * at a fixed instant, updates arrive a second after a round opens, and a round closes a second later (or at its
 * deadline when an expected participant did not submit).
 */
final class SimLedger {
    static final String MSP = "SimMSP";
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final long ROUND_SECONDS = 3600;

    private final String admin = ParticipantIds.of(MSP, "CN=admin");
    private final Map<String, Participant> participants = new HashMap<>();
    private final Map<String, DatasetDescription> datasets = new HashMap<>();
    private final Map<String, ReputationScore> reputations = new HashMap<>();
    private final Map<String, PrivacyBudget> budgets = new HashMap<>();
    private final Map<String, byte[]> blobs = new HashMap<>();
    private final Map<String, UpdateSubmission> submitted = new TreeMap<>();
    private final Map<String, BigDecimal> reputationAtSubmission = new HashMap<>();
    private final PrivacyAccounting accounting = new PrivacyAccounting(new RdpEpsilonAccountant());
    private Task task;
    private RoundState round;
    /** The server optimizer's state after the last aggregated round (FedAdam/FedYogi), as the ledger keeps it. */
    private ContentRef optimizerState;
    private long tx;

    /** Registers a data holder and its dataset; returns the participant id. */
    String register(String name, String schemaSha256, long rows) {
        String subject = "CN=" + name;
        Participant p = Participant.register(MSP, subject, Role.HOSPITAL, name, START, admin);
        participants.put(p.id(), p);
        datasets.put(p.id(), new DatasetDescription(datasetId(p.id()), p.id(), schemaSha256, rows,
                Hashing.sha256Hex(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "simulation",
                "simulation", "simulation", START));
        return p.id();
    }

    static String datasetId(String participantId) {
        return "ds-" + participantId.substring(0, 16);
    }

    /** Creates the task and opens round 1 from {@code initial}; the spec's initial model must name its blob. */
    void create(TaskSpec spec, float[] initial) {
        ContentRef ref = put(initial);
        if (!ref.equals(spec.model().initialModel())) {
            throw new IllegalArgumentException("the spec's initial model is not the blob given");
        }
        task = Task.create(spec, START, admin);
        round = RoundState.open(spec.id(), 1, ref, START, ROUND_SECONDS);
        optimizerState = null;
        for (String id : spec.eligibleParticipants()) {
            reputations.put(id, ReputationScore.initial(spec.id(), id, spec.reputation()));
            spec.dpPolicy().ifPresent(dp -> budgets.put(id, PrivacyBudget.unspent(spec.id(), id, dp)));
        }
    }

    static ContentRef ref(float[] values) {
        byte[] blob = FloatVectorCodec.encode(values);
        return new ContentRef(Cids.rawLeafCidV1(blob), Hashing.sha256Hex(blob));
    }

    private ContentRef put(float[] values) {
        return put(FloatVectorCodec.encode(values));
    }

    /** Stores a blob under its raw-leaf CID (the simulated store has no chunking, unlike Kubo above 256 KiB). */
    private ContentRef put(byte[] blob) {
        ContentRef ref = new ContentRef(Cids.rawLeafCidV1(blob), Hashing.sha256Hex(blob));
        blobs.put(ref.cid(), blob);
        return ref;
    }

    boolean active() {
        return round != null && task.status() == org.medfed.common.model.TaskStatus.ACTIVE;
    }

    long currentRound() {
        return round.round();
    }

    float[] globalModel() {
        return FloatVectorCodec.decode(blobs.get(round.baseModel().cid()));
    }

    Standing standing(String participantId) {
        return Standing.of(participants.get(participantId), reputations.get(participantId), task.spec().reputation());
    }

    BigDecimal reputation(String participantId) {
        return reputations.get(participantId).score();
    }

    /** Zero in a task without DP, which keeps no budget. */
    BigDecimal epsilon(String participantId) {
        PrivacyBudget budget = budgets.get(participantId);
        return budget == null ? BigDecimal.ZERO : budget.epsilon();
    }

    /** {@code round:submitUpdate}: null when accepted, else the refusal (error code and message). */
    String submit(String participantId, float[] params, long examples, DpUsage usage) {
        Instant now = round.openedAt().plusSeconds(1);
        ContentRef ref = ref(params);
        UpdateSubmission update = new UpdateSubmission(task.id(), round.round(), datasetId(participantId), ref.cid(),
                ref.sha256(), params.length, examples, round.baseModel().sha256(), UpdateKind.FULL, new TreeMap<>(),
                usage);
        try {
            Admission.admit(task, round, participants.get(participantId), reputations.get(participantId),
                    datasets.get(participantId), submitted.containsKey(participantId), update, now);
            accounting.chargeUpdate(task.spec(), participantId, () -> Optional.ofNullable(budgets.get(participantId)),
                    round.round(), usage, now).ifPresent(charged -> budgets.put(participantId, charged));
        } catch (RuleViolation e) {
            return e.code() + ": " + e.getMessage();
        }
        put(params);
        submitted.put(participantId, update);
        reputationAtSubmission.put(participantId, reputations.get(participantId).score());
        return null;
    }

    /**
     * {@code round:closeRound}, then the aggregation recorded as {@code aggregator:aggregateRound} records it; null or
     * why it failed.
     */
    String closeAndAggregate() {
        Map<String, Standing> standings = new HashMap<>();
        boolean allIn = true;
        for (String id : task.spec().eligibleParticipants()) {
            Standing s = standing(id);
            standings.put(id, s);
            allIn &= s != Standing.GOOD || submitted.containsKey(id);
        }
        Instant now = allIn ? round.openedAt().plusSeconds(2) : round.deadline();
        RoundClosing.Result closed = RoundClosing.close(task, round, now, List.copyOf(submitted.keySet()), standings);
        for (String missed : closed.missed()) {
            change(missed, ReputationCause.MISSED_ROUND, null, now);
        }
        task = closed.task();
        if (closed.outcome() != RoundClosing.Outcome.CLOSED) {
            round = null;
            return "round aborted without quorum (" + closed.outcome() + ")";
        }
        round = closed.round();
        AggregationRequest report = aggregate();
        AggregationRules.Result result = AggregationRules.accept(task, round, report, admin, now, "sim-" + (++tx));
        for (Contribution c : report.contributions()) {
            change(c.participantId(), ReputationCause.QUALITY, c.qualityScore(), now);
        }
        for (Exclusion e : report.excluded()) {
            if (e.reason().penalised()) {
                change(e.participantId(), ReputationCause.REJECTED_UPDATE, null, now);
            }
        }
        task = result.task();
        round = result.next();
        submitted.clear();
        return null;
    }

    /** The model of the last aggregated round. */
    float[] finalModel() {
        return FloatVectorCodec.decode(blobs.get(task.globalModel().cid()));
    }

    private AggregationRequest aggregate() {
        List<AcceptedUpdate> accepted = new ArrayList<>();
        for (String id : round.accepted()) {
            UpdateSubmission u = submitted.get(id);
            accepted.add(new AcceptedUpdate(id, u.ref(), u.parameterCount(), u.numExamples(), u.kind(),
                    reputationAtSubmission.get(id)));
        }
        RoundInput input = new RoundInput(task.spec(), round.round(), round.baseModel(), accepted, optimizerState);
        RoundOutcome outcome = new RoundRecomputation(this::open).aggregate(input);
        ContentRef model = put(outcome.model());
        optimizerState = outcome.optimizerState() == null ? null : put(outcome.optimizerState().blob());
        return new AggregationRequest(task.id(), round.round(), model, outcome.contributions(), outcome.excluded(),
                optimizerState);
    }

    private InputStream open(String cid, long maxBytes) throws IOException {
        byte[] blob = blobs.get(cid);
        if (blob == null) {
            throw new IOException("no blob " + cid + " in the simulated store");
        }
        return new ByteArrayInputStream(blob, 0, (int) Math.min(blob.length, maxBytes));
    }

    private void change(String participantId, ReputationCause cause, BigDecimal quality, Instant now) {
        ReputationScore s = reputations.get(participantId);
        reputations.put(participantId, s.apply(task.spec().reputation(), cause, quality,
                round == null ? task.currentRound() : round.round(), "sim-" + (++tx), now).score());
    }
}
