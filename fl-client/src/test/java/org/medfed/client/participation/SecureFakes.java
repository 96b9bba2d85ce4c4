package org.medfed.client.participation;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;
import org.medfed.common.round.RoundClosing;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.common.round.Standing;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.MaskedVectorCodec;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundContext;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecAggException;
import org.medfed.common.secagg.SecurePhases;
import org.medfed.common.secagg.Shamir;
import org.medfed.common.secagg.ShareBundle;
import org.medfed.common.secagg.ShareKind;
import org.medfed.common.secagg.Unmasking;

/**
 * An in-memory ledger for secure rounds shared by several fake nodes: it keeps the attempt's keys, share bundles,
 * masked inputs and reveals, and refuses what the secagg contract refuses (phase, duplicate, neighbours, survivor),
 * with the contract's codes. Aggregation unmasks the sum with fl-common's code, as every endorser would.
 */
final class SecureFakes {
    static final long ROWS = 120;

    private SecureFakes() {}

    static String node(int i) {
        return ParticipantIds.of("Org" + i + "MSP", "CN=User1@org" + i + ",OU=client,O=Org" + i);
    }

    /** The example task among {@code nodes}, aggregating securely with degree {@code k} and threshold {@code t}. */
    static Task task(Fakes.Blobs blobs, List<String> nodes, int k, int t) throws IOException {
        Task example = Fakes.task(blobs);
        SecureAggregationSpec secure =
                new SecureAggregationSpec(k, t, 2, new BigDecimal("0.5"), 16, 64, 32, 60, 60, 120);
        Map<String, Object> json =
                new TreeMap<>(example.spec().withSecureAggregation(secure).toJson());
        json.put("eligibleParticipants", new ArrayList<>(new TreeSet<>(nodes)));
        json.put("quorum", 2L);
        return Task.create(TaskSpec.fromJson(json), Fakes.T0, Fakes.ADMIN);
    }

    /** The ledger every node shares: one task, its current round's attempt and its secure-aggregation records. */
    static final class Ledger {
        final Fakes.MutableClock clock = new Fakes.MutableClock();
        Task task;
        RoundState round;
        final SortedMap<String, RoundKeys> keys = new TreeMap<>();
        final SortedMap<String, ShareBundle> shares = new TreeMap<>();
        final SortedMap<String, UpdateSubmission> masked = new TreeMap<>();
        final SortedMap<String, Reveal> reveals = new TreeMap<>();
        /** Every masked input submission received, accepted or not, in order. */
        final List<UpdateSubmission> submissions = new ArrayList<>();
        /** Per transaction name: failures to throw, after committing when marked so (an answer lost). */
        final Map<String, Deque<Fakes.Ledger.Failure>> failures = new HashMap<>();

        final Fakes.Blobs blobs;
        int[] unmaskedSum;
        /** The holders' decisions, for a task that declares a purpose. */
        org.medfed.client.ledger.DatasetUses uses;

        Ledger(Task task, Fakes.Blobs blobs) {
            this.task = task;
            this.blobs = blobs;
            this.round = RoundState.open(
                    task.spec().id(),
                    1,
                    task.globalModel(),
                    Fakes.T0,
                    task.spec().roundDurationSeconds());
        }

        SecureAggregationSpec spec() {
            return task.spec().secureAggregationSpec().orElseThrow();
        }

        SecurePhases phases() {
            return SecurePhases.of(spec(), round);
        }

        RoundContext context() {
            return new RoundContext(task.spec().id(), round.round(), round.attempt());
        }

        ParticipationLedger as(String me) {
            return new NodeLedger(this, me);
        }

        void failNext(String transaction, MedfedException error, boolean commitFirst) {
            failures.computeIfAbsent(transaction, t -> new ArrayDeque<>())
                    .add(new Fakes.Ledger.Failure(error, commitFirst));
        }

        List<String> survivors() {
            return round.status() == RoundStatus.OPEN ? new ArrayList<>(masked.keySet()) : round.accepted();
        }

        SecureRoundView view() {
            NeighbourGraph graph =
                    NeighbourGraph.of(context(), round.baseModel().sha256(), keys.keySet(), (int) spec().neighbours());
            SortedMap<String, List<String>> neighbours = new TreeMap<>();
            keys.keySet().forEach(id -> neighbours.put(id, List.copyOf(new TreeSet<>(graph.neighbours(id)))));
            List<String> survivors = survivors();
            List<String> dropouts = round.status() == RoundStatus.OPEN
                    ? List.of()
                    : shares.keySet().stream()
                            .filter(id -> !survivors.contains(id))
                            .toList();
            SortedMap<String, List<String>> missing = new TreeMap<>();
            missing.put("keys", missing(task.spec().eligibleParticipants(), keys.keySet()));
            missing.put("shares", missing(keys.keySet(), shares.keySet()));
            missing.put("input", missing(shares.keySet(), new TreeSet<>(survivors)));
            missing.put("reveal", missing(survivors, reveals.keySet()));
            return new SecureRoundView(
                    round, phase().wire(), phases(), keys, neighbours, shares, survivors, dropouts, reveals, missing);
        }

