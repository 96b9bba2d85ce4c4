package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.ipfs.FakeKubo;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.common.aggregation.round.AcceptedUpdate;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.RoundVerification;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.protocol.TxNames;

/**
 * {@code verify round} and {@code verify task} against a scripted ledger and a fake Kubo over HTTP. Round 1 of the
 * example task (530 parameters) starts from 0.25 everywhere; participants 1, 2 and 3 sent deltas of 1, 2 and 4 with
 * 1000, 1000 and 2000 examples, so FedAvg gives 0.25 + (1 + 2 + 2·4)/4 = 3 everywhere. The aggregate delta is 2.75
 * a value, the deltas lie 1.75, 0.75 and 1.25 a value from it (median 1.25): participant 1 at 1.4 times the median
 * distance scores 1 − ((1.4 − 1)/(3 − 1))² = 0.96, the others 1.
 */
class VerifyCommandTest {
    private static final String P1 = "1".repeat(64);
    private static final String P2 = "2".repeat(64);
    private static final String P3 = "3".repeat(64);

    @TempDir
    Path root;

    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final List<URI> nodesOpened = new ArrayList<>();
    private FakeKubo kubo;
    private LedgerCli cli;
    private Task task;
    private int p;

    @BeforeEach
    void setUp() throws Exception {
        kubo = new FakeKubo();
        kubo.on("cat", FakeKubo.catFrom(blobs));
        cli = new LedgerCli(root);
        cli.blobStores = uri -> {
            nodesOpened.add(uri);
            return new KuboBlobStore(kubo.api());
        };
        task = Samples.task();
        p = (int) task.spec().model().parameterCount();
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    private ContentRef put(float value) {
        float[] values = new float[p];
        Arrays.fill(values, value);
        byte[] blob = FloatVectorCodec.encode(values);
        blobs.put(Cids.rawLeafCidV1(blob), blob);
        return new ContentRef(Cids.rawLeafCidV1(blob), Hashing.sha256Hex(blob));
    }

    private RoundInput input() {
        return new RoundInput(
                task.spec(),
                1,
                put(0.25f),
                List.of(
                        new AcceptedUpdate(P1, put(1f), p, 1000, UpdateKind.DELTA, new BigDecimal("0.5")),
                        new AcceptedUpdate(P2, put(2f), p, 1000, UpdateKind.DELTA, new BigDecimal("0.5")),
                        new AcceptedUpdate(P3, put(4f), p, 2000, UpdateKind.DELTA, new BigDecimal("0.5"))));
    }

    /** The record the endorsers wrote for {@link #input()}, with {@code p2Score} as participant 2's score. */
    private String record(RoundInput input, String p2Score, ContentRef model) {
        List<Contribution> contributions = List.of(
                new Contribution(P1, new BigDecimal("0.96")),
                new Contribution(P2, new BigDecimal(p2Score)),
                new Contribution(P3, BigDecimal.ONE));
        return Samples.json(new AggregationRecord(
                new AggregationRequest(task.id(), 1, model, contributions, List.of()),
                input.globalModel(),
                P1,
                Instant.parse("2026-03-01T09:20:00Z"),
                "tx-aggregate"));
    }

    private void script(RoundInput input, String record) {
        cli.ledger
                .answer(TxNames.AGGREGATOR_GET_ROUND_INPUT, Samples.json(input))
                .answer(TxNames.ROUND_GET_AGGREGATION, record);
    }

    @Test
    void printsOkWhenTheRecomputedRoundMatchesTheRecord() {
        RoundInput input = input();
        ContentRef model = put(3f);
        script(input, record(input, "1", model));

        int exit = cli.as("clinic-admin", "verify", "round", task.id(), "1");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.out())
                .startsWith("OK  round 1 of task " + task.id())
                .contains(model.sha256())
                .contains("from 3 updates");
        assertThat(cli.ledger.calls)
                .containsExactly(
                        new ScriptedLedger.Call(
                                "evaluate", TxNames.AGGREGATOR_GET_ROUND_INPUT, List.of(task.id(), "1")),
                        new ScriptedLedger.Call("evaluate", TxNames.ROUND_GET_AGGREGATION, List.of(task.id(), "1")));
        assertThat(nodesOpened).containsExactly(cli.opened.get(0).ipfsApi());
        assertThat(kubo.requests())
                .allSatisfy(r -> assertThat(r.param("length")).isEqualTo(Long.toString(4L * p + 1)));
    }

