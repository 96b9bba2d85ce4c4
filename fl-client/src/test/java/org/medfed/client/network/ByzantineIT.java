package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.client.network.LedgerRetry.withRetry;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.ledger.ReputationLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.sim.UpdateAttacks;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.aggregation.VectorSource;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;

/**
 * A Byzantine participant on the real network (issue 18): four participants (the three organisations' User1 and a
 * second Hospital identity) in a Multi-Krum task (f 0, m 3) with reputation weighting. In each of rounds 1 to 3 the
 * honest participants submit updates that share one direction (plus their own noise), each added to its own
 * organisation's Kubo node; the Wearable's User1 submits the sign flip of such an update
 * ({@link UpdateAttacks#signFlipped}, λ 1), added to the Wearable's Kubo node, over its own gateway. Each round is
 * aggregated with all three organisations endorsing:
 * <ul>
 *   <li>the recorded model is fl-common's Multi-Krum of the four updates with the reputations they were submitted
 *       with, bit for bit, and Multi-Krum left the attacker's update out;</li>
 *   <li>the attacker's quality is below every honest participant's, its reputation falls every round and is below
 *       the task's exclusion threshold after round 3, while no honest reputation falls;</li>
 *   <li>round 4 refuses the attacker's update ({@code REPUTATION_TOO_LOW});</li>
 *   <li>{@code medfed verify round} (picocli, the Clinic's profile) recomputes rounds 1 to 3 and prints OK.</li>
 * </ul>
 */
class ByzantineIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("byzantine");

    private static final String TASK = "byz";
    private static final int PARAMETERS = 23;
    private static final long ATTACKED_ROUNDS = 3;
    private static final String ATTACKER = "Wearable";
    private static final StrategySpec KRUM = new StrategySpec(
            Strategies.MULTI_KRUM,
            new TreeMap<>(
                    Map.of("f", BigDecimal.ZERO, "m", BigDecimal.valueOf(3), "reputationWeighted", BigDecimal.ONE)));

    /** A participant: its name, organisation (whose Kubo node holds its updates), gateway and registered rows. */
    private record Member(String name, String org, GatewayConnection gateway, String id, int rows) {
        String dataset() {
            return name.toLowerCase() + "-byz";
        }
    }

    @Test
    void aSignFlippingParticipantIsLeftOutOfEveryAggregateAndExcludedWhileHonestReputationsHold() throws Exception {
        long start = System.nanoTime();
        List<Member> members = register();
        Member attacker = members.get(members.size() - 1);
        float[] global = weights(new Random(5), 0.5f);
        ContentRef initial = NET.addEverywhere(FloatVectorCodec.encode(global));
        TaskSpec spec = RealNetwork.smallTask(
                TASK,
                "A Byzantine participant on the real network",
                initial,
                ATTACKED_ROUNDS + 1,
                600,
                KRUM,
                members.stream().map(Member::id).toList(),
                members.stream().map(Member::dataset).toList());
        LedgerJson.json(withRetry(() -> NET.submit("Hospital", "admin", "task:createTask", spec.toJson())));

        Map<String, List<BigDecimal>> reputation = new LinkedHashMap<>();
        members.forEach(m -> reputation.put(m.name(), new ArrayList<>(List.of(score(m)))));
        for (long round = 1; round <= ATTACKED_ROUNDS; round++) {
            awaitRound(round, "open");
            List<WeightedUpdate> updates = new ArrayList<>();
            float[] direction = weights(new Random(round), 0.05f);
            for (Member m : members) {
                float[] honest = honestUpdate(
                        global, direction, new Random(round * 31 + m.name().hashCode()));
                float[] values = m == attacker ? UpdateAttacks.signFlipped(global, honest, 1) : honest;
                submit(m, round, global, values);
                updates.add(WeightedUpdate.of(m.id(), UpdateKind.FULL, m.rows(), score(m), VectorSource.of(values)));
            }
            long r = round;
            LedgerJson.json(withRetry(() -> NET.submit("Clinic", "user1", "round:closeRound", TASK, r)));
            awaitRound(round, "closed");

            AggregationResult expected = Strategies.fromSpec(KRUM).aggregate(global, updates);
            Map<String, Object> aggregation = LedgerJson.obj(LedgerJson.json(AggregationIT.endorsedBy(
                                    NET, TASK, "Clinic", round, "HospitalMSP", "ClinicMSP", "WearableMSP")
                            .result())
                    .get("aggregation"));
            ContentRef model = ContentRef.fromJson(LedgerJson.obj(aggregation.get("globalModel")));
            assertThat(expected.stats().selected()).as("Multi-Krum's choice").doesNotContain(attacker.id());
            assertThat(expected.stats().selected()).hasSize(3);
            assertThat(model.sha256())
                    .as("round %d: the recorded model is Multi-Krum's without the attacker", round)
                    .isEqualTo(Hashing.sha256Hex(FloatVectorCodec.encode(expected.model())));
            Map<String, BigDecimal> quality = qualities(aggregation);
            for (Member m : members) {
                if (m != attacker) {
                    assertThat(quality.get(attacker.id()))
                            .as("round %d: the attacker's quality against %s's", round, m.name())
                            .isLessThan(quality.get(m.id()));
                }
            }
            awaitRound(round, "aggregated");
            members.forEach(m -> reputation.get(m.name()).add(score(m)));
            System.out.printf("[byzantine] round %d: qualities %s, reputations %s%n", round, quality, reputation);
            global = FloatVectorCodec.decode(NET.cat("Hospital", model.cid()), PARAMETERS);
        }

        for (var entry : reputation.entrySet()) {
            List<BigDecimal> scores = entry.getValue();
            for (int i = 1; i < scores.size(); i++) {
                if (entry.getKey().equals(attacker.name())) {
                    assertThat(scores.get(i))
                            .as("the attacker's reputation after round %d", i)
                            .isLessThan(scores.get(i - 1));
                } else {
                    assertThat(scores.get(i))
                            .as("%s's reputation after round %d", entry.getKey(), i)
                            .isGreaterThanOrEqualTo(scores.get(i - 1));
                }
            }
        }
        var view = new ReputationLedger(attacker.gateway())
                .get(TASK, attacker.id())
                .value();
        assertThat(view.excluded())
                .as("after %d rounds at %s", ATTACKED_ROUNDS, view.score().score())
                .isTrue();
        assertThat(view.score().score()).isLessThan(view.threshold());

        awaitRound(ATTACKED_ROUNDS + 1, "open");
        float[] next = global;
        assertThatThrownBy(() -> submit(attacker, ATTACKED_ROUNDS + 1, next, UpdateAttacks.signFlipped(next, next, 1)))
                .isInstanceOfSatisfying(
                        MedfedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REPUTATION_TOO_LOW.name()));

        for (long round = 1; round <= ATTACKED_ROUNDS; round++) {
            MedfedCli.Run run = NET.cli("verify", "round", TASK, Long.toString(round), "--profile", "clinic-user1");
            System.out.printf(
                    "[verify] round %d (exit %d): %s%s%n",
                    round, run.exit(), run.out().strip(), run.err());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out())
                    .startsWith("OK  round " + round + " of task " + TASK)
                    .contains("from 4 updates");
        }
        System.out.printf(
                "[byzantine] %d attacked rounds, the refusal and verify in %d s after the network was up%n",
                ATTACKED_ROUNDS, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    /** The three organisations' User1 and a second Hospital identity, each with a dataset; the attacker last. */
    private static List<Member> register() throws Exception {
        List<Member> members = new ArrayList<>();
        Path second = new ExtraIdentities(NET).issueClient("Hospital", "Hospital2");
        GatewayConnection hospital2 = NET.gateway("hospital-hospital2", second);
        ConnectionProfile profile = ConnectionProfile.load(second);
        String id = (String) LedgerJson.json(withRetry(() -> NET.submit(
                        "Hospital",
                        "admin",
                        "participant:registerParticipant",
                        profile.mspId(),
                        RealNetwork.subject(profile),
                        "hospital",
                        "Hospital second site")))
                .get("id");
        Member extra = new Member("Hospital2", "Hospital", hospital2, id, 90);
        withRetry(() -> hospital2.submit(
                "dataset:registerDataset",
                RealNetwork.arguments(registration(extra).toJson())));
        members.add(extra);
        Map<String, Integer> rows = Map.of("Hospital", 120, "Clinic", 80, "Wearable", 100);
        for (String org : List.of("Hospital", "Clinic", ATTACKER)) {
            Member placeholder = new Member(org, org, NET.gateway(org, "user1"), null, rows.get(org));
            String participant = NET.registerDataHolder(org, registration(placeholder));
            members.add(new Member(org, org, placeholder.gateway(), participant, rows.get(org)));
        }
        return members;
    }

    private static DatasetRegistration registration(Member m) {
        return new DatasetRegistration(
                m.dataset(),
                new DatasetSchema(List.of(
                                new DatasetSchema.Column("heart_rate", "float"),
                                new DatasetSchema.Column("sepsis", "int")))
                        .fingerprint(),
                m.rows(),
                Hashing.sha256Hex(m.name().getBytes(UTF_8)),
                "archive",
                "broad consent",
                "consortium-internal");
    }

    /** {@code values} added to the member's organisation's Kubo node and submitted over its own gateway. */
    private static void submit(Member m, long round, float[] global, float[] values) throws Exception {
        BlobRef added;
        try (KuboBlobStore kubo = NET.kubo(m.org())) {
            added = kubo.add(FloatVectorCodec.encode(values));
        }
        UpdateSubmission update = new UpdateSubmission(
                TASK,
                round,
                m.dataset(),
                added.cid(),
                added.sha256Hex(),
                PARAMETERS,
                m.rows(),
                Hashing.sha256Hex(FloatVectorCodec.encode(global)),
                UpdateKind.FULL,
                new TreeMap<>(Map.of("auc", new BigDecimal("0.8"))),
                RealNetwork.DP_USED);
        withRetry(() -> {
            new RoundLedger(m.gateway()).submitUpdate(update);
            return new byte[0];
        });
    }

    /** An honest participant's model: the global model moved along the round's shared direction, plus its noise. */
    private static float[] honestUpdate(float[] global, float[] direction, Random noise) {
        float[] values = new float[global.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = global[i] + direction[i] + (float) (noise.nextGaussian() * 0.01);
        }
        return values;
    }

    private static BigDecimal score(Member m) {
        try {
            return new ReputationLedger(m.gateway())
                    .get(TASK, m.id())
                    .value()
                    .score()
                    .score();
        } catch (MedfedException e) {
            throw new AssertionError("reputation of " + m.name() + ": " + e.describe(), e);
        }
    }

    private static Map<String, BigDecimal> qualities(Map<String, Object> aggregation) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (Object c : (List<?>) aggregation.get("contributions")) {
            Map<String, Object> contribution = LedgerJson.obj(c);
            out.put(
                    (String) contribution.get("participantId"),
                    new BigDecimal(contribution.get("qualityScore").toString()));
        }
        return out;
    }

    private static void awaitRound(long round, String status) throws Exception {
        NET.awaitOnEveryPeer(
                "round " + round + " of " + TASK + " " + status,
                "round:getRound",
                view -> status.equals(LedgerJson.obj(view.get("round")).get("status")),
                TASK,
                round);
    }

    private static float[] weights(Random random, float scale) {
        float[] w = new float[PARAMETERS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * scale);
        }
        return w;
    }
}
