package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.network.LedgerJson.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.aggregation.round.AcceptedUpdate;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.budget.DpCharge;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.dp.DpParams;
import org.medfed.common.dp.RdpAccountant;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.round.AbortedAttempt;
import org.medfed.common.round.CloseReason;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;

/**
 * What must hold after a fault, whatever was killed and when (issue 18), checked on one task through the ledger's
 * own answers once the test has restarted what it killed:
 * <ol>
 *   <li><b>every organisation's view agrees</b>: the same queries (the task, each round, its updates, aggregation
 *       and input, each participant's budget and reputation) answered identically through each organisation's
 *       gateway, waited for while a peer catches up; on the embedded ledger also {@code network.sh verify-chain};</li>
 *   <li><b>the rounds went by the rules</b>: only the current round may be unfinished; a closed round accepted a
 *       quorum of submitted updates, for the reason its close time allows (all submitted before the deadline, or
 *       quorum at or after it), and accounts for every eligible participant once; an aborted attempt lacked quorum
 *       at its deadline; an aggregated round's record accounts for exactly its accepted updates, and its model is
 *       the next round's base;</li>
 *   <li><b>no acknowledged update is lost</b>: every submit that returned committed ({@link #acknowledge}) is in
 *       its round's updates with its blob (and transaction), and once the round closed, in its accepted list and
 *       the aggregation's input and record, unless excluded with a recorded reason;</li>
 *   <li><b>nobody is charged ε twice</b>: each participant's budget holds one charge per round it has an update
 *       in, with that update's DP parameters, and its ε is what fl-common's {@link RdpAccountant} gives for exactly
 *       those;</li>
 *   <li><b>{@code medfed verify round}</b> (picocli in this JVM, with the network's profiles) prints OK for every
 *       aggregated round.</li>
 * </ol>
 * Tasks in clear (a secure round's aborted attempt drops its masked inputs but keeps their charges, by design).
 */
final class FaultInvariants {

    /**
     * An update its participant knows is committed, so the ledger may never lose it: its submit returned, or a retry
     * was refused {@code DUPLICATE_SUBMISSION}, or a client node journalled it as submitted ({@code txId} then null).
     */
    record Acknowledged(String taskId, long round, String participantId, ContentRef blob, String txId) {

        /** From the ledger's answer to a committed {@code round:submitUpdate} (the stored update record). */
        static Acknowledged of(byte[] committedRecord) {
            UpdateRecord r = UpdateRecord.fromJson(json(committedRecord));
            return new Acknowledged(
                    r.submission().taskId(),
                    r.submission().round(),
                    r.participantId(),
                    new ContentRef(r.submission().cid(), r.submission().sha256()),
                    r.txId());
        }
    }

    private static final long AGREEMENT_SECONDS = 60;

    private final RealNetwork net;
    private final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
    private final String verifyProfile;

    /** @param verifyProfile the profile {@code medfed verify} runs as (its organisation's Kubo node serves the blobs) */
    FaultInvariants(RealNetwork net, String verifyProfile) {
        this.net = net;
        this.verifyProfile = verifyProfile;
    }

    void acknowledge(Acknowledged update) {
        acknowledged.add(update);
    }

    List<Acknowledged> acknowledged(String taskId) {
        return acknowledged.stream().filter(a -> a.taskId().equals(taskId)).toList();
    }