    @Test
    void aBlobReplacedByOtherBytesIsAMismatchNamingItsParticipant() {
        RoundInput input = input();
        script(input, record(input, "1", put(3f)));
        byte[] other = FloatVectorCodec.encode(new float[p]);
        blobs.put(input.updates().get(1).blob().cid(), other);

        int exit = cli.admin("verify", "round", task.id(), "1");

        assertThat(exit).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(cli.out()).startsWith("MISMATCH  round 1 of task " + task.id());
        assertThat(cli.field("field")).isEqualTo("participant " + P2);
        assertThat(cli.field("recorded")).isEqualTo("contribution, quality score 1");
        assertThat(cli.field("recomputed"))
                .startsWith("excluded: content-invalid (HASH_MISMATCH: the blob hashes to " + Hashing.sha256Hex(other));
    }

    @Test
    void aTamperedRecordedQualityScoreIsAMismatch() {
        RoundInput input = input();
        script(input, record(input, "0.9", put(3f)));

        assertThat(cli.admin("verify", "round", task.id(), "1")).isEqualTo(ExitCodes.VERIFICATION_FAILED);

        assertThat(cli.field("field")).isEqualTo("participant " + P2);
        assertThat(cli.field("recorded")).isEqualTo("contribution, quality score 0.9");
        assertThat(cli.field("recomputed")).isEqualTo("contribution, quality score 1");
    }

    @Test
    void aRecordedModelOtherThanTheAggregateIsAMismatchOfItsSha256() {
        RoundInput input = input();
        ContentRef other = put(Math.nextUp(3f));
        script(input, record(input, "1", other));

        assertThat(cli.admin("verify", "round", task.id(), "1")).isEqualTo(ExitCodes.VERIFICATION_FAILED);

        assertThat(cli.field("field")).isEqualTo("model sha256");
        assertThat(cli.field("recorded")).isEqualTo(other.sha256());
        assertThat(cli.field("recomputed")).isEqualTo(put(3f).sha256());
    }

    @Test
    void aRoundNotAggregatedYetIsAOneLineError() {
        cli.ledger
                .answer(TxNames.AGGREGATOR_GET_ROUND_INPUT, Samples.json(input()))
                .fail(
                        TxNames.ROUND_GET_AGGREGATION,
                        LedgerCli.refused("NOT_FOUND", "round 1 of task " + task.id() + " has no aggregation"));

        assertThat(cli.admin("verify", "round", task.id(), "1")).isEqualTo(ExitCodes.LEDGER_REFUSED);

        assertThat(cli.err().lines())
                .singleElement()
                .asString()
                .startsWith("error: NOT_FOUND: round 1 of task " + task.id() + " is not aggregated yet");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void anUnknownTaskIsTheLedgersOneLineError() {
        cli.ledger.fail(TxNames.AGGREGATOR_GET_ROUND_INPUT, LedgerCli.refused("NOT_FOUND", "no task nope"));

        assertThat(cli.admin("verify", "round", "nope", "1")).isEqualTo(ExitCodes.LEDGER_REFUSED);

        assertThat(cli.err().lines()).singleElement().asString().startsWith("error: NOT_FOUND: no task nope");
    }

    @Test
    void anUnreachableKuboIsAOneLineNetworkError() throws Exception {
        RoundInput input = input();
        script(input, record(input, "1", put(3f)));
        URI closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        URI dead = closed;
        cli.blobStores = uri -> new KuboBlobStore(dead);

        assertThat(cli.admin("verify", "round", task.id(), "1")).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);

        assertThat(cli.err().lines())
                .singleElement()
                .asString()
                .startsWith("error: UNAVAILABLE: cannot recompute round 1 of task " + task.id())
                .contains("unreachable");
    }

