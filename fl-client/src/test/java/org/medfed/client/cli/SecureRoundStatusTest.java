package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.round.RoundState;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecurePhases;

/** {@code round status} of a task that aggregates securely: the phase and who is missing in each phase. */
class SecureRoundStatusTest {
    private static final String P1 = "1".repeat(64);
    private static final String P2 = "2".repeat(64);
    private static final String P3 = "3".repeat(64);
    private static final String KEY = "A".repeat(43) + "=";

    @TempDir
    Path root;

    private LedgerCli cli;
    private Task task;
    private RoundState open;
    private String answer;

    @BeforeEach
    void secureTaskInItsSharesPhase() throws Exception {
        cli = new LedgerCli(root);
        SecureAggregationSpec secure =
                new SecureAggregationSpec(2, 2, 2, new BigDecimal("0.5"), 16, 64, 32, 60, 60, 120);
        task = Task.create(Samples.exampleSpec().withSecureAggregation(secure), Samples.T0, Samples.ADMIN);
        open = Samples.openRound(task);
        answer = answer(secure);
        cli.ledger.answer(TxNames.TASK_GET, Samples.json(task)).answer(TxNames.SECAGG_GET_SECURE_ROUND, answer);
    }

    /** P1 and P2 posted keys, nobody shares yet: P3 missed the keys, P1 and P2 owe their shares. */
    private String answer(SecureAggregationSpec secure) {
        Map<String, Object> keys = new TreeMap<>();
        for (String id : List.of(P1, P2)) {
            keys.put(id, new RoundKeys(task.id(), 1, 1, id, KEY, KEY, Samples.T0, "tx-" + id.charAt(0)).toJson());
        }
        Map<String, Object> json = new TreeMap<>();
        json.put("round", open.toJson());
        json.put("phase", "shares");
        json.put("phases", SecurePhases.of(secure, open).toJson());
        json.put("keys", keys);
        json.put("neighbours", Map.of(P1, List.of(P2), P2, List.of(P1)));
        json.put("shares", Map.of());
        json.put("survivors", List.of());
        json.put("dropouts", List.of());
        json.put("reveals", Map.of());
        json.put(
                "missing",
                Map.of("keys", List.of(P3), "shares", List.of(P1, P2), "input", List.of(), "reveal", List.of()));
        return Samples.json(json);
    }

    @Test
    void showsThePhaseItsEndsAndWhoIsMissingInEachPhase() {
        assertThat(cli.as("hospital-user1", "round", "status", "wdbc-mlp")).isEqualTo(ExitCodes.OK);

        assertThat(cli.ledger.calls)
                .containsExactly(
                        new ScriptedLedger.Call("evaluate", "task:getTask", List.of("wdbc-mlp")),
                        new ScriptedLedger.Call("evaluate", "secagg:getSecureRound", List.of("wdbc-mlp", "1")));
        assertThat(cli.field("secure phase")).isEqualTo("shares (attempt 1)");
        // keys end T0 + 60 s, shares end T0 + 60 s + 60 s
        assertThat(cli.field("keys until")).isEqualTo("2026-03-01T09:01:00Z");
        assertThat(cli.field("shares until")).isEqualTo("2026-03-01T09:02:00Z");
        assertThat(cli.field("keys")).isEqualTo("2");
        assertThat(cli.field("missing keys")).isEqualTo("1");
        assertThat(cli.field("missing shares")).isEqualTo("2");
        assertThat(cli.out()).doesNotContain("missing input");
        assertThat(cli.out().lines().map(String::strip)).contains(P3);
    }

    @Test
    void jsonIsTheSecureRoundAsTheLedgerAnswered() {
        cli.as("hospital-user1", "round", "status", "wdbc-mlp", "--json");

        assertThat(cli.out().strip()).isEqualTo(answer);
    }
}
