package org.medfed.client.participation;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.RoundView;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ParticipantIds;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.RuleViolation;
import org.medfed.common.round.RoundClosing;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.common.round.Standing;

/** In-memory ledger, IPFS and training for the participation tests. */
final class Fakes {
    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final String ME = ParticipantIds.of("HospitalMSP", "CN=User1@hospital,OU=client,O=Hospital");
    static final String ADMIN = ParticipantIds.of("HospitalMSP", "CN=Admin@hospital,OU=admin,O=Hospital");
    static final String OTHER = ParticipantIds.of("ClinicMSP", "CN=User1@clinic,OU=client,O=Clinic");

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private Fakes() {}

    /** IPFS: raw-leaf CIDs, counts of reads and adds, and switchable outages. */
    static final class Blobs implements BlobStore {
        final Map<String, byte[]> stored = new HashMap<>();
        int cats;
        int adds;
        int failuresLeft;

        @Override
        public BlobRef add(byte[] data) throws BlobStoreException {
            fail();
            adds++;
            String cid = Cids.rawLeafCidV1(data);
            stored.put(cid, data.clone());
            return new BlobRef(cid, Hashing.sha256Hex(data), data.length);
        }

        @Override
        public byte[] cat(String cid, long maxBytes) throws BlobStoreException {
            fail();
            cats++;
            byte[] data = stored.get(cid);
            if (data == null) {
                throw new BlobStoreException("no such blob " + cid);
            }
            return data.clone();
        }

        @Override
        public byte[] head(String cid, long maxBytes) throws BlobStoreException {
            byte[] data = cat(cid, Long.MAX_VALUE);
            return java.util.Arrays.copyOf(data, (int) Math.min(data.length, maxBytes));
        }

        @Override
        public void pin(String cid) {}