        private static List<String> missing(java.util.Collection<String> expected, java.util.Set<String> done) {
            return expected.stream().filter(id -> !done.contains(id)).sorted().toList();
        }

        /** Runs {@code write} as a transaction: an injected failure, or the contract's refusal, or the write. */
        void transact(String transaction, Write write) throws MedfedException {
            Deque<Fakes.Ledger.Failure> queued = failures.get(transaction);
            Fakes.Ledger.Failure failure = queued == null ? null : queued.poll();
            if (failure != null && !failure.commitFirst()) {
                throw failure.error();
            }
            try {
                write.run();
            } catch (RuleViolation e) {
                throw MedfedException.fromChaincode(e.code().name(), e.getMessage(), "tx", e);
            }
            if (failure != null) {
                throw failure.error();
            }
        }

        @FunctionalInterface
        interface Write {
            void run() throws MedfedException;
        }

        /** The phase on the clock, the keys and shares phases ending early once everyone has acted in them. */
        SecurePhases.Phase phase() {
            SecurePhases.Phase byClock = SecurePhases.phase(spec(), round, clock.instant());
            if (byClock != SecurePhases.Phase.KEYS && byClock != SecurePhases.Phase.SHARES) {
                return byClock;
            }
            boolean keysComplete =
                    !keys.isEmpty() && keys.keySet().containsAll(task.spec().eligibleParticipants());
            boolean sharesComplete = !shares.isEmpty() && shares.keySet().containsAll(keys.keySet());
            if (byClock == SecurePhases.Phase.KEYS && !keysComplete) {
                return SecurePhases.Phase.KEYS;
            }
            return sharesComplete ? SecurePhases.Phase.INPUT : SecurePhases.Phase.SHARES;
        }

        void require(SecurePhases.Phase expected) {
            SecurePhases.Phase actual = phase();
            if (actual != expected) {
                throw refusal(ErrorCode.PHASE_CLOSED, "in phase " + actual.wire() + ", not " + expected.wire());
            }
        }

        void close() {
            Map<String, Standing> standings = new TreeMap<>();
            task.spec().eligibleParticipants().forEach(id -> standings.put(id, Standing.GOOD));
            RoundClosing.Result result =
                    RoundClosing.close(task, round, clock.instant(), new ArrayList<>(masked.keySet()), standings);
            task = result.task();
            round = result.round();
            if (round.status() == RoundStatus.OPEN) {
                keys.clear();
                shares.clear();
                masked.clear();
                reveals.clear();
            }
        }
    }

    static RuleViolation refusal(ErrorCode code, String message) {
        return new RuleViolation(code, message);
    }

    /** One node's connection: what it calls on the shared ledger, as {@code me}. */
    private record NodeLedger(Ledger ledger, String me) implements ParticipationLedger {

        @Override
        public String participantId() {
            return me;
        }

        @Override
        public Task task(String taskId) {
            return ledger.task;
        }

        @Override
        public RoundView round(String taskId, long round) {
            return new RoundView(ledger.round, ledger.survivors());
        }

        @Override
        public org.medfed.client.ledger.DatasetUses datasetUses(String taskId) {
            if (ledger.uses == null) {
                throw new AssertionError("the task declares no purpose: no approval to read");
            }
            return ledger.uses;
        }

        @Override
        public DatasetDescription dataset(String datasetId) {
            return new DatasetDescription(
                    datasetId, me, "a".repeat(64), ROWS, "b".repeat(64), "care", "consent", "CC-BY-4.0", Fakes.T0);
        }

        @Override
        public SecureRoundView secureRound(String taskId, long round) {
            return ledger.view();
        }

        @Override
        public void postKeys(String taskId, long round, String maskKey, String shareKey) throws MedfedException {
            ledger.transact("postKeys", () -> {
                ledger.require(SecurePhases.Phase.KEYS);
                if (ledger.keys.containsKey(me)) {
                    throw refusal(ErrorCode.ALREADY_EXISTS, "keys of " + me + " exist");
                }
                ledger.keys.put(
                        me,
                        new RoundKeys(
                                taskId,
                                round,
                                ledger.round.attempt(),
                                me,
                                maskKey,
                                shareKey,
                                ledger.clock.instant(),
                                "tx-keys"));
            });
        }

