package org.medfed.chaincode.scenario;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.aggregator.BlobFetcher;
import org.medfed.chaincode.participant.ParticipantContract;
import org.medfed.chaincode.round.LedgerAggregationPort;
import org.medfed.chaincode.round.Recorder;
import org.medfed.chaincode.subset.SubsetProvocations;
import org.medfed.chaincode.testing.AccessConsortium;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.chaincode.testing.SecureConsortium;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.testing.FakeChaincodeStub;
import org.medfed.contract.testing.TestIdentity;

/**
 * Every error code, provoked through the contracts on a ledger with a running task; a code without a case fails, so
 * a new code cannot be added without a way to provoke it. Each refusal leaves state and events untouched, and the
 * round then goes on.
 */
class EveryErrorCodeTest {
    private static final String INITIAL = Fixtures.sha("initial-" + TASK);

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void isProvokedAndTheRoundGoesOn(ErrorCode code) {
        LedgerHarness ledger = Consortium.withTask(new LedgerHarness());
        ledger.advance(Duration.ofSeconds(10));

        provoke(code, ledger);

        for (TestIdentity holder : List.of(HOSPITAL, CLINIC)) {
            submitIfAbsent(ledger, holder);
        }
        ledger.advance(Duration.ofDays(1));
        assertThat(Consortium.close(ledger, CLINIC, currentRound(ledger))).containsKey("round");
    }

