package org.medfed.chaincode.task;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;

/** The task spec's optional {@code retention} through {@code task:createTask}. */
class TaskRetentionTest {
    private final LedgerHarness ledger = Consortium.registered(new LedgerHarness());

    private Map<String, Object> specWith(Object retention) {
        Map<String, Object> spec = new TreeMap<>(Consortium.spec());
        spec.put("retention", retention);
        return spec;
    }

    private String storedSpec() {
        String stored = new String(ledger.stub().state().get(taskKey()), UTF_8);
        return CanonicalJson.encode(JsonFields.object(JsonFields.object(CanonicalJson.parse(stored)), "spec"));
    }

    private String taskKey() {
        return ledger.stub().createCompositeKey("task", TASK).toString();
    }

    @Test
    void storesThePolicyInTheSpecAsItWasWritten() {
        ledger.run(
                ADMIN,
                ctx -> ledger.tasks.createTask(
                        ctx, Fixtures.json(specWith(Map.of("keepUpdatesRounds", 1L, "orVerifiedBy", 2L)))));

        Task task = Task.fromJson(
                JsonFields.object(CanonicalJson.parse(ledger.run(ADMIN, ctx -> ledger.tasks.getTask(ctx, TASK)))));
        assertThat(task.spec().retentionPolicy()).contains(new RetentionPolicy(1, 2L));
        assertThat(storedSpec()).contains("\"retention\":{\"keepUpdatesRounds\":1,\"orVerifiedBy\":2}");
    }

    @Test
    void aSpecWithoutRetentionIsStoredExactlyAsBeforeTheField() {
        ledger.run(ADMIN, ctx -> ledger.tasks.createTask(ctx, Fixtures.json(Consortium.spec())));

        Map<String, Object> asWritten = new TreeMap<>(Consortium.spec());
        asWritten.put(
                "eligibleParticipants",
                JsonFields.strings(asWritten, "eligibleParticipants").stream()
                        .sorted()
                        .toList());
        assertThat(storedSpec()).isEqualTo(Fixtures.json(asWritten)).doesNotContain("retention");
    }

    @Test
    void refusesAMalformedPolicyWithInvalidArgumentNamingTheFieldAndWritesNothing() {
        Map<Object, String> refused = Map.of(
                Map.of("keepUpdatesRounds", -1L),
                "retention.keepUpdatesRounds must be between 0 and",
                Map.of("orVerifiedBy", 2L),
                "keepUpdatesRounds",
                Map.of("keepUpdatesRounds", 1L, "orVerifiedBy", 0L),
                "retention.orVerifiedBy must be between 1",
                Map.of("keepUpdatesRounds", 0L, "orVerifiedBy", 2L),
                "orVerifiedBy has no effect",
                Map.of("keepUpdatesRounds", 3L),
                "keeps every update of a task of 3 rounds",
                Map.of("keepUpdatesRounds", 1L, "keepModels", true),
                "keepModels",
                "two rounds",
                "retention");
        refused.forEach((retention, message) -> assertThat(ledger.refused(
                                ErrorCode.INVALID_ARGUMENT,
                                ADMIN,
                                ctx -> ledger.tasks.createTask(ctx, Fixtures.json(specWith(retention))))
                        .getMessage())
                .as(String.valueOf(retention))
                .contains(message));
    }
}