        private void fail() throws BlobStoreException {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new BlobStoreException("IPFS node unreachable (simulated)");
            }
        }
    }

    /**
     * The ledger as this node sees it: one task, its current round, the accepted submissions of this node (and, by
     * id only, of {@link #OTHER}); close and aggregate follow the real rules ({@link RoundClosing}, {@link Task#advance}).
     */
    static final class Ledger implements ParticipationLedger {
        final Blobs blobs;
        final MutableClock clock = new MutableClock();
        Task task;
        RoundState round;
        final List<UpdateSubmission> accepted = new ArrayList<>();
        final java.util.Set<Long> otherSubmitted = new java.util.TreeSet<>();
        /** Failures to throw from the next submits, in order; an entry commits first when marked so. */
        final Deque<Failure> submitFailures = new ArrayDeque<>();

        final Deque<MedfedException> closeFailures = new ArrayDeque<>();
        int submits;
        int closes;
        int aggregations;

        record Failure(MedfedException error, boolean commitFirst) {}

        Ledger(Task task, Blobs blobs) {
            this.task = task;
            this.blobs = blobs;
            this.round = RoundState.open(
                    task.spec().id(),
                    task.currentRound(),
                    task.globalModel(),
                    T0,
                    task.spec().roundDurationSeconds());
        }

        @Override
        public String participantId() {
            return ME;
        }

        @Override
        public Task task(String taskId) throws MedfedException {
            if (!task.spec().id().equals(taskId)) {
                throw MedfedException.fromChaincode("NOT_FOUND", "no task " + taskId, "tx", null);
            }
            return task;
        }

        List<String> submitted(long number) {
            TreeSet<String> ids = new TreeSet<>();
            if (accepted.stream().anyMatch(s -> s.round() == number)) {
                ids.add(ME);
            }
            if (otherSubmitted.contains(number)) {
                ids.add(OTHER);
            }
            return new ArrayList<>(ids);
        }

        @Override
        public RoundView round(String taskId, long number) {
            return new RoundView(round, submitted(number));
        }

        @Override
        public void submit(UpdateSubmission submission) throws MedfedException {
            submits++;
            Failure failure = submitFailures.poll();
            if (failure != null) {
                if (failure.commitFirst()) {
                    accepted.add(submission);
                }
                throw failure.error();
            }
            if (accepted.stream().anyMatch(s -> s.round() == submission.round())) {
                throw MedfedException.fromChaincode("DUPLICATE_SUBMISSION", "already submitted", "tx", null);
            }
            accepted.add(submission);
        }

        @Override
        public void closeRound(String taskId, long number) throws MedfedException {
            closes++;
            MedfedException failure = closeFailures.poll();
            if (failure != null) {
                throw failure;
            }
            try {
                Map<String, Standing> standings = new TreeMap<>();
                task.spec().eligibleParticipants().forEach(id -> standings.put(id, Standing.GOOD));
                RoundClosing.Result result =
                        RoundClosing.close(task, round, clock.instant(), submitted(number), standings);
                task = result.task();
                round = result.round();
            } catch (RuleViolation e) {
                throw MedfedException.fromChaincode(e.code().name(), e.getMessage(), "tx", e);
            }
        }

        @Override
        public void aggregateRound(String taskId, long number) throws MedfedException {
            aggregations++;
            if (round.status() != RoundStatus.CLOSED) {
                throw MedfedException.fromChaincode(
                        "ROUND_NOT_CLOSED",
                        "round " + number + " is " + round.status().wire(),
                        "tx",
                        null);
            }
            UpdateSubmission first = accepted.stream()
                    .filter(s -> s.round() == number)
                    .findFirst()
                    .orElseThrow();
            task = task.advance(first.ref(), clock.instant());
            round = RoundState.open(
                    task.spec().id(),
                    task.currentRound(),
                    first.ref(),
                    clock.instant(),
                    task.spec().roundDurationSeconds());
        }

        @Override
        public org.medfed.common.model.DatasetDescription dataset(String datasetId) {
            throw new AssertionError("a round in clear needs no dataset description");
        }

        /** The holders' decisions, asked only for a task that declares a purpose; how often they were read. */
        org.medfed.client.ledger.DatasetUses uses;

        int useReads;

        @Override
        public org.medfed.client.ledger.DatasetUses datasetUses(String taskId) {
            useReads++;
            if (uses == null) {
                throw new AssertionError("the task declares no purpose: no approval to read");
            }
            return uses;
        }

        @Override
        public org.medfed.client.ledger.SecureRoundView secureRound(String taskId, long number) throws MedfedException {
            throw clear();
        }

        @Override
        public void postKeys(String taskId, long number, String maskKey, String shareKey) throws MedfedException {
            throw clear();
        }

        @Override
        public void postShares(String taskId, long number, List<org.medfed.common.secagg.EncryptedShare> shares)
                throws MedfedException {
            throw clear();
        }

        @Override
        public void revealShares(String taskId, long number, List<org.medfed.common.secagg.RevealedShare> shares)
                throws MedfedException {
            throw clear();
        }

        private static MedfedException clear() {
            return MedfedException.fromChaincode(
                    "SECURE_AGGREGATION_UNSUPPORTED", "the task aggregates in clear", "tx", null);
        }
    }

    /** Training that adds a constant to every parameter, counting calls; can be told to refuse. */
    static final class Training implements LocalTraining {
        int calls;
        String refusal;

        @Override
        public TrainedUpdate train(Task task, long round, float[] globalModel) throws TrainingRefusedException {
            calls++;
            if (refusal != null) {
                throw new TrainingRefusedException(refusal);
            }
            float[] trained = globalModel.clone();
            for (int j = 0; j < trained.length; j++) {
                trained[j] += 0.25f * calls;
            }
            return new TrainedUpdate(
                    trained,
                    UpdateKind.FULL,
                    120,
                    "wdbc-hospital",
                    new TreeMap<>(Map.of("accuracy", new BigDecimal("0.9"))),
                    new DpUsage(new BigDecimal("0.1"), new BigDecimal("1.1"), 40, BigDecimal.ONE));
        }
    }

    /** The example task spec with its initial model stored in {@code blobs}. */
    static Task task(Blobs blobs) throws IOException {
        Map<String, Object> json;
        try (InputStream in = Objects.requireNonNull(Fakes.class.getResourceAsStream("/examples/task-spec.json"))) {
            json = JsonFields.object(CanonicalJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        }
        TaskSpec example = TaskSpec.fromJson(json);
        float[] initial = new float[(int) example.model().parameterCount()];
        for (int j = 0; j < initial.length; j++) {
            initial[j] = (j % 7) / 10f;
        }
        BlobRef ref;
        try {
            ref = blobs.add(FloatVectorCodec.encode(initial));
        } catch (BlobStoreException e) {
            throw new IllegalStateException(e);
        }
        blobs.adds = 0;
        Map<String, Object> model = new TreeMap<>(JsonFields.object(json, "model"));
        model.put("initialModel", new ContentRef(ref.cid(), ref.sha256Hex()).toJson());
        Map<String, Object> spec = new TreeMap<>(json);
        spec.put("model", model);
        spec.put("eligibleParticipants", new ArrayList<>(new TreeSet<>(List.of(ME, OTHER))));
        spec.put("quorum", 1L);
        return Task.create(TaskSpec.fromJson(spec), T0, ADMIN);
    }

    static Task withStatus(Task task, TaskStatus status) {
        return new Task(
                task.spec(),
                status,
                "paused by test",
                task.currentRound(),
                task.globalModel(),
                task.createdAt(),
                task.createdBy(),
                task.updatedAt());
    }
}
