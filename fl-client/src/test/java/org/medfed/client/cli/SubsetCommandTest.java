package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.WarmUpSpec;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.secagg.X25519;
import org.medfed.common.subset.MemberKeyRecord;
import org.medfed.common.subset.MemberKeys;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.SubsetShareStatus;
import org.medfed.common.subset.WarmUpRecord;
import org.medfed.common.subset.WarmUpRequest;

class SubsetCommandTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path root;

    private LedgerCli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
    }

    private static SharedSubsetSpec spec() {
        return new SharedSubsetSpec(
                List.of("ds-clinic", "ds-hospital"),
                20,
                new BigDecimal("0.05"),
                new BigDecimal("0.5"),
                "broad consent",
                new WarmUpSpec(50, new BigDecimal("0.1")));
    }

    @Test
    void keyWritesAnOwnerOnlyFileAndPrintsItsPublicKeyWithoutTheLedger() throws Exception {
        Path file = root.resolve("keys").resolve("subset.key");

        int exit = cli.run("subset", "key", "--out", file.toString());

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        byte[] privateKey = MemberKeys.read(file);
        assertThat(privateKey).hasSize(X25519.KEY_BYTES);
        assertThat(cli.out().strip()).isEqualTo(MemberKeys.publicKeyBase64(privateKey));
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void keyNeverReplacesAnExistingFile() throws Exception {
        Path file = root.resolve("subset.key");
        Files.writeString(file, "an older key\n");

        int exit = cli.run("subset", "key", "--out", file.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("already exists").contains("never replaced");
        assertThat(Files.readString(file)).isEqualTo("an older key\n");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void argumentErrorsAreUsageErrorsBeforeAnyConnection() {
        assertThat(cli.run("subset", "key")).as(cli.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("Missing required option: '--out=FILE'");
        assertThat(cli.admin("subset", "decline", "sepsis", "ds-hospital")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--reason");
        assertThat(cli.admin("subset", "contribute", "sepsis", "ds-hospital", "--csv", "x.csv", "--mapping", "m.json"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--consent");
        assertThat(cli.admin("subset", "show")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.admin("subset", "frobnicate")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.ledger.calls).isEmpty();
        assertThat(cli.opened).isEmpty();
    }

    @Test
    void registerKeySubmitsThePublicHalfOfTheKeyFile() throws Exception {
        Path file = root.resolve("subset.key");
        X25519.KeyMaterial key = MemberKeys.generate(new java.security.SecureRandom());
        MemberKeys.write(file, key.privateScalar32());
        String publicKey = MemberKeys.publicKeyBase64(key.privateScalar32());
        cli.ledger.answer(
                TxNames.SUBSET_SET_MEMBER_KEY,
                CanonicalJson.encode(new MemberKeyRecord("HospitalMSP", publicKey, Samples.sha("admin"), T).toJson()));

        int exit = cli.admin("subset", "register-key", "--key", file.toString());

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        ScriptedLedger.Call call = cli.onlyCall();
        assertThat(call.intent()).isEqualTo("submit");
        assertThat(call.transaction()).isEqualTo("subset:setMemberKey");
        assertThat(call.args()).containsExactly(publicKey);
        assertThat(cli.field("organisation")).isEqualTo("HospitalMSP");
    }

    @Test
    void registerKeyRefusesAMissingOrOpenKeyFileBeforeTheLedger() throws Exception {
        assertThat(cli.admin(
                        "subset",
                        "register-key",
                        "--key",
                        root.resolve("none.key").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("no subset key");

        Path open = root.resolve("open.key");
        Files.writeString(open, MemberKeys.publicKeyBase64(new byte[32]) + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(cli.admin("subset", "register-key", "--key", open.toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("chmod 600");
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void declineSubmitsTaskDatasetAndReason() {
        cli.ledger.answer(
                TxNames.SUBSET_DECLINE_ROWS,
                CanonicalJson.encode(new SubsetShare(
                                "sepsis",
                                "ds-hospital",
                                Samples.sha("holder"),
                                SubsetShareStatus.DECLINED,
                                null,
                                "too few rows",
                                T,
                                "tx1")
                        .toJson()));

        int exit = cli.admin("subset", "decline", "sepsis", "ds-hospital", "--reason", "too few rows");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall().args()).containsExactly("sepsis", "ds-hospital", "too few rows");
        assertThat(cli.out()).contains("dataset ds-hospital declined task sepsis's subset");
    }

    @Test
    void showListsEveryContributorAndTheWarmUp() {
        Map<String, Object> view = new TreeMap<>();
        view.put("taskId", "sepsis");
        view.put("spec", spec().toJson());
        view.put("status", "warmed");
        view.put("classTotals", List.of(0L, 0L));
        List<Map<String, Object>> shares = new ArrayList<>();
        Map<String, Object> pending = new TreeMap<>();
        pending.put("datasetId", "ds-clinic");
        pending.put("status", "pending");
        pending.put("share", null);
        shares.add(pending);
        Map<String, Object> declined = new TreeMap<>();
        declined.put("datasetId", "ds-hospital");
        declined.put("status", "declined");
        declined.put(
                "share",
                new SubsetShare(
                                "sepsis",
                                "ds-hospital",
                                Samples.sha("holder"),
                                SubsetShareStatus.DECLINED,
                                null,
                                "too few rows",
                                T,
                                "tx1")
                        .toJson());
        shares.add(declined);
        view.put("shares", shares);
        WarmUpRecord warm = new WarmUpRecord(
                new WarmUpRequest("sepsis", Samples.ref("warm"), List.of(), List.of(), List.of(0L, 0L)),
                Samples.ref("initial"),
                Samples.sha("recorder"),
                T,
                "tx9");
        view.put("warmUp", warm.toJson());
        cli.ledger.answer(TxNames.SUBSET_GET_SUBSET, CanonicalJson.encode(view));

        int exit = cli.admin("subset", "show", "sepsis");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall().intent()).isEqualTo("evaluate");
        assertThat(cli.field("status")).isEqualTo("warmed");
        assertThat(cli.field("rows per class")).isEqualTo("20 (beta 0.05, alpha 0.5)");
        assertThat(cli.out())
                .contains("ds-clinic")
                .contains("pending")
                .contains("too few rows")
                .contains("warm-up: " + Samples.ref("warm").cid())
                .contains("(tx tx9)");
    }

    @Test
    void warmUpSubmitsTheAggregatorsTransaction() {
        WarmUpRecord warm = new WarmUpRecord(
                new WarmUpRequest("sepsis", Samples.ref("warm"), List.of("ds-hospital"), List.of(), List.of(3L, 2L)),
                Samples.ref("initial"),
                Samples.sha("recorder"),
                T,
                "tx9");
        cli.ledger.answer(TxNames.AGGREGATOR_WARM_UP, CanonicalJson.encode(Map.of("warmUp", warm.toJson())));

        int exit = cli.admin("subset", "warm-up", "sepsis");

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall().transaction()).isEqualTo("aggregator:warmUp");
        assertThat(cli.out())
                .contains("task sepsis warmed up: " + Samples.ref("warm").cid() + " on 5 rows [3, 2]");
    }
}