    /** Every invariant on {@code taskId}; returns the task as every organisation sees it. */
    Task check(String taskId) throws Exception {
        Map<String, String> view = agreedView(taskId);
        Task task = Task.fromJson(parse(view.get(key(TxNames.TASK_GET, taskId))));
        List<RoundFacts> rounds = new ArrayList<>();
        for (long r = 1; r <= task.currentRound(); r++) {
            rounds.add(RoundFacts.of(view, taskId, r));
        }
        roundsWentByTheRules(task, rounds);
        List<String> kept = noAcknowledgedUpdateLost(taskId, rounds);
        int budgets = nobodyChargedTwice(task, rounds, budgets(task, view));
        String chain = chainVerifies();
        List<Long> verified = verifyPasses(taskId, rounds);
        System.out.printf(
                "[invariants] task %s (%s, round %d): %d queries agree on every organisation; rounds %s; %d"
                        + " acknowledged updates kept (%s); %d budgets charged once per round; %s; verify OK on"
                        + " rounds %s%n",
                taskId,
                task.status().wire(),
                task.currentRound(),
                view.size(),
                rounds.stream().map(RoundFacts::describe).toList(),
                kept.size(),
                String.join(", ", kept),
                budgets,
                chain,
                verified);
        return task;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Every organisation's view

    /** The task's queries answered identically by every organisation's gateway (polled while a peer lags). */
    private Map<String, String> agreedView(String taskId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AGREEMENT_SECONDS);
        Map<String, Map<String, String>> views = new TreeMap<>();
        while (true) {
            views.clear();
            for (String org : RealNetwork.ORGS) {
                views.put(org, view(org, taskId));
            }
            if (views.values().stream().distinct().count() == 1) {
                return views.values().iterator().next();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the organisations' views of task " + taskId + " still differ after "
                        + AGREEMENT_SECONDS + " s: " + differences(views));
            }
            Thread.sleep(200);
        }
    }

    private Map<String, String> view(String org, String taskId) throws Exception {
        Map<String, String> view = new LinkedHashMap<>();
        String taskJson = answer(org, view, TxNames.TASK_GET, taskId);
        Task task = Task.fromJson(parse(taskJson));
        for (long r = 1; r <= task.currentRound(); r++) {
            String round = Long.toString(r);
            answer(org, view, TxNames.ROUND_GET, taskId, round);
            answer(org, view, TxNames.ROUND_LIST_UPDATES, taskId, round, "100", "");
            answer(org, view, TxNames.ROUND_GET_AGGREGATION, taskId, round);
            answer(org, view, TxNames.AGGREGATOR_GET_ROUND_INPUT, taskId, round);
        }
        for (String participant : task.spec().eligibleParticipants()) {
            if (task.spec().dpPolicy().isPresent()) {
                answer(org, view, TxNames.ROUND_GET_PRIVACY_BUDGET, taskId, participant);
            }
            answer(org, view, TxNames.REPUTATION_GET, taskId, participant);
        }
        return view;
    }

    /** The answer's JSON, or the refusal's code (its message names the gateway, which differs by organisation). */
    private String answer(String org, Map<String, String> view, String tx, String... args) throws Exception {
        String text;
        try {
            text = new String(LedgerRetry.withRetry(() -> net.evaluate(org, "user1", tx, (Object[]) args)), UTF_8);
        } catch (MedfedException e) {
            if (!e.isFromChaincode()) {
                throw e;
            }
            text = "refused " + e.code();
        }
        view.put(key(tx, args), text);
        return text;
    }

    private static String key(String tx, String... args) {
        return tx + " " + String.join(" ", args);
    }

    private static String differences(Map<String, Map<String, String>> views) {
        Map<String, String> first = views.values().iterator().next();
        StringBuilder out = new StringBuilder();
        views.forEach((org, view) -> view.forEach((query, answer) -> {
            if (!answer.equals(first.get(query))) {
                out.append("\n  ")
                        .append(org)
                        .append(" ")
                        .append(query)
                        .append(": ")
                        .append(answer);
            }
        }));
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------------------
    // The rules

    /** One round as the agreed view shows it; aggregation and input are null while there are none. */
    record RoundFacts(RoundState state, List<UpdateRecord> updates, AggregationRecord aggregation, RoundInput input) {

        static RoundFacts of(Map<String, String> view, String taskId, long r) {
            String round = Long.toString(r);
            RoundState state = RoundState.fromJson(LedgerJson.obj(
                    parse(view.get(key(TxNames.ROUND_GET, taskId, round))).get("round")));
            List<UpdateRecord> updates = LedgerJson.maps(
                            parse(view.get(key(TxNames.ROUND_LIST_UPDATES, taskId, round, "100", "")))
                                    .get("items"))
                    .stream()
                    .map(UpdateRecord::fromJson)
                    .toList();
            String aggregation = view.get(key(TxNames.ROUND_GET_AGGREGATION, taskId, round));
            String input = view.get(key(TxNames.AGGREGATOR_GET_ROUND_INPUT, taskId, round));
            return new RoundFacts(
                    state,
                    updates,
                    aggregation.startsWith("refused ") ? null : AggregationRecord.fromJson(parse(aggregation)),
                    input.startsWith("refused ") ? null : RoundInput.fromJson(parse(input)));
        }

        boolean closed() {
            return state.status() == RoundStatus.CLOSED || state.status() == RoundStatus.AGGREGATED;
        }

        Map<String, UpdateRecord> byParticipant() {
            Map<String, UpdateRecord> by = new TreeMap<>();
            updates.forEach(u -> assertThat(by.put(u.participantId(), u))
                    .as("round %d has one update per participant", state.round())
                    .isNull());
            return by;
        }

        Set<String> excludedIds() {
            Set<String> ids = new HashSet<>();
            state.excluded().forEach(e -> ids.add(e.participantId()));
            return ids;
        }

        String describe() {
            return state.round() + " " + state.status().wire()
                    + (state.closeReason() == null
                            ? ""
                            : " (" + state.closeReason().wire() + ")")
                    + " attempt " + state.attempt() + ", " + updates.size() + " updates"
                    + (closed() ? ", " + state.accepted().size() + " accepted" : "");
        }
    }

    static void roundsWentByTheRules(Task task, List<RoundFacts> rounds) {
        long quorum = task.spec().quorum();
        List<String> eligible = task.spec().eligibleParticipants();
        for (RoundFacts f : rounds) {
            RoundState s = f.state();
            String round = "round " + s.round() + " of " + task.id();
            Map<String, UpdateRecord> updates = f.byParticipant();
            updates.values().forEach(u -> assertThat(u.submission().round()).isEqualTo(s.round()));
            if (s.round() < task.currentRound() || task.status() == TaskStatus.COMPLETED) {
                assertThat(s.status())
                        .as(round + ": a finished round is aggregated")
                        .isEqualTo(RoundStatus.AGGREGATED);
            }
            for (AbortedAttempt a : s.abortedAttempts()) {
                assertThat(a.abortedAt())
                        .as(round + " attempt " + a.attempt() + " aborted at its deadline")
                        .isAfterOrEqualTo(a.deadline());
                assertThat((long) a.submitted().size())
                        .as(round + " attempt " + a.attempt() + " lacked quorum")
                        .isLessThan(quorum);
            }
            if (!f.closed()) {
                assertThat(f.aggregation())
                        .as(round + " is not closed: no aggregation")
                        .isNull();
                continue;
            }
            assertThat(updates.keySet())
                    .as(round + ": accepted updates were submitted")
                    .containsAll(s.accepted());
            assertThat((long) s.accepted().size()).as(round + ": quorum").isGreaterThanOrEqualTo(quorum);
            if (s.closeReason() == CloseReason.ALL_SUBMITTED) {
                assertThat(s.closedAt())
                        .as(round + " closed early: before its deadline")
                        .isBefore(s.deadline());
            } else {
                assertThat(s.closedAt()).as(round + " closed at its deadline").isAfterOrEqualTo(s.deadline());
            }
            List<String> accounted = Stream.concat(
                            s.accepted().stream(), s.excluded().stream().map(Exclusion::participantId))
                    .sorted()
                    .toList();
            assertThat(accounted)
                    .as(round + ": every eligible participant accepted or excluded, once")
                    .containsExactlyElementsOf(eligible.stream().sorted().toList());
            assertThat(f.input()).as(round + ": its aggregation input").isNotNull();
            assertThat(f.input().updates())
                    .extracting(AcceptedUpdate::participantId)
                    .as(round + ": the aggregation's input is exactly the accepted updates")
                    .containsExactlyElementsOf(s.accepted());
            for (AcceptedUpdate in : f.input().updates()) {
                UpdateRecord u = updates.get(in.participantId());
                assertThat(in.blob())
                        .as(round + ": input blob of " + in.participantId())
                        .isEqualTo(new ContentRef(
                                u.submission().cid(), u.submission().sha256()));
            }
            assertThat(f.input().globalModel())
                    .as(round + ": input model is the round's base")
                    .isEqualTo(s.baseModel());
            if (s.status() != RoundStatus.AGGREGATED) {
                assertThat(f.aggregation())
                        .as(round + " is closed, not aggregated: no record")
                        .isNull();
                continue;
            }
            AggregationRecord a = f.aggregation();
            assertThat(a).as(round + " is aggregated: its record").isNotNull();
            assertThat(a.globalModel()).as(round + ": recorded model").isEqualTo(s.resultModel());
            assertThat(Stream.concat(
                                    a.contributions().stream().map(Contribution::participantId),
                                    a.excluded().stream().map(Exclusion::participantId))
                            .sorted())
                    .as(round + ": the aggregation accounts for exactly the accepted updates")
                    .containsExactlyElementsOf(s.accepted());
            ContentRef next = s.round() < task.currentRound()
                    ? rounds.get((int) s.round()).state().baseModel()
                    : task.globalModel();
            assertThat(next).as(round + ": its model is the next round's base").isEqualTo(s.resultModel());
        }
    }

    /** Returns one line per acknowledged update: where it is. */
    List<String> noAcknowledgedUpdateLost(String taskId, List<RoundFacts> rounds) {
        List<String> kept = new ArrayList<>();
        for (Acknowledged ack : acknowledged(taskId)) {
            String what = "acknowledged update of " + ack.participantId().substring(0, 8) + "… in round " + ack.round()
                    + " of " + taskId;
            assertThat(ack.round()).as(what + ": a round the task reached").isLessThanOrEqualTo(rounds.size());
            RoundFacts f = rounds.get((int) ack.round() - 1);
            UpdateRecord u = f.byParticipant().get(ack.participantId());
            assertThat(u).as(what + ": in the round's updates").isNotNull();
            assertThat(new ContentRef(u.submission().cid(), u.submission().sha256()))
                    .as(what + ": its blob")
                    .isEqualTo(ack.blob());
            if (ack.txId() != null) {
                assertThat(u.txId()).as(what + ": its transaction").isEqualTo(ack.txId());
            }
            if (!f.closed()) {
                kept.add(ack.round() + ":submitted");
                continue;
            }
            if (!f.state().accepted().contains(ack.participantId())) {
                Exclusion why = f.state().excluded().stream()
                        .filter(e -> e.participantId().equals(ack.participantId()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(what + ": neither accepted nor excluded"));
                kept.add(ack.round() + ":excluded(" + why.reason().wire() + ")");
                continue;
            }
            assertThat(f.input().updates())
                    .as(what + ": in the aggregation's input")
                    .anySatisfy(in -> {
                        assertThat(in.participantId()).isEqualTo(ack.participantId());
                        assertThat(in.blob()).isEqualTo(ack.blob());
                    });
            if (f.aggregation() == null) {
                kept.add(ack.round() + ":accepted");
                continue;
            }
            boolean contributed = f.aggregation().contributions().stream()
                    .anyMatch(c -> c.participantId().equals(ack.participantId()));
            if (contributed) {
                kept.add(ack.round() + ":aggregated");
            } else {
                Exclusion why = f.aggregation().excluded().stream()
                        .filter(e -> e.participantId().equals(ack.participantId()))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(what + ": accepted but not in the aggregation's record"));
                kept.add(ack.round() + ":aggregation-excluded(" + why.reason().wire() + ")");
            }
        }
        return kept;
    }

    /** Each eligible participant's budget as the agreed view shows it (none in a task without DP). */
    private static Map<String, PrivacyBudget> budgets(Task task, Map<String, String> view) {
        Map<String, PrivacyBudget> budgets = new TreeMap<>();
        if (task.spec().dpPolicy().isPresent()) {
            for (String participant : task.spec().eligibleParticipants()) {
                Map<String, Object> json =
                        parse(view.get(key(TxNames.ROUND_GET_PRIVACY_BUDGET, task.id(), participant)));
                json.remove("remaining");
                budgets.put(participant, PrivacyBudget.fromJson(json));
            }
        }
        return budgets;
    }

    /** Returns how many budgets it checked. */
    static int nobodyChargedTwice(Task task, List<RoundFacts> rounds, Map<String, PrivacyBudget> budgets) {
        if (task.spec().dpPolicy().isEmpty()) {
            return 0;
        }
        DpPolicy policy = task.spec().dpPolicy().get();
        Map<String, List<UpdateRecord>> byParticipant = new TreeMap<>();
        for (RoundFacts f : rounds) {
            f.updates()
                    .forEach(u -> byParticipant
                            .computeIfAbsent(u.participantId(), k -> new ArrayList<>())
                            .add(u));
        }
        for (String participant : task.spec().eligibleParticipants()) {
            PrivacyBudget budget = budgets.get(participant);
            assertThat(budget).as("the budget of " + participant).isNotNull();
            List<UpdateRecord> updates = byParticipant.getOrDefault(participant, List.of());
            String who = "budget of " + participant.substring(0, 8) + "… in " + task.id();
            assertThat(budget.charges())
                    .as(who + ": one charge per round with an update, with its DP parameters")
                    .containsExactlyElementsOf(updates.stream()
                            .map(u -> DpCharge.of(
                                    u.submission().round(), u.submission().dp()))
                            .toList());
            List<DpParams> history = updates.stream()
                    .map(u -> new DpParams(
                            toDouble(u.submission().dp().samplingRate()),
                            toDouble(u.submission().dp().noiseMultiplier()),
                            u.submission().dp().steps()))
                    .toList();
            BigDecimal expected = history.isEmpty()
                    ? BigDecimal.ZERO
                    : CanonicalJson.decimal(new RdpAccountant()
                            .epsilon(history, toDouble(policy.delta()), policy.conversion())
                            .epsilon());
            assertThat(budget.epsilon())
                    .as(who + ": ε of exactly its accepted updates")
                    .isEqualByComparingTo(expected);
            if (!updates.isEmpty()) {
                assertThat(updates.get(updates.size() - 1).epsilon())
                        .as(who + ": its last update's ε")
                        .isEqualByComparingTo(expected);
            }
        }
        return task.spec().eligibleParticipants().size();
    }

    private static double toDouble(BigDecimal value) {
        return Double.parseDouble(value.toString());
    }

    // ------------------------------------------------------------------------------------------------------------
    // The chain and verify

    private String chainVerifies() {
        if (!NetworkScripts.EMBEDDED.equals(NetworkScripts.engine())) {
            return "Fabric's peers validate their own blocks";
        }
        String out = net.require(120, "verify-chain").output();
        assertThat(out).as("network.sh verify-chain").contains("chain OK");
        return out.lines()
                .filter(l -> l.contains("chain OK"))
                .findFirst()
                .orElseThrow()
                .strip();
    }

    private List<Long> verifyPasses(String taskId, List<RoundFacts> rounds) {
        List<Long> verified = new ArrayList<>();
        for (RoundFacts f : rounds) {
            if (f.state().status() != RoundStatus.AGGREGATED) {
                continue;
            }
            long r = f.state().round();
            MedfedCli.Run run = net.cli("verify", "round", taskId, Long.toString(r), "--profile", verifyProfile);
            assertThat(run.exit())
                    .as("medfed verify round %d of %s as %s: %s%s", r, taskId, verifyProfile, run.out(), run.err())
                    .isZero();
            assertThat(run.out()).startsWith("OK  round " + r + " of task " + taskId);
            verified.add(r);
        }
        return verified;
    }

    private static Map<String, Object> parse(String text) {
        return json(Objects.requireNonNull(text, "no answer").getBytes(UTF_8));
    }
}