    @Test
    void anUnreachablePeerIsAOneLineNetworkError() {
        cli.ledger.failEverything(LedgerCli.unreachable());

        assertThat(cli.admin("verify", "round", task.id(), "1")).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);

        assertThat(cli.err().lines()).hasSize(1);
    }

    @Test
    void printsTheVerdictAsJson() {
        RoundInput input = input();
        ContentRef model = put(3f);
        script(input, record(input, "0.9", model));

        assertThat(cli.admin("verify", "round", task.id(), "1", "--json")).isEqualTo(ExitCodes.VERIFICATION_FAILED);

        Map<String, Object> json =
                JsonFields.object(CanonicalJson.parse(cli.out().strip()));
        assertThat(json).containsEntry("result", "MISMATCH").containsEntry("recomputedSha256", model.sha256());
        assertThat(JsonFields.object(json, "difference")).containsEntry("field", "participant " + P2);
    }

    @Test
    void verifiesEveryAggregatedRoundOfATask() {
        RoundInput input = input();
        Task inRoundTwo = new Task(
                task.spec(), task.status(), null, 2, put(3f), task.createdAt(), task.createdBy(), task.updatedAt());
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(inRoundTwo));
        script(input, record(input, "1", put(3f)));

        assertThat(cli.admin("verify", "task", task.id())).as(cli.err()).isEqualTo(ExitCodes.OK);

        assertThat(cli.ledger.calls)
                .extracting(ScriptedLedger.Call::transaction)
                .containsExactly(TxNames.TASK_GET, TxNames.AGGREGATOR_GET_ROUND_INPUT, TxNames.ROUND_GET_AGGREGATION);
        assertThat(cli.out()).contains("OK  1 aggregated round(s) of task " + task.id());
    }

    @Test
    void aTaskWithoutAnAggregatedRoundHasNothingToVerify() {
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(task));

        assertThat(cli.admin("verify", "task", task.id())).isEqualTo(ExitCodes.OK);

        assertThat(cli.onlyCall().transaction()).isEqualTo(TxNames.TASK_GET);
        assertThat(cli.out())
                .isEqualTo("task " + task.id() + " has no aggregated round yet: nothing to verify"
                        + System.lineSeparator());
    }

    @Test
    void aTaskWithAMismatchingRoundFailsAndShowsTheFirstDifference() {
        RoundInput input = input();
        Task inRoundTwo = new Task(
                task.spec(), task.status(), null, 2, put(3f), task.createdAt(), task.createdBy(), task.updatedAt());
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(inRoundTwo));
        script(input, record(input, "0.9", put(3f)));

        assertThat(cli.admin("verify", "task", task.id())).isEqualTo(ExitCodes.VERIFICATION_FAILED);

        assertThat(cli.out()).contains("MISMATCH  1 of 1 aggregated round(s)");
        assertThat(cli.field("field")).isEqualTo("participant " + P2);
    }

    /** The task under retention policy {@code policy} after {@code aggregated} rounds, as task:getTask answers it. */
    private Task retaining(RetentionPolicy policy, long aggregated) {
        task = new Task(
                task.spec().withRetention(policy),
                TaskStatus.ACTIVE,
                null,
                aggregated + 1,
                put(3f),
                task.createdAt(),
                task.createdBy(),
                task.updatedAt());
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(task));
        return task;
    }

    /** Removes the round's update blobs from the node, as the pruner and garbage collection do. */
    private void prune(RoundInput input) {
        input.updates().forEach(u -> blobs.remove(u.blob().cid()));
    }

    @Test
    void aRoundWhoseInputsThePolicyReleasedAndTheNodeDroppedIsPrunedNotUnavailable() {
        retaining(RetentionPolicy.keepRounds(1), 2);
        RoundInput input = input();
        ContentRef model = put(3f);
        script(input, record(input, "1", model));
        prune(input);

        int exit = cli.admin("verify", "round", task.id(), "1");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.INPUTS_PRUNED);
        assertThat(cli.out())
                .startsWith("PRUNED  round 1 of task " + task.id() + ": inputs of round 1 pruned by the task's"
                        + " retention policy (keep 1 round after aggregation; 2 rounds aggregated); the recorded"
                        + " aggregate cannot be recomputed here; its record and hashes remain")
                .contains(model.sha256());
        assertThat(cli.err()).isEmpty();
        // the update was asked of this node only; the base model as usual
        assertThat(kubo.requests())
                .filteredOn(
                        r -> r.param("arg").equals(input.updates().get(0).blob().cid()))
                .singleElement()
                .satisfies(r -> assertThat(r.param("offline")).isEqualTo("true"));
        assertThat(kubo.requests())
                .filteredOn(r -> r.param("arg").equals(input.globalModel().cid()))
                .allSatisfy(r -> assertThat(r.query()).doesNotContainKey("offline"));
        assertThat(cli.ledger.calls)
                .extracting(ScriptedLedger.Call::transaction)
                .containsExactly(TxNames.AGGREGATOR_GET_ROUND_INPUT, TxNames.ROUND_GET_AGGREGATION, TxNames.TASK_GET);
    }

    @Test
    void aReleasedRoundWhoseInputsTheNodeStillHoldsIsVerifiedAsUsual() {
        retaining(RetentionPolicy.keepRounds(1), 2);
        RoundInput input = input();
        script(input, record(input, "1", put(3f)));

        assertThat(cli.admin("verify", "round", task.id(), "1")).as(cli.err()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).startsWith("OK  round 1 of task " + task.id());
    }

    @Test
    void aReleasedRoundWhoseBaseModelCannotBeServedIsUnavailableNotPruned() {
        retaining(RetentionPolicy.keepRounds(1), 2);
        RoundInput input = input();
        script(input, record(input, "1", put(3f)));
        blobs.remove(input.globalModel().cid());

        assertThat(cli.admin("verify", "round", task.id(), "1")).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);

        assertThat(cli.err()).startsWith("error: UNAVAILABLE: cannot recompute round 1 of task " + task.id());
    }

    @Test
    void aRoundThePolicyStillKeepsWithAMissingBlobIsUnavailableAsBefore() {
        // keep 1 round, 1 aggregated: round 1 is within its window
        retaining(RetentionPolicy.keepRounds(1), 1);
        RoundInput input = input();
        script(input, record(input, "1", put(3f)));
        prune(input);

        assertThat(cli.admin("verify", "round", task.id(), "1")).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);

        assertThat(cli.err()).startsWith("error: UNAVAILABLE: cannot recompute round 1 of task " + task.id());
        assertThat(kubo.requests()).allSatisfy(r -> assertThat(r.query()).doesNotContainKey("offline"));
    }

    @Test
    void aRoundReleasedByVerificationsSaysSo() {
        retaining(new RetentionPolicy(2, 2L), 1);
        RoundInput input = input();
        script(input, record(input, "1", put(3f)));
        cli.ledger.answer(
                TxNames.ROUND_LIST_VERIFICATIONS,
                "{\"items\":[" + verification("ClinicMSP") + "," + verification("HospitalMSP")
                        + "],\"round\":1,\"taskId\":\"" + task.id() + "\"}");
        prune(input);

        assertThat(cli.admin("verify", "round", task.id(), "1", "--json")).isEqualTo(ExitCodes.INPUTS_PRUNED);

        Map<String, Object> json =
                JsonFields.object(CanonicalJson.parse(cli.out().strip()));
        assertThat(json).containsEntry("result", "PRUNED").containsEntry("recomputedSha256", null);
        assertThat(JsonFields.string(json, "pruned")).contains("verified by 2 or more organisations");
    }

    @Test
    void aTaskWithAPrunedRoundAndNoMismatchExitsFive() {
        retaining(RetentionPolicy.keepRounds(1), 2);
        RoundInput first = input();
        RoundInput second = new RoundInput(
                task.spec(),
                2,
                put(3f),
                List.of(
                        new AcceptedUpdate(P1, put(5f), p, 1000, UpdateKind.DELTA, new BigDecimal("0.5")),
                        new AcceptedUpdate(P2, put(6f), p, 1000, UpdateKind.DELTA, new BigDecimal("0.5")),
                        new AcceptedUpdate(P3, put(7f), p, 2000, UpdateKind.DELTA, new BigDecimal("0.5"))));
        // round 2: 3 + (5 + 6 + 2·7)/4 = 9.25; distances 1.25, 0.25, 0.75 from 6.25, median 0.75: participant 1 at 5/3
        // of it scores 1 − (1/3)² = 0.888889
        cli.ledger
                .answer(TxNames.AGGREGATOR_GET_ROUND_INPUT, Samples.json(first))
                .answer(TxNames.AGGREGATOR_GET_ROUND_INPUT, Samples.json(second))
                .answer(TxNames.ROUND_GET_AGGREGATION, record(first, "1", put(3f)))
                .answer(TxNames.ROUND_GET_AGGREGATION, record(second, 2, "0.888889", put(9.25f)));
        prune(first);

        assertThat(cli.admin("verify", "task", task.id())).as(cli.err()).isEqualTo(ExitCodes.INPUTS_PRUNED);

        assertThat(cli.out())
                .contains("1      PRUNED")
                .contains("2      OK")
                .contains("PRUNED  1 of 2 aggregated round(s) of task " + task.id() + " recomputed bit for bit")
                .contains("inputs of round(s) 1 pruned by the task's retention policy");
    }

    @Test
    void attestsARoundRecomputedOkForTheProfilesOrganisation() {
        RoundInput input = input();
        ContentRef model = put(3f);
        script(input, record(input, "1", model));
        cli.ledger.answer(TxNames.ROUND_ATTEST_VERIFICATION, verification("HospitalMSP"));

        assertThat(cli.admin("verify", "round", task.id(), "1", "--attest"))
                .as(cli.err())
                .isEqualTo(ExitCodes.OK);

        assertThat(cli.ledger.calls)
                .contains(new ScriptedLedger.Call(
                        ScriptedLedger.SUBMIT,
                        TxNames.ROUND_ATTEST_VERIFICATION,
                        List.of(task.id(), "1", model.sha256())));
        assertThat(cli.out())
                .contains("attested  round 1 of task " + task.id() + " verified OK by HospitalMSP [tx tx-v]");
    }

    @Test
    void anAttestationMadeBeforeIsSaidSoNotAnError() {
        RoundInput input = input();
        script(input, record(input, "1", put(3f)));
        cli.ledger.fail(
                TxNames.ROUND_ATTEST_VERIFICATION,
                LedgerCli.refused("ALREADY_EXISTS", "HospitalMSP already attested that it verified round 1"));

        assertThat(cli.admin("verify", "round", task.id(), "1", "--attest")).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).contains("attested already  round 1 of task " + task.id());
    }

    @Test
    void aMismatchIsNeverAttested() {
        RoundInput input = input();
        script(input, record(input, "0.9", put(3f)));

        assertThat(cli.admin("verify", "round", task.id(), "1", "--attest")).isEqualTo(ExitCodes.VERIFICATION_FAILED);

        assertThat(cli.ledger.calls)
                .extracting(ScriptedLedger.Call::transaction)
                .doesNotContain(TxNames.ROUND_ATTEST_VERIFICATION);
    }

    private String verification(String mspId) {
        return Samples.json(new RoundVerification(
                task.id(), 1, mspId, put(3f), Samples.ADMIN, Instant.parse("2026-03-01T10:00:00Z"), "tx-v"));
    }

    /** The record of {@code input} (round {@code round}) with participant 1's score and the others' 1. */
    private String record(RoundInput input, long round, String p1Score, ContentRef model) {
        List<Contribution> contributions = List.of(
                new Contribution(P1, new BigDecimal(p1Score)),
                new Contribution(P2, BigDecimal.ONE),
                new Contribution(P3, BigDecimal.ONE));
        return Samples.json(new AggregationRecord(
                new AggregationRequest(task.id(), round, model, contributions, List.of()),
                input.globalModel(),
                P1,
                Instant.parse("2026-03-01T09:20:00Z"),
                "tx-aggregate-" + round));
    }
}
