package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.TxNames;

class AuditCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;
    private String answer;
    private Task created;
    private Task paused;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        created = Samples.task();
        paused = created.pause("maintenance", Samples.T0.plusSeconds(60));
        // The peer's history database answers newest first.
        answer = CanonicalJson.encode(Map.of(
                "key",
                "task~wdbc-mlp",
                "entries",
                List.of(
                        entry("tx-pause", "2026-03-01T09:01:00Z", paused.toJson()),
                        entry("tx-create", "2026-03-01T09:00:00Z", created.toJson()))));
    }

    @Test
    void printsEveryVersionNewestLast() {
        cli.ledger.answer(TxNames.PROVENANCE_GET_HISTORY, answer);

        int exit = cli.admin("audit", "task~wdbc-mlp");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call("evaluate", "provenance:getHistory", List.of("task~wdbc-mlp")));
        assertThat(cli.out().lines().findFirst()).contains("key task~wdbc-mlp: 2 version(s), oldest first");
        List<String> txs = cli.out()
                .lines()
                .filter(l -> l.startsWith("tx  "))
                .map(l -> l.substring(3).strip())
                .toList();
        assertThat(txs).containsExactly("tx-create", "tx-pause");
        List<String> values = new ArrayList<>(cli.out()
                .lines()
                .filter(l -> l.startsWith("value  "))
                .map(l -> l.substring(6).strip())
                .toList());
        assertThat(values)
                .containsExactly(CanonicalJson.encode(created.toJson()), CanonicalJson.encode(paused.toJson()));
        assertThat(cli.out()).contains("deleted  no");
    }

    @Test
    void jsonIsTheLedgersAnswer() {
        cli.ledger.answer(TxNames.PROVENANCE_GET_HISTORY, answer);

        cli.admin("audit", "task~wdbc-mlp", "--json");

        assertThat(cli.out().strip()).isEqualTo(answer);
    }

    @Test
    void aDeletedVersionHasNoValue() {
        cli.ledger.answer(
                TxNames.PROVENANCE_GET_HISTORY,
                CanonicalJson.encode(Map.of(
                        "key", "ping~HospitalMSP", "entries", List.of(entry("tx-del", "2026-03-01T09:02:00Z", null)))));

        cli.admin("audit", "ping~HospitalMSP");

        assertThat(cli.out()).contains("deleted  yes").contains("value    -");
    }

    @Test
    void aMalformedKeyIsTheLedgersRefusal() {
        cli.ledger.fail(
                TxNames.PROVENANCE_GET_HISTORY, LedgerCli.refused("INVALID_ARGUMENT", "unknown record type nope"));

        assertThat(cli.admin("audit", "nope~1")).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.err()).startsWith("error: INVALID_ARGUMENT: unknown record type nope");
    }

    private static Map<String, Object> entry(String txId, String timestamp, Map<String, Object> value) {
        Map<String, Object> json = new TreeMap<>();
        json.put("txId", txId);
        json.put("timestamp", timestamp);
        json.put("deleted", value == null);
        json.put("value", value);
        return json;
    }
}
