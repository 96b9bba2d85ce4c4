package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.DatasetSchema.Column;
import org.medfed.common.protocol.TxNames;

class DatasetCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;
    private Path csv;
    private final String owner = Samples.sha("owner");

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        csv = Path.of(Objects.requireNonNull(getClass().getResource("/datasets/small.csv"))
                .toURI());
    }

    @Test
    void registerSendsOnlyFingerprintsComputedLocally() throws Exception {
        DatasetDescription stored = Samples.dataset("icu-2025", owner);
        cli.ledger.answer(TxNames.DATASET_REGISTER, Samples.json(stored));

        int exit = cli.as(
                "hospital-user1",
                "dataset",
                "register",
                "--id",
                "icu-2025",
                "--csv",
                csv.toString(),
                "--purpose",
                "sepsis research",
                "--consent",
                "broad consent",
                "--licence",
                "CC BY 4.0",
                "--label",
                "diagnosis");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        ScriptedLedger.Call call = cli.onlyCall();
        assertThat(call.intent()).isEqualTo("submit");
        assertThat(call.transaction()).isEqualTo("dataset:registerDataset");
        Map<String, Object> sent =
                JsonFields.object(CanonicalJson.parse(call.args().get(0)));
        assertThat(call.args()).hasSize(1);
        assertThat(sent)
                .containsOnlyKeys(
                        "id", "schemaSha256", "rowCount", "contentSha256", "purpose", "consentBasis", "licence");
        assertThat(sent.get("id")).isEqualTo("icu-2025");
        assertThat(sent.get("rowCount")).isEqualTo(3L);
        assertThat(sent.get("contentSha256")).isEqualTo(Hashing.sha256Hex(Files.readAllBytes(csv)));
        assertThat(sent.get("schemaSha256"))
                .isEqualTo(new DatasetSchema(List.of(
                                new Column("age", "int"),
                                new Column("lactate", "float"),
                                new Column("ward", "text"),
                                new Column("notes", "text"),
                                new Column("diagnosis", "label")))
                        .fingerprint());
        assertThat(sent.get("purpose")).isEqualTo("sepsis research");
        assertThat(sent.get("consentBasis")).isEqualTo("broad consent");
        assertThat(sent.get("licence")).isEqualTo("CC BY 4.0");
        assertThat(call.args().get(0))
                .doesNotContain("fever")
                .doesNotContain("ICU")
                .doesNotContain("step-down");
        assertThat(cli.out()).contains("lactate    float").contains("diagnosis  label");
        assertThat(cli.field("dataset")).isEqualTo("icu-2025");
        assertThat(cli.field("owner")).isEqualTo(owner);
    }

    @Test
    void dryRunPrintsTheRequestAndNeedsNoProfile() throws Exception {
        int exit = cli.run(
                "dataset",
                "register",
                "--id",
                "icu-2025",
                "--csv",
                csv.toString(),
                "--purpose",
                "p",
                "--consent",
                "c",
                "--licence",
                "l",
                "--dry-run",
                "--json");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.opened).isEmpty();
        Map<String, Object> request =
                JsonFields.object(CanonicalJson.parse(cli.out().strip()));
        assertThat(request.get("rowCount")).isEqualTo(3L);
        assertThat(request.get("schemaSha256"))
                .isEqualTo(new DatasetSchema(List.of(
                                new Column("age", "int"),
                                new Column("lactate", "float"),
                                new Column("ward", "text"),
                                new Column("notes", "text"),
                                new Column("diagnosis", "text")))
                        .fingerprint());
    }

    @Test
    void aMalformedCsvIsAnInputErrorNamingTheLineBeforeAnyConnection() throws Exception {
        Path bad = Files.writeString(root.resolve("bad.csv"), "a,b\n1,2\n3,4,5\n");

        int exit = cli.admin(
                "dataset",
                "register",
                "--id",
                "x",
                "--csv",
                bad.toString(),
                "--purpose",
                "p",
                "--consent",
                "c",
                "--licence",
                "l");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.opened).isEmpty();
        assertThat(cli.err().strip()).isEqualTo("error: --csv " + bad + ": line 3 has 3 fields, the header has 2");
    }

    @Test
    void aMissingCsvIsAnInputError() {
        int exit = cli.admin(
                "dataset",
                "register",
                "--id",
                "x",
                "--csv",
                root.resolve("none.csv").toString(),
                "--purpose",
                "p",
                "--consent",
                "c",
                "--licence",
                "l");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).startsWith("error: --csv ").contains("none.csv");
    }

    @Test
    void aBadIdIsRefusedLocally() {
        int exit = cli.admin(
                "dataset",
                "register",
                "--id",
                "no spaces",
                "--csv",
                csv.toString(),
                "--purpose",
                "p",
                "--consent",
                "c",
                "--licence",
                "l");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--id must be an id");
        assertThat(cli.opened).isEmpty();
    }

    @Test
    void aResearcherIsRefused() {
        cli.ledger.fail(
                TxNames.DATASET_REGISTER,
                LedgerCli.refused("UNAUTHORIZED", "only hospitals, clinics and wearable gateways register datasets"));

        int exit = cli.admin(
                "dataset",
                "register",
                "--id",
                "x",
                "--csv",
                csv.toString(),
                "--purpose",
                "p",
                "--consent",
                "c",
                "--licence",
                "l");

        assertThat(exit).isEqualTo(ExitCodes.LEDGER_REFUSED);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.err().strip().lines()).singleElement().asString().startsWith("error: UNAUTHORIZED: ");
    }

    @Test
    void listAndShow() {
        DatasetDescription a = Samples.dataset("a-set", owner);
        DatasetDescription b = Samples.dataset("b-set", owner);
        cli.ledger.answer(
                TxNames.DATASET_LIST,
                CanonicalJson.encode(Map.of("items", List.of(a.toJson(), b.toJson()), "bookmark", "", "count", 2L)));
        cli.ledger.answer(TxNames.DATASET_GET, Samples.json(b));

        assertThat(cli.admin("dataset", "list")).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call("evaluate", "dataset:listDatasets", List.of("20", "")));
        List<String> lines = cli.out().lines().toList();
        assertThat(lines.get(0).split("\\s{2,}"))
                .containsExactly("dataset", "rows", "owner", "purpose", "licence", "registered");
        assertThat(lines.get(1).split("\\s{2,}"))
                .containsExactly("a-set", "569", owner, "sepsis research", "CC BY 4.0", "2026-03-01T09:00:00Z");
        assertThat(lines.get(3)).isEqualTo("2 datasets.");

        assertThat(cli.admin("dataset", "show", "b-set")).isEqualTo(ExitCodes.OK);
        assertThat(cli.ledger.calls.get(1))
                .isEqualTo(new ScriptedLedger.Call("evaluate", "dataset:getDataset", List.of("b-set")));
        assertThat(cli.field("schema sha256")).isEqualTo(b.schemaSha256());
        assertThat(cli.field("rows")).isEqualTo("569");
    }

    @Test
    void helpSaysWhatTheCanonicalLocalFileIs() {
        assertThat(cli.run("dataset", "register", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out())
                .contains("No value of the file is sent")
                .contains("The canonical local")
                .contains("file is that copy, unchanged")
                .contains("int, float or text");
    }
}
