package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.federation.FederationMember;
import org.medfed.client.federation.FederationOptions;
import org.medfed.client.federation.FederationPlan;
import org.medfed.client.federation.LocalFederation;
import org.medfed.client.federation.NodeProcesses;
import org.medfed.client.federation.SubsetPlan;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.ledger.SubsetView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.WarmUpSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.subset.MemberKeyRecord;
import org.medfed.common.subset.MemberKeys;
import org.medfed.common.subset.SubsetCipher;
import org.medfed.common.subset.SubsetContribution;
import org.medfed.common.subset.SubsetRows;
import org.medfed.common.subset.WarmUpInput;
import org.medfed.common.subset.WarmUpRecomputation;
import org.medfed.common.subset.WarmUpRecord;

/**
 * Issue 15 on the real network: a two-stage task. Each organisation's admin registers the member key its chaincode
 * server holds; the three holders contribute their share of a 5 % subset, sealed to every organisation, from the
 * training rows their nodes train on. Three client nodes (separate processes) find the subset ready, one runs the
 * warm-up, which every endorsing organisation recomputes from the sealed rows, and round 1 opens from the warm
 * model; stage 2 trains each site on its rows plus a share α of the subset. A member recomputes the warm-up from the
 * ledger's input and its own Kubo node and gets the recorded bytes. A second task provokes the subset's refusals
 * over the gateway, then every holder declines it and its warm-up keeps the initial model.
 */
class SubsetIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("subset");

    private static final String TASK = "wdbc-two-stage";
    private static final String CONSENT = "patients consented to sharing de-identified rows with consortium members";
    private static NodeProcesses nodes;

    @AfterAll
    static void stopNodes() throws InterruptedException {
        if (nodes != null) {
            nodes.stopAll(Duration.ofSeconds(30));
        }
    }

    @Test
    void holdersShareASubsetTheLedgerWarmsUpOnAndNodesTrainStageTwo() throws Exception {
        List<FederationMember> members =
                FederationMember.localNetwork(NET.dataDir().resolve("profiles"), "wdbc");
        FederationOptions options = FederationOptions.wdbcDemo(TASK).withRounds(2);
        FederationPlan plan = new LocalFederation(
                        GatewayConnection::open,
                        KuboBlobStore::new,
                        (level, message) -> System.out.println("[setup] " + message))
                .withSharedSubset(new SubsetPlan(
                        new BigDecimal("0.05"),
                        new BigDecimal("0.5"),
                        CONSENT,
                        new WarmUpSpec(20, new BigDecimal("0.5"))))
                .setUp(
                        members,
                        NET.root().resolve("data/breast_cancer_wisconsin_diagnostic.csv"),
                        NET.root().resolve("fl-client/src/main/resources/examples/mapping-wdbc.json"),
                        "diagnosis",
                        options,
                        NET.dataDir().resolve("federation"));
        GatewayConnection hospital = NET.gateway("Hospital", "admin");
        SubsetLedger subsets = new SubsetLedger(hospital);
        SharedSubsetSpec subset = plan.task().subset().orElseThrow();

        SubsetView ready = subsets.subset(TASK).value();
        assertThat(ready.status()).isEqualTo(SubsetView.READY);
        assertThat(ready.classTotals())
                .as("every class has the rows the subset asks for")
                .containsOnly(subset.rowsPerClass());
        assertThat(ready.contributions())
                .allSatisfy(c -> assertThat(c.wrappedKeys().keySet())
                        .containsExactly("ClinicMSP", "HospitalMSP", "WearableMSP"));
        Ledgerside.refused(
                ErrorCode.SUBSET_NOT_WARMED, () -> new RoundLedger(NET.gateway("Clinic", "user1")).close(TASK, 1));

        nodes = new NodeProcesses(NET.logDir(), NET.cliJar().toString());
        for (FederationMember member : members) {
            nodes.start(member.org(), plan.configs().get(member.org()));
        }
        Task done = Ledgerside.waitFor(
                () -> new TaskLedger(hospital).get(TASK).value(),
                task -> task.status() == TaskStatus.COMPLETED,
                Duration.ofMinutes(10),
                "the two-stage task to complete",
                NET.logDir());
        nodes.stopAll(Duration.ofSeconds(30));

        WarmUpRecord warmUp = subsets.subset(TASK).value().warmUp();
        assertThat(warmUp).as("the warm-up record").isNotNull();
        assertThat(warmUp.request().used())
                .containsExactlyElementsOf(plan.task().admittedDatasets());
        assertThat(warmUp.request().excluded()).isEmpty();
        assertThat(warmUp.request().warmModel())
                .isNotEqualTo(plan.task().model().initialModel());
        RoundView first = new RoundLedger(hospital).get(TASK, 1).value();
        assertThat(first.round().baseModel())
                .as("round 1 starts from the warm model")
                .isEqualTo(warmUp.request().warmModel());
        assertThat(first.round().accepted()).hasSizeGreaterThanOrEqualTo(2);
        System.out.printf(
                "[warm-up] %s on %d rows %s (tx %s); task %s after %d rounds%n",
                warmUp.request().warmModel().cid(),
                warmUp.request().rows(),
                warmUp.request().classCounts(),
                warmUp.txId(),
                done.status().wire(),
                done.currentRound());
        for (FederationMember member : members) {
            assertThat(Files.readString(nodes.log(member.org()), UTF_8))
                    .as("%s's node trained stage 2 on its rows plus shared rows", member.org())
                    .contains("rows of the shared subset (stage 2)");
        }

        // A member recomputes stage 1 from the ledger's input, its own key and its own Kubo node.
        WarmUpInput input = subsets.warmUpInput(TASK).value();
        KuboBlobStore kubo = new KuboBlobStore(members.get(1).user().ipfsApi());
        WarmUpRecomputation.Outcome again = new WarmUpRecomputation(
                        (cid, max) -> {
                            try {
                                return new ByteArrayInputStream(kubo.cat(cid, max));
                            } catch (BlobStoreException e) {
                                throw new IOException(e.getMessage(), e);
                            }
                        },
                        "ClinicMSP",
                        MemberKeys.read(NET.dataDir().resolve("subset/clinic.key")))
                .warmUp(input);
        assertThat(again.sha256())
                .as("the Clinic's recomputation of the warm-up")
                .isEqualTo(warmUp.request().warmModel().sha256());
        Ledgerside.refused(
                ErrorCode.TASK_NOT_ACTIVE,
                () -> new SubsetLedger(NET.gateway("Hospital", "user1")).decline(TASK, "wdbc-hospital", "too late"));

        provokeRefusals(plan.task());
    }

    /** A second two-stage task, nobody contributing yet: the refusals of contributions and of an early warm-up. */
    private static void provokeRefusals(TaskSpec trained) throws Exception {
        String second = TASK + "-refusals";
        TaskSpec spec = trained.with(second, trained.dp());
        GatewayConnection admin = NET.gateway("Hospital", "admin");
        new TaskLedger(admin).create(spec);
        SubsetLedger asHospital = new SubsetLedger(NET.gateway("Hospital", "user1"));
        Ledgerside.refused(ErrorCode.SUBSET_NOT_READY, () -> asHospital.warmUp(second));
        long perClass = spec.subset().orElseThrow().rowsPerClass();
        Ledgerside.refused(
                ErrorCode.CONSENT_MISMATCH,
                () -> asHospital.contribute(contribution(spec, List.of(1L, 1L), "something else", true)));
        Ledgerside.refused(
                ErrorCode.SUBSET_CLASS_FULL,
                () -> asHospital.contribute(contribution(spec, List.of(perClass + 1, 1L), CONSENT, true)));
        Ledgerside.refused(
                ErrorCode.WRAPPED_KEYS_MISMATCH,
                () -> asHospital.contribute(contribution(spec, List.of(1L, 1L), CONSENT, false)));
        // every holder declines: the warm-up keeps the initial model and the task trains on in one stage
        for (String org : List.of("Hospital", "Clinic", "Wearable")) {
            new SubsetLedger(NET.gateway(org, "user1"))
                    .decline(second, "wdbc-" + org.toLowerCase(java.util.Locale.ROOT), "not for this study");
        }
        WarmUpRecord kept = asHospital.warmUp(second).value();
        assertThat(kept.request().warmModel()).isEqualTo(spec.model().initialModel());
        Ledgerside.refused(ErrorCode.SUBSET_CLOSED, () -> asHospital.decline(second, "wdbc-hospital", "too late"));
        TaskSpec plain = trained.with(TASK + "-plain", trained.dp()).withSharedSubset(null);
        new TaskLedger(admin).create(plain);
        Ledgerside.refused(ErrorCode.NO_SHARED_SUBSET, () -> asHospital.subset(plain.id()));
    }

    /** Rows of the given class counts sealed to every member ({@code everyMember}) or to the Hospital alone. */
    private static SubsetContribution contribution(
            TaskSpec spec, List<Long> counts, String consent, boolean everyMember) throws Exception {
        String taskId = spec.id();
        int rows = (int) counts.stream().mapToLong(Long::longValue).sum();
        float[][] x = new float[rows][(int) spec.model().inputs()];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i < counts.get(0) ? 0 : 1;
        }
        byte[] plain = SubsetRows.encode(x, y, 2);
        Map<String, byte[]> members = new TreeMap<>();
        for (MemberKeyRecord key :
                new SubsetLedger(NET.gateway("Hospital", "admin")).memberKeys().value()) {
            if (everyMember || key.mspId().equals("HospitalMSP")) {
                members.put(key.mspId(), key.publicKeyBytes());
            }
        }
        SubsetCipher.Sealed sealed = SubsetCipher.seal(plain, taskId, "wdbc-hospital", members, new SecureRandom());
        String sha256 = Hashing.sha256Hex(sealed.blob());
        return new SubsetContribution(
                taskId,
                "wdbc-hospital",
                org.medfed.common.codec.Cids.rawLeafCidV1FromSha256Hex(sha256),
                sha256,
                Hashing.sha256Hex(plain),
                counts,
                consent,
                sealed.ephemeralPublicKey(),
                sealed.wrappedKeys());
    }
}