    private static void provoke(ErrorCode code, LedgerHarness ledger) {
        switch (code) {
            case INVALID_ARGUMENT -> ledger.refused(code, HOSPITAL, ctx -> ledger.rounds.submitUpdate(ctx, "{}"));
            case UNKNOWN_IDENTITY ->
                assertThatThrownBy(() -> new ParticipantContract()
                                .createContext(new FakeChaincodeStub().creator("junk".getBytes(UTF_8))))
                        .isInstanceOfSatisfying(
                                FlChaincodeException.class,
                                e -> assertThat(e.code()).isEqualTo(code));
            case UNAUTHORIZED -> ledger.refused(code, HOSPITAL, ctx -> ledger.tasks.pauseTask(ctx, TASK, "mine"));
            case NOT_FOUND -> ledger.refused(code, HOSPITAL, ctx -> ledger.tasks.getTask(ctx, "unknown"));
            case ALREADY_EXISTS ->
                ledger.refused(
                        code,
                        HOSPITAL,
                        ctx -> ledger.datasets.registerDataset(
                                ctx, Fixtures.json(Fixtures.dataset(Consortium.datasetOf(HOSPITAL)))));
            case INTERNAL -> {
                FakeChaincodeStub stub = ledger.stub();
                stub.transaction("corrupt", ledger.now()).putState("\u0000dataset\u0000broken\u0000", new byte[] {'['});
                stub.commit();
                ledger.refused(code, HOSPITAL, ctx -> ledger.datasets.getDataset(ctx, "broken"));
            }
            case NOT_REGISTERED -> submit(ledger, code, TestIdentity.ORG3_CLIENT, u -> {});
            case PARTICIPANT_SUSPENDED -> {
                ledger.run(ADMIN, ctx -> ledger.participants.suspendParticipant(ctx, GATEWAY.participantId(), "x"));
                submit(ledger, code, GATEWAY, u -> {});
            }
            case NOT_ELIGIBLE -> {
                Consortium.register(ledger, TestIdentity.ORG3_CLIENT, Role.CLINIC);
                submit(ledger, code, TestIdentity.ORG3_CLIENT, u -> {});
            }
            case REPUTATION_TOO_LOW -> {
                Map<String, BigDecimal> qualities = new TreeMap<>();
                for (TestIdentity holder : Consortium.HOLDERS) {
                    submitIfAbsent(ledger, holder);
                    qualities.put(holder.participantId(), holder == GATEWAY ? BigDecimal.ZERO : BigDecimal.ONE);
                }
                Consortium.close(ledger, HOSPITAL, 1);
                ledger.run(
                        CLINIC,
                        ctx -> Recorder.record(
                                ctx, Fixtures.json(Fixtures.report(TASK, 1, "global-1", qualities, List.of()))));
                ledger.refused(
                        code,
                        GATEWAY,
                        ctx -> ledger.rounds.submitUpdate(
                                ctx,
                                Fixtures.json(Fixtures.update(
                                        TASK, 2, Consortium.datasetOf(GATEWAY), Fixtures.sha("global-1"), "late"))));
            }
            case DATASET_NOT_ADMITTED ->
                submit(ledger, code, HOSPITAL, u -> u.put("datasetId", Consortium.datasetOf(CLINIC)));
            case DATASET_USE_NOT_APPROVED -> {
                Consortium.createTaskWithPurpose(ledger);
                String task = Consortium.TASK_WITH_PURPOSE;
                Map<String, Object> update = Fixtures.update(
                        task, 1, Consortium.datasetOf(HOSPITAL), Fixtures.sha("initial-" + task), "unapproved");
                ledger.refused(code, HOSPITAL, ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(update)));
            }
            case TASK_NOT_ACTIVE -> {
                ledger.run(ADMIN, ctx -> ledger.tasks.pauseTask(ctx, TASK, "maintenance"));
                submit(ledger, code, HOSPITAL, u -> {});
                ledger.run(ADMIN, ctx -> ledger.tasks.resumeTask(ctx, TASK));
            }
            case ILLEGAL_TRANSITION -> ledger.refused(code, ADMIN, ctx -> ledger.tasks.resumeTask(ctx, TASK));
            case ROUND_NOT_OPEN -> submit(ledger, code, HOSPITAL, u -> u.put("round", 2L));
            case STALE_ROUND, ROUND_NOT_CLOSED, QUORUM_NOT_MET, AGGREGATION_FAILED, BLOB_UNAVAILABLE ->
                provokeAfterAggregation(code, ledger);
            case DEADLINE_PASSED -> {
                ledger.advance(Duration.ofSeconds(600));
                submit(ledger, code, HOSPITAL, u -> {});
            }
            case DUPLICATE_SUBMISSION -> {
                submitIfAbsent(ledger, HOSPITAL);
                submit(ledger, code, HOSPITAL, u -> {});
            }
            case BASE_MODEL_MISMATCH ->
                submit(ledger, code, HOSPITAL, u -> u.put("baseModelSha256", Fixtures.sha("other")));
            case SHAPE_MISMATCH -> submit(ledger, code, HOSPITAL, u -> u.put("parameterCount", 1L));
            case DP_POLICY_VIOLATION ->
                submit(
                        ledger,
                        code,
                        HOSPITAL,
                        u -> u.put("dp", Fixtures.dp(new BigDecimal("0.01"), new BigDecimal("0.1"), 10)));
            case PRIVACY_BUDGET_EXCEEDED ->
                submit(
                        ledger,
                        code,
                        HOSPITAL,
                        u -> u.put("dp", Fixtures.dp(BigDecimal.ONE, BigDecimal.ONE, 1_000_000)));
            case CONTROL_VARIATE_MISMATCH ->
                submit(
                        ledger,
                        code,
                        HOSPITAL,
                        u -> u.put(
                                "controlDelta", Map.of("cid", Fixtures.cid("delta"), "sha256", Fixtures.sha("delta"))));
            case ROUND_STILL_OPEN -> ledger.refused(code, HOSPITAL, ctx -> ledger.rounds.closeRound(ctx, TASK, "1"));
            case NO_DP_POLICY -> {
                Consortium.createTaskWithoutDp(ledger);
                ledger.refused(
                        code,
                        HOSPITAL,
                        ctx -> ledger.rounds.getPrivacyBudget(
                                ctx, Consortium.TASK_WITHOUT_DP, HOSPITAL.participantId()));
            }
            case SECURE_AGGREGATION_UNSUPPORTED -> {
                SecureConsortium secure = SecureConsortium.onRegistered(ledger);
                ledger.refused(
                        code,
                        HOSPITAL,
                        ctx -> secure.secagg.postKeys(
                                ctx, TASK, "1", secure.player(HOSPITAL, 1).maskKey(), "x"));
            }
            case PHASE_CLOSED, WRONG_NEIGHBOUR, BAD_COMMITMENT, DOUBLE_REVEAL, NOT_SURVIVOR, SHARES_INSUFFICIENT -> {
                Instant before = ledger.now();
                SecureRefusals.provoke(code, SecureConsortium.onRegistered(ledger));
                ledger.at(before);
            }
            case NOT_A_RISK_TASK,
                    NOT_A_GLOBAL_MODEL,
                    ATTESTATION_EXPIRED,
                    STALE_ATTESTATION,
                    NOT_PATIENT_HOLDER,
                    NO_ACCESS_POLICY,
                    POLICY_VERSION_CONFLICT,
                    NO_LIVE_GRANT -> AccessRefusals.provoke(code, AccessConsortium.on(ledger));
            case NO_SHARED_SUBSET,
                    SUBSET_CLOSED,
                    SUBSET_CLASS_FULL,
                    CONSENT_MISMATCH,
                    MEMBER_KEY_MISSING,
                    WRAPPED_KEYS_MISMATCH,
                    SUBSET_NOT_READY,
                    SUBSET_NOT_WARMED,
                    SUBSET_KEY_UNAVAILABLE -> SubsetProvocations.provoke(code, ledger);
            default -> throw new AssertionError("no way to provoke " + code + " yet: add one");
        }
    }

    /** Round 1 is aggregated, round 2 is open: provokes codes about rounds that are over or not yet closed. */
    private static void provokeAfterAggregation(ErrorCode code, LedgerHarness ledger) {
        Map<String, BigDecimal> qualities = new TreeMap<>();
        for (TestIdentity holder : Consortium.HOLDERS) {
            submitIfAbsent(ledger, holder);
            qualities.put(holder.participantId(), BigDecimal.ONE);
        }
        Consortium.close(ledger, HOSPITAL, 1);
        if (code == ErrorCode.AGGREGATION_FAILED || code == ErrorCode.BLOB_UNAVAILABLE) {
            // The fixture's initial model is the 14 bytes "initial-sepsis", not 23 floats: unusable if served,
            // and an IPFS node without it cannot serve it at all.
            byte[] initial = ("initial-" + TASK).getBytes(UTF_8);
            Map<String, byte[]> blobs =
                    code == ErrorCode.AGGREGATION_FAILED ? Map.of(Fixtures.cid("initial-" + TASK), initial) : Map.of();
            AggregatorContract aggregator = new AggregatorContract(new LedgerAggregationPort(), new BlobFetcher() {
                @Override
                public InputStream open(String cid, long maxBytes) throws IOException {
                    byte[] data = blobs.get(cid);
                    if (data == null) {
                        throw new IOException("not found: " + cid);
                    }
                    return new ByteArrayInputStream(data);
                }

                @Override
                public String addAndPin(byte[] data) throws IOException {
                    throw new IOException("read-only");
                }
            });
            ledger.refused(code, CLINIC, ctx -> aggregator.aggregateRound(ctx, TASK, "1"));
        }
        if (code == ErrorCode.QUORUM_NOT_MET) {
            Map<String, BigDecimal> one = new TreeMap<>(Map.of(HOSPITAL.participantId(), BigDecimal.ONE));
            List<Map<String, Object>> rejected = List.of(
                    Map.of("participantId", CLINIC.participantId(), "reason", "quality-rejected"),
                    Map.of("participantId", GATEWAY.participantId(), "reason", "quality-rejected"));
            ledger.refused(
                    code,
                    CLINIC,
                    ctx -> Recorder.record(ctx, Fixtures.json(Fixtures.report(TASK, 1, "global-1", one, rejected))));
        }
        ledger.run(
                CLINIC,
                ctx -> Recorder.record(ctx, Fixtures.json(Fixtures.report(TASK, 1, "global-1", qualities, List.of()))));
        if (code == ErrorCode.STALE_ROUND) {
            submit(ledger, code, HOSPITAL, u -> {});
        } else if (code == ErrorCode.ROUND_NOT_CLOSED) {
            ledger.refused(
                    code,
                    CLINIC,
                    ctx -> Recorder.record(
                            ctx, Fixtures.json(Fixtures.report(TASK, 2, "global-2", qualities, List.of()))));
        }
    }

    private static void submit(
            LedgerHarness ledger, ErrorCode code, TestIdentity holder, Consumer<Map<String, Object>> change) {
        Map<String, Object> update = new TreeMap<>(
                Fixtures.update(TASK, 1, Consortium.datasetOf(holder), INITIAL, holder.name() + "-" + code));
        change.accept(update);
        ledger.refused(code, holder, ctx -> ledger.rounds.submitUpdate(ctx, Fixtures.json(update)));
    }

    private static void submitIfAbsent(LedgerHarness ledger, TestIdentity holder) {
        long round = currentRound(ledger);
        Map<String, Object> state = ledger.json(ADMIN, ctx -> ledger.rounds.getRound(ctx, TASK, Long.toString(round)));
        RoundState current = RoundState.fromJson(JsonFields.object(state, "round"));
        boolean accepting = current.status() == RoundStatus.OPEN && !current.deadlinePassed(ledger.now());
        if (accepting && !JsonFields.strings(state, "submitted").contains(holder.participantId())) {
            Consortium.submit(ledger, holder, round, current.baseModel().sha256());
        }
    }

    private static long currentRound(LedgerHarness ledger) {
        Map<String, Object> task = ledger.json(ADMIN, ctx -> ledger.tasks.getTask(ctx, TASK));
        return (Long) task.get("currentRound");
    }
}
