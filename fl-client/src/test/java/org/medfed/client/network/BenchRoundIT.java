package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.network.LedgerJson.json;
import static org.medfed.client.network.LedgerJson.obj;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;

/**
 * {@code medfed bench round} on the real network, at CI's smoke size (issue 17: K = 10, P = 10^4, two rounds):
 * every round aggregates all K updates and every figure of the report is there and positive. And its Caliper
 * fixture: each submission it writes is accepted by the ledger when its identity submits it, as Caliper's
 * {@code round:submitUpdate} workload will.
 */
class BenchRoundIT {

    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("bench-round");

    private static final int K = 10;
    private static final List<String> ORGS = RealNetwork.ORGS;

    @TempDir
    Path dir;

    @Test
    void tenParticipantsRunTwoRoundsAndEveryFigureIsReported() throws Exception {
        MedfedCli.Run run =
                NET.cli("bench", "round", "--participants", "10", "--params", "10000", "--rounds", "2", "--json");
        System.out.println(run.err());
        System.out.println(run.out());

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(report.get("engine").getAsString()).isEqualTo(NetworkScripts.engine());
        assertThat(report.get("cores").getAsInt()).isPositive();
        assertThat(report.get("participants").getAsInt()).isEqualTo(K);
        assertThat(report.get("params").getAsInt()).isEqualTo(10_000);
        assertThat(report.get("rounds").getAsInt()).isEqualTo(2);
        JsonArray rounds = report.getAsJsonArray("perRound");
        assertThat(rounds).hasSize(2);
        for (var element : rounds) {
            JsonObject round = element.getAsJsonObject();
            assertThat(round.get("contributions").getAsInt())
                    .as("contributions")
                    .isEqualTo(K);
            assertThat(round.get("excluded").getAsInt()).as("excluded").isZero();
            for (String figure : List.of("uploadMs", "submitMs", "closeMs", "aggregateMs", "totalMs", "ledgerBytes")) {
                assertThat(round.get(figure).getAsDouble()).as(figure).isPositive();
            }
            for (String perOrg : List.of("chaincodePeakRssKiB", "kuboRepoBytes", "kuboRepoGrowthBytes")) {
                JsonObject values = round.getAsJsonObject(perOrg);
                assertThat(values.keySet()).as(perOrg).containsExactlyInAnyOrderElementsOf(ORGS);
                for (String org : ORGS) {
                    // Every organisation holds updates of its own participants each round (K = 10, round-robin).
                    assertThat(values.get(org).getAsLong())
                            .as(perOrg + " " + org)
                            .isPositive();
                }
            }
        }
        for (String median : List.of("uploadMs", "submitMs", "closeMs", "aggregateMs", "totalMs", "ledgerBytes")) {
            assertThat(report.getAsJsonObject("medians").get(median).getAsDouble())
                    .as("median " + median)
                    .isPositive();
        }

        String taskId = report.get("taskId").getAsString();
        Map<String, Object> task = json(NET.evaluate("Hospital", "admin", "task:getTask", taskId));
        assertThat(task.get("status")).isEqualTo("completed");
        assertThat(obj(task.get("spec")).get("quorum")).isEqualTo((long) K);
    }

    @Test
    void withRetentionEachRoundLeavesLessOnDiskThanItsOwnUpdates() throws Exception {
        MedfedCli.Run run = NET.cli(
                "bench",
                "round",
                "--participants",
                "10",
                "--params",
                "10000",
                "--rounds",
                "2",
                "--retention",
                "0",
                "--json");
        System.out.println(run.err());
        System.out.println(run.out());

        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        JsonObject report = JsonParser.parseString(run.out()).getAsJsonObject();
        assertThat(report.get("retentionKeepUpdatesRounds").getAsInt()).isZero();
        JsonObject growth = report.getAsJsonObject("medians").getAsJsonObject("kuboRepoGrowthBytes");
        // Hospital holds 4 of the 10 participants (round-robin): 4 updates of 40 kB a round without the policy.
        // Pruned after each aggregation, its node keeps the round's global model (40 kB) and little else.
        long ownUpdates = 4L * 10_000 * Float.BYTES;
        assertThat(growth.get("Hospital").getAsDouble())
                .as("Hospital's growth per round")
                .isLessThan(ownUpdates);
    }

    @Test
    void everySubmissionOfTheCaliperFixtureIsAcceptedFromItsIdentity() throws Exception {
        Path file = dir.resolve("fixture.json");
        MedfedCli.Run run = NET.cli(
                "bench",
                "round",
                "--participants",
                "4",
                "--params",
                "1000",
                "--caliper-fixture",
                file.toString(),
                "--tasks",
                "2");
        System.out.println(run.err());
        System.out.println(run.out());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);

        JsonObject fixture = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(fixture.keySet())
                .containsExactly("version", "engine", "params", "tasks", "identities", "submissions");
        assertThat(fixture.get("engine").getAsString()).isEqualTo(NetworkScripts.engine());
        JsonArray submissions = fixture.getAsJsonArray("submissions");
        assertThat(submissions).hasSize(8);
        Set<String> names = new HashSet<>();
        for (var identity : fixture.getAsJsonArray("identities")) {
            JsonObject o = identity.getAsJsonObject();
            names.add(o.get("name").getAsString());
            assertThat(Path.of(o.get("certPath").getAsString())).isRegularFile();
            assertThat(Path.of(o.get("keyPath").getAsString())).isRegularFile();
        }
        assertThat(names).hasSize(4);

        for (var element : submissions) {
            JsonObject submission = element.getAsJsonObject();
            String name = submission.get("identity").getAsString();
            Path profile = NET.dataDir().resolve("identities/" + name + "/profile.properties");
            Map<String, Object> record = json(NET.gateway(name, profile)
                    .submit("round:submitUpdate", submission.get("update").getAsString()));
            assertThat(record.get("txId")).isNotNull();
        }
        for (var taskId : fixture.getAsJsonArray("tasks")) {
            Map<String, Object> round =
                    json(NET.evaluate("Hospital", "admin", "round:getRound", taskId.getAsString(), "1"));
            assertThat(LedgerJson.list(round.get("submitted"))).hasSize(4);
        }
    }
}
