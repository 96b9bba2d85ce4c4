package org.medfed.client.sim;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import org.medfed.client.access.PatientRefs;
import org.medfed.client.data.DataException;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.AccessLedger;
import org.medfed.client.train.Metrics;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.AccessPolicy;
import org.medfed.common.access.AccessRequest;
import org.medfed.common.access.AccessRules;
import org.medfed.common.access.BreakGlassReview;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.RiskModelSpec;
import org.medfed.common.model.Role;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;
import org.medfed.common.protocol.ErrorCode;

/**
 * A scripted stream of access requests over simulated patients, decided by the chaincode on the simulation's
 * ledger. A risk task is trained federated ({@link SimFederation}, each site approving its dataset's use first);
 * its held-back test rows are the patients, whose true class is known. The first site attests each patient with
 * the final global model (class and probability from medfed's own forward pass, {@link Mlp}), and again three days
 * later for most of them; clinicians, payers and researchers then ask for records ({@link AccessScript}) over six
 * days of ledger time, so attestations and grants expire on the way. For every grant the holder records a release
 * per granted scope, as its records server would before serving; a few releases are attempted without a grant, for
 * a scope not granted or after expiry, and must be refused with {@code NO_LIVE_GRANT}. At the end a privacy officer
 * closes every break-glass review, and the ledger's decisions and releases are audited ({@link AccessMeasures}).
 */
final class AccessStream {
    static final long HOUR = 3600;
    static final long DAY = 24 * HOUR;
    /** How long an attestation holds, and when the holder attests again (a share of its patients). */
    static final long TTL_SECONDS = 3 * DAY;

    static final long REATTEST_AFTER = 3 * DAY;
    static final double REATTESTED = 0.8;
    /** How long the requests go on, and how soon after a grant the holder serves (and records) a release. */
    static final long SPAN_SECONDS = 6 * DAY;

    static final long SERVE_AFTER = 30;
    /** How many releases of each kind are attempted where no live grant covers them. */
    static final int PROBES = 5;

    /** The refused release attempts: each must be refused with NO_LIVE_GRANT. */
    record Probes(int attempted, int refusedNoLiveGrant, List<String> otherAnswers) {}

    /** The break-glass reviews the stream opened and how the privacy officer closed them. */
    record Reviews(long opened, long flagged, long justified, long unjustified) {}

    /**
     * What a stream produced.
     *
     * @param failedReleases releases under a grant that the ledger refused (none expected)
     * @param seconds wall time of training and stream together
     */
    record Result(
            String taskId,
            long seed,
            int rounds,
            int requests,
            int patients,
            int reattested,
            AccessMeasures.Confusion confusion,
            AccessPolicy policy,
            List<AccessMeasures.Case> cases,
            long granted,
            long breakGlass,
            long releasesRecorded,
            List<String> failedReleases,
            Probes probes,
            AccessMeasures.Audit audit,
            Reviews reviews,
            double seconds) {}

    private record Event(Instant at, long seq, Step step) {}

    @FunctionalInterface
    private interface Step {
        void run() throws MedfedException;
    }

    private final SimTask task;
    private final long seed;
    private final long startNanos;
    private final SimNetwork network;
    private final TabularDataset patients;
    private final RiskModelSpec risk;
    private final SplittableRandom random;
    private final PriorityQueue<Event> timeline =
            new PriorityQueue<>(Comparator.comparing(Event::at).thenComparingLong(Event::seq));
    private final Map<Role, List<SimNetwork.Site>> people = new EnumMap<>(Role.class);
    private final Map<String, LedgerClient> clients = new HashMap<>();
    private final List<AccessMeasures.Case> cases = new ArrayList<>();
    private final List<AccessDecision> breakGlass = new ArrayList<>();
    private final List<String> failedReleases = new ArrayList<>();
    private final List<String> probeAnswers = new ArrayList<>();
    private final Map<String, Integer> probesOf = new HashMap<>();
    private long seq;
    private long granted;
    private long releases;
    private String[] refs;
    private int[] predicted;
    private double[][] probabilities;
    private AccessPolicy policy;
    private ContentRef model;
    private int round;

