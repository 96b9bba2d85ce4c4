package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.provenance.LineageSamples;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.protocol.TxNames;

class ModelCommandTest {

    @TempDir
    Path root;

    private LedgerCli cli;
    private final byte[] blob = "model bytes".getBytes(StandardCharsets.UTF_8);
    private final ContentRef model = new ContentRef(LineageSamples.ROUND2.cid(), Hashing.sha256Hex(blob));

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        cli.blobs.content.put(model.cid(), blob);
    }

    @Nested
    class Get {
        @Test
        void writesTheBlobFromTheProfileOrganisationsNode() throws Exception {
            Path out = root.resolve("models/global.bin");

            int exit = cli.as("clinic-admin", "model", "get", model.cid(), "--out", out.toString());

            assertThat(exit).isEqualTo(ExitCodes.OK);
            assertThat(Files.readAllBytes(out)).isEqualTo(blob);
            assertThat(cli.blobs.calls).containsExactly("cat http://127.0.0.1:8055 " + model.cid());
            assertThat(cli.out().strip())
                    .isEqualTo("wrote " + out + ": " + blob.length + " bytes, sha256 " + model.sha256() + " ("
                            + model.cid() + ")");
            try (var files = Files.list(out.getParent())) {
                assertThat(files).containsExactly(out);
            }
            assertThat(cli.ledger.calls).isEmpty();
        }

        @Test
        void refusesToOverwriteWithoutForce() throws Exception {
            Path out = Files.writeString(root.resolve("existing.bin"), "keep me");

            assertThat(cli.admin("model", "get", model.cid(), "--out", out.toString()))
                    .isEqualTo(ExitCodes.USAGE);

            assertThat(cli.err()).contains(out + " exists; pass --force to overwrite it");
            assertThat(Files.readString(out)).isEqualTo("keep me");
            assertThat(cli.blobs.calls).isEmpty();

            assertThat(cli.admin("model", "get", model.cid(), "--out", out.toString(), "--force"))
                    .isEqualTo(ExitCodes.OK);
            assertThat(Files.readAllBytes(out)).isEqualTo(blob);
        }

        @Test
        void aBlobTheNodeCannotServeIsNetworkUnavailableAndWritesNothing() {
            Path out = root.resolve("missing.bin");

            int exit = cli.admin("model", "get", LineageSamples.ROUND1.cid(), "--out", out.toString());

            assertThat(exit).isEqualTo(ExitCodes.NETWORK_UNAVAILABLE);
            assertThat(cli.err().strip().lines())
                    .singleElement()
                    .asString()
                    .startsWith("error: UNAVAILABLE: Kubo at " + "http://127.0.0.1:7055 could not cat")
                    .contains("is HospitalMSP's Kubo node up?");
            assertThat(out).doesNotExist();
        }

        @Test
        void helpNamesTheOptionsAndExitCodes() {
            assertThat(cli.run("model", "get", "--help")).isEqualTo(ExitCodes.OK);
            assertThat(cli.out())
                    .contains("--out=FILE")
                    .contains("--force")
                    .contains("--profile=NAME")
                    .contains("2 Kubo node unavailable");
        }

        @Test
        void aHashIsNotACid() {
            assertThat(cli.admin(
                            "model",
                            "get",
                            model.sha256(),
                            "--out",
                            root.resolve("x").toString()))
                    .isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err()).contains("CID must be an IPFS CID");
        }
    }

    @Nested
    class Verify {
        @Test
        void saysOkWhenTheBlobHashesToWhatTheLedgerRecords() {
            cli.ledger.answer(TxNames.PROVENANCE_GET_MODEL_LINEAGE, lineageAnswer(model));

            int exit = cli.admin("model", "verify", model.cid());

            assertThat(exit).isEqualTo(ExitCodes.OK);
            assertThat(cli.onlyCall())
                    .isEqualTo(new ScriptedLedger.Call("evaluate", "provenance:getModelLineage", List.of(model.cid())));
            assertThat(cli.out().lines().findFirst()).contains("OK: " + model.cid() + " (round 2 of wdbc-mlp)");
            assertThat(cli.field("ledger sha256")).isEqualTo(model.sha256());
        }

        @Test
        void saysMismatchWithExitCodeFourWhenTheBlobDiffers() {
            ContentRef recorded = new ContentRef(model.cid(), LineageSamples.sha("what the ledger recorded"));
            cli.ledger.answer(TxNames.PROVENANCE_GET_MODEL_LINEAGE, lineageAnswer(recorded));

            int exit = cli.admin("model", "verify", model.cid());

            assertThat(exit).isEqualTo(ExitCodes.VERIFICATION_FAILED);
            assertThat(cli.out().lines().findFirst()).contains("MISMATCH: " + model.cid() + " (round 2 of wdbc-mlp)");
            assertThat(cli.field("ledger sha256")).isEqualTo(recorded.sha256());
            assertThat(cli.field("blob sha256")).startsWith(model.sha256());
        }

        @Test
        void jsonCarriesTheVerdictAndBothHashes() {
            cli.ledger.answer(TxNames.PROVENANCE_GET_MODEL_LINEAGE, lineageAnswer(model));

            cli.admin("model", "verify", model.cid(), "--json");

            Map<?, ?> json = (Map<?, ?>) CanonicalJson.parse(cli.out().strip());
            assertThat(json.get("verdict")).isEqualTo("OK");
            assertThat(json.get("blobSha256")).isEqualTo(model.sha256());
            assertThat(json.get("bytes")).isEqualTo((long) blob.length);
        }

        @Test
        void aCidTheLedgerDoesNotKnowIsRefused() {
            cli.ledger.fail(
                    TxNames.PROVENANCE_GET_MODEL_LINEAGE,
                    LedgerCli.refused("NOT_FOUND", "no global model " + model.cid() + " on the ledger"));

            assertThat(cli.admin("model", "verify", model.cid())).isEqualTo(ExitCodes.LEDGER_REFUSED);
            assertThat(cli.blobs.calls).isEmpty();
        }
    }

    private static String lineageAnswer(ContentRef model) {
        Map<String, Object> lineage = new TreeMap<>(LineageSamples.round2());
        lineage.put("model", model.toJson());
        return LineageSamples.answer(model.cid(), lineage);
    }
}