        @Override
        public void postShares(String taskId, long round, List<EncryptedShare> shares) throws MedfedException {
            ledger.transact("postShares", () -> {
                ledger.require(SecurePhases.Phase.SHARES);
                if (ledger.shares.containsKey(me)) {
                    throw refusal(ErrorCode.ALREADY_EXISTS, "shares of " + me + " exist");
                }
                List<String> to =
                        shares.stream().map(EncryptedShare::to).sorted().toList();
                List<String> holders = new ArrayList<>(ledger.view().neighboursOf(me));
                holders.add(me);
                if (!to.equals(holders.stream().sorted().toList())) {
                    throw refusal(ErrorCode.WRONG_NEIGHBOUR, "shares to " + to);
                }
                ledger.shares.put(
                        me,
                        new ShareBundle(
                                taskId,
                                round,
                                ledger.round.attempt(),
                                me,
                                shares,
                                ledger.clock.instant(),
                                "tx-shares"));
            });
        }

        @Override
        public void submit(UpdateSubmission submission) throws MedfedException {
            ledger.transact("submit", () -> {
                ledger.submissions.add(submission);
                ledger.require(SecurePhases.Phase.INPUT);
                if (ledger.masked.containsKey(me)) {
                    throw refusal(ErrorCode.DUPLICATE_SUBMISSION, "already submitted");
                }
                if (!ledger.shares.containsKey(me)) {
                    throw refusal(ErrorCode.ILLEGAL_TRANSITION, "no shares");
                }
                ledger.masked.put(me, submission);
            });
        }

        @Override
        public void revealShares(String taskId, long round, List<RevealedShare> shares) throws MedfedException {
            ledger.transact("revealShares", () -> {
                ledger.require(SecurePhases.Phase.UNMASK);
                if (!ledger.round.accepted().contains(me)) {
                    throw refusal(ErrorCode.NOT_SURVIVOR, me + " is no survivor");
                }
                if (ledger.reveals.containsKey(me)) {
                    throw refusal(ErrorCode.ALREADY_EXISTS, "reveal of " + me + " exists");
                }
                ledger.reveals.put(
                        me,
                        new Reveal(
                                taskId,
                                round,
                                ledger.round.attempt(),
                                me,
                                shares,
                                ledger.clock.instant(),
                                "tx-reveal"));
            });
        }

        @Override
        public void closeRound(String taskId, long round) throws MedfedException {
            ledger.transact("closeRound", ledger::close);
        }

        @Override
        public void aggregateRound(String taskId, long round) throws MedfedException {
            ledger.transact("aggregateRound", () -> {
                if (ledger.round.status() != RoundStatus.CLOSED) {
                    throw refusal(
                            ErrorCode.ROUND_NOT_CLOSED,
                            "round is " + ledger.round.status().wire());
                }
                ledger.unmaskedSum = SecureFakes.unmask(ledger);
                Instant now = ledger.clock.instant();
                ledger.task = ledger.task.advance(ledger.round.baseModel(), now);
                ledger.round = RoundState.open(
                        ledger.task.spec().id(),
                        ledger.task.currentRound(),
                        ledger.round.baseModel(),
                        now,
                        ledger.task.spec().roundDurationSeconds());
            });
        }
    }

    /** The sum of the survivors' inputs, unmasked from their masked vectors and the reveals. */
    static int[] unmask(Ledger ledger) throws MedfedException {
        SecureAggregationSpec spec = ledger.spec();
        int parameters = (int) ledger.task.spec().model().parameterCount();
        SortedMap<String, int[]> masked = new TreeMap<>();
        for (String survivor : ledger.round.accepted()) {
            try {
                byte[] blob = ledger.blobs.cat(ledger.masked.get(survivor).cid(), Long.MAX_VALUE);
                masked.put(survivor, MaskedVectorCodec.decode(blob, parameters));
            } catch (org.medfed.client.ipfs.BlobStoreException e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, byte[]> maskKeys = new TreeMap<>();
        ledger.keys.forEach((id, keys) -> maskKeys.put(id, keys.maskKeyBytes()));
        NeighbourGraph graph = NeighbourGraph.of(
                ledger.context(), ledger.round.baseModel().sha256(), ledger.keys.keySet(), (int) spec.neighbours());
        Map<String, List<Shamir.Share>> seeds = new TreeMap<>();
        Map<String, List<Shamir.Share>> keys = new TreeMap<>();
        for (Reveal reveal : ledger.reveals.values()) {
            int x = graph.abscissa(reveal.participantId());
            for (RevealedShare share : reveal.shares()) {
                (share.kind() == ShareKind.SEED ? seeds : keys)
                        .computeIfAbsent(share.owner(), o -> new ArrayList<>())
                        .add(new Shamir.Share(x, share.shareBytes()));
            }
        }
        try {
            return Unmasking.unmask(
                    ledger.context(), graph, new TreeSet<>(ledger.shares.keySet()), masked, maskKeys, seeds, keys, (int)
                            spec.threshold());
        } catch (SecAggException e) {
            throw MedfedException.fromChaincode(ErrorCode.SHARES_INSUFFICIENT.name(), e.getMessage(), "tx", e);
        }
    }
}