    private AccessStream(SimTask task, TabularDataset patients, RiskModelSpec risk, long seed, long startNanos) {
        this.task = task;
        this.seed = seed;
        this.startNanos = startNanos;
        this.network = SimNetwork.shared();
        this.patients = patients;
        this.risk = risk;
        this.random = SimData.random(seed, 900);
    }

    /**
     * Trains {@code config}'s risk task (its first seed, no DP) on {@code input} and plays {@code requests} scripted
     * requests over its test rows.
     */
    static Result run(SimConfig config, SimInput input, String policyJson, int requests) throws DataException {
        if (config.risk() == null || config.dp()) {
            throw new IllegalArgumentException("the access stream needs a risk task without DP");
        }
        long start = System.nanoTime();
        SimNetwork.prestart();
        SimData data = Simulation.prepare(config, input.table(), input.mapping(), input.standardize())
                .get(0);
        long seed = config.seeds().get(0);
        ModelSpec shape = Simulation.shape(config, data.test());
        return SimFederation.run(
                config,
                data,
                shape,
                Simulation.training(config, config.epochs(), config.fedProxMu()),
                null,
                seed,
                input.mapping().fingerprint(),
                (task, outcome) -> new AccessStream(task, data.test(), config.risk(), seed, start)
                        .play(shape, outcome, policyJson, requests));
    }

    private Result play(ModelSpec shape, SimFederation.Outcome outcome, String policyJson, int requests)
            throws MedfedException {
        round = outcome.roundModels().size();
        if (round == 0) {
            throw new IllegalStateException("the risk task aggregated no round: " + outcome.events());
        }
        // The blob store is content-addressed: the final model's bytes are the last aggregation's global model.
        model = task.put(outcome.model());
        score(shape, outcome.model());
        try {
            register();
            setPolicy(policyJson);
            Instant start = task.now().plusSeconds(60);
            int reattested = schedule(start, requests);
            while (!timeline.isEmpty()) {
                Event next = timeline.poll();
                task.at(next.at());
                next.step().run();
            }
            Reviews reviews = closeReviews(start.plusSeconds(SPAN_SECONDS + DAY));
            AccessMeasures.Audit audit = audit();
            int attempted = probeAnswers.size();
            int refused = (int) probeAnswers.stream()
                    .filter(ErrorCode.NO_LIVE_GRANT.name()::equals)
                    .count();
            List<String> other = probeAnswers.stream()
                    .filter(a -> !ErrorCode.NO_LIVE_GRANT.name().equals(a))
                    .toList();
            return new Result(
                    task.id(),
                    seed,
                    round,
                    requests,
                    patients.rowCount(),
                    reattested,
                    AccessMeasures.Confusion.of(patients.classNames(), patients.labels(), predicted),
                    policy,
                    cases,
                    granted,
                    breakGlass.size(),
                    releases,
                    failedReleases,
                    new Probes(attempted, refused, other),
                    audit,
                    reviews,
                    (System.nanoTime() - startNanos) / 1e9);
        } finally {
            clients.values().forEach(LedgerClient::close);
        }
    }

