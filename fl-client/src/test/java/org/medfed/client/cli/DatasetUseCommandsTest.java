package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.protocol.TxNames;

class DatasetUseCommandsTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path root;

    private LedgerCli cli;
    private final String holder = Samples.sha("holder");

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
    }

    private String decision(DatasetUseStatus status, String reason) {
        return CanonicalJson.encode(
                new DatasetUseApproval("sepsis", "icu-2025", holder, PurposeOfUse.HRESCH, status, reason, T).toJson());
    }

    @Test
    void approveSubmitsTheTaskTheDatasetAndAnEmptyReason() {
        cli.ledger.answer(TxNames.DATASET_APPROVE_USE, decision(DatasetUseStatus.APPROVED, null));

        int exit = cli.as("hospital-user1", "dataset", "approve", "sepsis", "icu-2025");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        ScriptedLedger.Call call = cli.onlyCall();
        assertThat(call.intent()).isEqualTo("submit");
        assertThat(call.transaction()).isEqualTo("dataset:approveDatasetUse");
        assertThat(call.args()).containsExactly("sepsis", "icu-2025", "");
        assertThat(cli.field("status")).isEqualTo("approved");
        assertThat(cli.field("purpose")).isEqualTo("HRESCH (healthcare research)");
    }

    @Test
    void declineAndRevokeNeedAReasonBeforeAnyConnection() {
        for (String verb : List.of("decline", "revoke")) {
            int exit = cli.as("hospital-user1", "dataset", verb, "sepsis", "icu-2025");

            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("--reason is required");
        }
        assertThat(cli.opened).isEmpty();
    }

    @Test
    void revokeSubmitsItsReasonAndARefusalIsTheLedgersCode() {
        cli.ledger.answer(TxNames.DATASET_REVOKE_USE, decision(DatasetUseStatus.REVOKED, "consent withdrawn"));

        int exit = cli.as("hospital-user1", "dataset", "revoke", "sepsis", "icu-2025", "--reason", "consent withdrawn");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall().args()).containsExactly("sepsis", "icu-2025", "consent withdrawn");
        assertThat(cli.field("reason")).isEqualTo("consent withdrawn");

        cli.ledger.fail(
                TxNames.DATASET_DECLINE_USE, LedgerCli.refused("ILLEGAL_TRANSITION", "the use is approved: revoke it"));
        int refused = cli.as("hospital-user1", "dataset", "decline", "sepsis", "icu-2025", "--reason", "no");
        assertThat(refused).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.err()).contains("ILLEGAL_TRANSITION");
    }

    @Test
    void usesListsEveryAdmittedDatasetWithItsStatusOrPending() {
        Map<String, Object> approved = new TreeMap<>();
        approved.put("datasetId", "icu-2025");
        approved.put("holderId", holder);
        approved.put("status", "approved");
        approved.put("decision", CanonicalJson.parse(decision(DatasetUseStatus.APPROVED, null)));
        Map<String, Object> pending = new TreeMap<>();
        pending.put("datasetId", "ward-2024");
        pending.put("holderId", null);
        pending.put("status", "pending");
        pending.put("decision", null);
        cli.ledger.answer(
                TxNames.DATASET_LIST_USES,
                CanonicalJson.encode(Map.of(
                        "taskId",
                        "sepsis",
                        "purpose",
                        "HRESCH",
                        "approvalRequired",
                        true,
                        "items",
                        List.of(approved, pending))));

        int exit = cli.admin("dataset", "uses", "sepsis");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall().args()).containsExactly("sepsis");
        assertThat(cli.out())
                .contains("task sepsis: purpose HRESCH (healthcare research); each holder must approve")
                .containsPattern("icu-2025 +" + holder + " +approved +" + T)
                .containsPattern("ward-2024 +- +pending");
    }

    @Test
    void usageListsTheReceiptsOfADatasetPageByPage() {
        UsageReceipt clear = new UsageReceipt(
                "icu-2025",
                holder,
                holder,
                "sepsis",
                1,
                1200,
                Samples.sha("update"),
                Samples.sha("global-1"),
                Samples.ref("global-1").cid(),
                PurposeOfUse.HRESCH,
                T,
                T.plusSeconds(600));
        UsageReceipt masked = new UsageReceipt(
                "icu-2025",
                holder,
                holder,
                "secure-sepsis",
                2,
                1200,
                null,
                Samples.sha("global-2"),
                Samples.ref("global-2").cid(),
                null,
                null,
                T.plusSeconds(1200));
        cli.ledger.answer(
                TxNames.DATASET_LIST_USAGE_RECEIPTS,
                CanonicalJson.encode(
                        Map.of("items", List.of(clear.toJson(), masked.toJson()), "bookmark", "", "count", 2L)));

        int exit = cli.admin("dataset", "usage", "icu-2025");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall().transaction()).isEqualTo("dataset:listUsageReceipts");
        assertThat(cli.onlyCall().args().get(0)).isEqualTo("icu-2025");
        assertThat(cli.out())
                .containsPattern("sepsis +1 +1200 +" + Samples.sha("update") + " .*HRESCH +approved " + T)
                .containsPattern("secure-sepsis +2 +1200 +masked .*none needed")
                .contains("2 receipts.");
    }
}
