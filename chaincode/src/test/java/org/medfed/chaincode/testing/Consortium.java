package org.medfed.chaincode.testing;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.Role;
import org.medfed.contract.testing.TestIdentity;

/**
 * A ledger with three data holders registered by the Org1 MSP admin: a hospital (Org1), a clinic (Org2) and a
 * wearable gateway (Org3), each with one dataset, and optionally task {@value #TASK} over all three.
 */
public final class Consortium {
    public static final String TASK = "sepsis";
    public static final TestIdentity ADMIN = TestIdentity.ORG1_ADMIN;
    public static final TestIdentity HOSPITAL = TestIdentity.ORG1_CLIENT;
    public static final TestIdentity CLINIC = TestIdentity.ORG2_CLIENT;
    public static final TestIdentity GATEWAY = TestIdentity.ORG3_GATEWAY;
    public static final List<TestIdentity> HOLDERS = List.of(HOSPITAL, CLINIC, GATEWAY);
    /** A task over the same holders and datasets, without differential privacy. */
    public static final String TASK_WITHOUT_DP = "open-data";
    /** A task over the same holders and datasets that declares a purpose, so each holder must approve its use. */
    public static final String TASK_WITH_PURPOSE = "sepsis-research";

    private Consortium() {}

    public static String datasetOf(TestIdentity holder) {
        return "ds-" + holder.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Registers the three holders and their datasets. */
    public static LedgerHarness registered(LedgerHarness ledger) {
        register(ledger, HOSPITAL, Role.HOSPITAL);
        register(ledger, CLINIC, Role.CLINIC);
        register(ledger, GATEWAY, Role.WEARABLE_GATEWAY);
        for (TestIdentity holder : HOLDERS) {
            ledger.run(
                    holder,
                    ctx -> ledger.datasets.registerDataset(ctx, Fixtures.json(Fixtures.dataset(datasetOf(holder)))));
        }
        return ledger;
    }

    /** Registered holders plus task {@value #TASK} (three rounds, quorum 2) over all of them. */
    public static LedgerHarness withTask(LedgerHarness ledger) {
        registered(ledger);
        ledger.run(ADMIN, ctx -> ledger.tasks.createTask(ctx, Fixtures.json(spec())));
        return ledger;
    }

    public static Map<String, Object> spec() {
        return Fixtures.taskSpec(
                TASK,
                HOLDERS.stream().map(TestIdentity::participantId).toList(),
                HOLDERS.stream().map(Consortium::datasetOf).toList());
    }

    /** Creates task {@value #TASK_WITHOUT_DP}: the spec of {@value #TASK} without its {@code dp} policy. */
    public static void createTaskWithoutDp(LedgerHarness ledger) {
        createTask(ledger, TASK_WITHOUT_DP, spec -> spec.remove("dp"));
    }

    /** The purpose {@value #TASK_WITH_PURPOSE} declares: healthcare research. */
    public static Map<String, Object> usePurpose() {
        return Map.of("code", "HRESCH", "statement", "Early sepsis warning research; no record leaves its site.");
    }

    /** Creates task {@value #TASK_WITH_PURPOSE}: the spec of {@value #TASK} with {@link #usePurpose()}. */
    public static void createTaskWithPurpose(LedgerHarness ledger) {
        createTask(ledger, TASK_WITH_PURPOSE, spec -> spec.put("usePurpose", usePurpose()));
    }

    /** {@code holder} decides on the use of its dataset by {@code taskId}; returns the stored decision. */
    public static Map<String, Object> decide(
            LedgerHarness ledger, TestIdentity holder, String taskId, DatasetUseStatus status, String reason) {
        String dataset = datasetOf(holder);
        return ledger.json(holder, ctx -> switch (status) {
            case APPROVED -> ledger.datasets.approveDatasetUse(ctx, taskId, dataset, reason);
            case DECLINED -> ledger.datasets.declineDatasetUse(ctx, taskId, dataset, reason);
            case REVOKED -> ledger.datasets.revokeDatasetUse(ctx, taskId, dataset, reason);
        });
    }

    /** Creates task {@code taskId} over all holders: the spec of {@value #TASK} as {@code change} leaves it. */
    public static void createTask(LedgerHarness ledger, String taskId, Consumer<Map<String, Object>> change) {
        Map<String, Object> spec = new TreeMap<>(Fixtures.taskSpec(
                taskId,
                HOLDERS.stream().map(TestIdentity::participantId).toList(),
                HOLDERS.stream().map(Consortium::datasetOf).toList()));
        change.accept(spec);
        ledger.run(ADMIN, ctx -> ledger.tasks.createTask(ctx, Fixtures.json(spec)));
    }

    public static Map<String, Object> register(LedgerHarness ledger, TestIdentity who, Role role) {
        return ledger.json(
                ADMIN,
                ctx -> ledger.participants.registerParticipant(
                        ctx, who.mspId(), who.subject(), role.wire(), who.name().toLowerCase(Locale.ROOT)));
    }

    /** {@code holder}'s update for the current round of {@value #TASK}, trained from {@code baseSha256}. */
    public static Map<String, Object> submit(LedgerHarness ledger, TestIdentity holder, long round, String baseSha256) {
        return ledger.json(
                holder,
                ctx -> ledger.rounds.submitUpdate(
                        ctx,
                        Fixtures.json(Fixtures.update(
                                TASK, round, datasetOf(holder), baseSha256, holder.name() + "-round-" + round))));
    }

    public static Map<String, Object> close(LedgerHarness ledger, TestIdentity caller, long round) {
        return ledger.json(caller, ctx -> ledger.rounds.closeRound(ctx, TASK, Long.toString(round)));
    }
}