    /** Each patient's class and probability under the final global model, by medfed's own forward pass. */
    private void score(ModelSpec shape, float[] params) {
        Mlp mlp = new Mlp(ParameterLayout.of(shape));
        double[] w = new double[params.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = params[i];
        }
        float[][] x = patients.features();
        probabilities = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            probabilities[i] = mlp.probabilities(w, x[i]);
        }
        predicted = Metrics.predictions(probabilities);
        refs = new String[x.length];
        // a key derived from the task, so each run's patients are new to the JVM's shared ledger
        PatientRefs hospital =
                PatientRefs.inMemory(Hashing.sha256(("simulated hospital key of " + task.id()).getBytes(UTF_8)));
        for (int i = 0; i < x.length; i++) {
            refs[i] = hospital.of("patient-" + (i + 1));
        }
    }

    /** The requesters and the privacy officer: new people of the network, each with its client at ledger time. */
    private void register() throws MedfedException {
        for (Role role : List.of(Role.CLINICIAN, Role.PAYER, Role.RESEARCHER, Role.PRIVACY_OFFICER)) {
            int count = role == Role.PRIVACY_OFFICER ? 1 : AccessScript.people(role);
            List<SimNetwork.Site> persons = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SimNetwork.Site person = network.person(role.wire() + (i + 1) + "-" + task.id(), role);
                persons.add(person);
                clients.put(person.participantId(), task.clientOf(person));
            }
            people.put(role, persons);
        }
    }

    /** Sets the policy file's rules as the ledger's next version (the ledger is shared by the JVM's simulations). */
    private void setPolicy(String policyJson) throws MedfedException {
        try (LedgerClient admin = task.admin()) {
            AccessLedger access = new AccessLedger(admin);
            long next = 1;
            try {
                next = access.policy(null).value().version() + 1;
            } catch (MedfedException e) {
                if (!ErrorCode.NO_ACCESS_POLICY.name().equals(e.code())) {
                    throw e;
                }
            }
            Map<String, Object> json = new HashMap<>(JsonFields.object(CanonicalJson.parse(policyJson)));
            json.put("version", next);
            policy = access.setPolicy(CanonicalJson.encode(json)).value();
        }
    }

    /**
     * Attestations at the start and three days on (for most patients), and the script's requests; returns how many
     * patients are attested again.
     */
    private int schedule(Instant start, int requests) {
        int reattested = 0;
        for (int p = 0; p < refs.length; p++) {
            int patient = p;
            at(start, () -> attest(patient, start));
            if (random.nextDouble() < REATTESTED) {
                Instant again = start.plusSeconds(REATTEST_AFTER);
                at(again, () -> attest(patient, again));
                reattested++;
            }
        }
        for (AccessScript.Request request : AccessScript.generate(random, requests, refs.length, SPAN_SECONDS)) {
            at(start.plusSeconds(request.atSeconds()), () -> request(request));
        }
        return reattested;
    }

    private void at(Instant when, Step step) {
        timeline.add(new Event(when, seq++, step));
    }

    /** {@code access:postAttestation} by the first site: the vitals were observed ten minutes before. */
    private void attest(int patient, Instant now) throws MedfedException {
        int c = predicted[patient];
        RiskAttestation.Claim claim = new RiskAttestation.Claim(
                refs[patient],
                task.datasetIds().get(0),
                task.id(),
                round,
                model.cid(),
                c,
                BigDecimal.valueOf(probabilities[patient][c]).setScale(6, RoundingMode.HALF_EVEN),
                now.minusSeconds(600),
                TTL_SECONDS);
        new AccessLedger(task.client(0)).postAttestation(claim);
    }

    private void request(AccessScript.Request scripted) throws MedfedException {
        SimNetwork.Site who = people.get(scripted.role()).get(scripted.requester());
        int patient = scripted.patient();
        AccessRequest request =
                new AccessRequest(refs[patient], scripted.purpose(), scripted.scopes(), scripted.reason());
        AccessDecision decision = new AccessLedger(clients.get(who.participantId()))
                .requestAccess(request)
                .value();
        int trueClass = patients.labels()[patient];
        AccessRules.Verdict truth = AccessRules.decide(
                policy,
                scripted.role(),
                request,
                Optional.of(trueAttestation(patient, trueClass, decision)),
                0,
                decision.decidedAt());
        cases.add(new AccessMeasures.Case(
                scripted.role(),
                scripted.purpose(),
                request.reason() != null,
                risk.classOf(trueClass),
                decision.risk(),
                decision.granted(),
                decision.breakGlass(),
                decision.scopes(),
                truth.granted() ? truth.scopes() : List.of()));
        Instant served = decision.decidedAt().plusSeconds(SERVE_AFTER);
        if (!decision.granted()) {
            probe("denied", served, decision, RecordScope.SUMMARY);
            return;
        }
        granted++;
        if (decision.breakGlass()) {
            breakGlass.add(decision);
        }
        for (RecordScope scope : decision.scopes()) {
            at(served, () -> release(decision, scope, patient));
        }
        if (!decision.scopes().contains(RecordScope.VITALS)) {
            probe("scope", served, decision, RecordScope.VITALS);
        }
        probe(
                "expired",
                decision.expiresAt().plusSeconds(60),
                decision,
                decision.scopes().get(0));
    }

    /** What the holder would attest if its model were always right: the patient's true class, live now. */
    private RiskAttestation trueAttestation(int patient, int trueClass, AccessDecision decision) {
        Instant now = decision.decidedAt();
        return new RiskAttestation(
                new RiskAttestation.Claim(
                        refs[patient],
                        task.datasetIds().get(0),
                        task.id(),
                        round,
                        model.cid(),
                        trueClass,
                        BigDecimal.ONE,
                        now,
                        1),
                decision.holderId(),
                risk.classOf(trueClass),
                now);
    }

    /** {@code access:recordRelease} by the holder, as its records server does before serving the scope. */
    private void release(AccessDecision decision, RecordScope scope, int patient) {
        String served = "patient-" + (patient + 1) + " " + scope.wire() + " " + decision.id();
        try {
            new AccessLedger(task.client(0))
                    .recordRelease(
                            new ReleaseRecord.Request(decision.id(), scope, Hashing.sha256Hex(served.getBytes(UTF_8))));
            releases++;
        } catch (MedfedException e) {
            failedReleases.add(decision.id() + " " + scope.wire() + ": " + e.code() + " " + e.getMessage());
        }
    }

    /** A release nothing live covers ({@code kind}: denied, scope not granted, expired), the first few of each kind. */
    private void probe(String kind, Instant when, AccessDecision decision, RecordScope scope) {
        if (probesOf.merge(kind, 1, Integer::sum) > PROBES) {
            return;
        }
        at(when, () -> {
            try {
                new AccessLedger(task.client(0))
                        .recordRelease(new ReleaseRecord.Request(decision.id(), scope, "0".repeat(64)));
                probeAnswers.add("recorded (" + kind + ")");
            } catch (MedfedException e) {
                probeAnswers.add(e.isFromChaincode() ? e.code() : "failed: " + e.getMessage());
            }
        });
    }

    /**
     * The privacy officer closes every break-glass review at {@code at}: justified for a clinician treating a patient
     * truly serious or critical, unjustified otherwise.
     */
    private Reviews closeReviews(Instant at) throws MedfedException {
        task.at(at);
        SimNetwork.Site officer = people.get(Role.PRIVACY_OFFICER).get(0);
        AccessLedger access = new AccessLedger(clients.get(officer.participantId()));
        Map<String, Integer> patientOf = new HashMap<>();
        for (int p = 0; p < refs.length; p++) {
            patientOf.put(refs[p], p);
        }
        long justified = 0;
        long flagged = 0;
        for (AccessDecision d : breakGlass) {
            boolean needed = d.requesterRole() == Role.CLINICIAN
                    && AccessMeasures.severe(risk.classOf(patients.labels()[patientOf.get(d.patientRef())]));
            access.closeReview(
                    d.id(),
                    new BreakGlassReview.Closing(
                            needed ? BreakGlassReview.Outcome.JUSTIFIED : BreakGlassReview.Outcome.UNJUSTIFIED,
                            needed ? "emergency confirmed by the patient's chart" : "no emergency on the chart"));
            justified += needed ? 1 : 0;
            flagged += d.flagged() ? 1 : 0;
        }
        return new Reviews(breakGlass.size(), flagged, justified, breakGlass.size() - justified);
    }

    /** Every decision and release the ledger lists for this stream's patients, checked against each other. */
    private AccessMeasures.Audit audit() throws MedfedException {
        Set<String> ours = new HashSet<>(List.of(refs));
        AccessLedger access = new AccessLedger(task.client(0));
        List<AccessDecision> decisions = access.allDecisions(100).value().items().stream()
                .filter(d -> ours.contains(d.patientRef()))
                .toList();
        List<ReleaseRecord> released = access.allReleases(null, 100).value().items().stream()
                .filter(r -> ours.contains(r.patientRef()))
                .toList();
        if (decisions.size() != cases.size()) {
            throw new IllegalStateException(
                    "the ledger lists " + decisions.size() + " decisions, the stream made " + cases.size());
        }
        return AccessMeasures.audit(decisions, released);
    }
}
