package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.client.ExitCodes;
import picocli.CommandLine;

class SimulateCommandTest {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "data/breast_cancer_wisconsin_diagnostic.csv --label diagnosis",
                "data/heart_disease_uci_4sites.csv --label num --positive-at-least 1 --partition-by site",
                "data/heart_disease_uci_4sites.csv --label num --participants 3",
                "data/maternal_health_risk.csv --label RiskLevel --split dirichlet:1",
                "data/wearable_activity_older_adults.csv --label activity --test-fraction 0.9"
            })
    void simulatesEveryShippedTableWithoutAMappingOrCodeChanges(String args) {
        String[] parts = args.split(" ");
        List<String> command =
                new ArrayList<>(List.of("simulate", "--data", repo(parts[0]).toString()));
        command.addAll(List.of(parts).subList(1, parts.length));
        command.addAll(List.of("--rounds", "2", "--seeds", "1"));

        int exit = run(command.toArray(String[]::new));

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains(
                        "every figure below is from simulation",
                        "centralized (pooled)",
                        "local-only (mean of participants)",
                        "federated: fedavg",
                        "federated accuracy per round");
    }

    @Test
    void federatedWdbcLearnsAndReportsEveryMethodOnTheSameTestRows() {
        JsonObject json = json("--data", wdbc(), "--label", "diagnosis", "--rounds", "5", "--seeds", "1,2");

        assertThat(json.get("source").getAsString()).isEqualTo("simulation");
        assertThat(json.get("testRows").getAsInt()).isEqualTo(113);
        for (String method : List.of("centralized", "localOnly", "federated")) {
            assertThat(mean(json, method, "accuracy")).as(method).isGreaterThan(0.9);
        }
        assertThat(json.getAsJsonArray("federatedAccuracyPerRound")).hasSize(5);
    }

    @Test
    void theSameSeedsGiveTheSameFiguresAndOtherSeedsOtherOnes() {
        String[] args = {"--data", wdbc(), "--label", "diagnosis", "--rounds", "3", "--dp-epsilon", "3"};
        JsonObject first = json(concat(args, "--seeds", "4,5"));
        JsonObject again = json(concat(args, "--seeds", "4,5"));
        JsonObject other = json(concat(args, "--seeds", "6,7"));
        first.remove("seconds");
        again.remove("seconds");
        other.remove("seconds");

        assertThat(again).isEqualTo(first);
        assertThat(other.get("federated")).isNotEqualTo(first.get("federated"));
    }

    @Test
    void dpEpsilonPicksNoiseThatTheLedgersAccountantKeepsWithinTheTarget() {
        JsonObject json =
                json("--data", wdbc(), "--label", "diagnosis", "--rounds", "4", "--seeds", "1", "--dp-epsilon", "1");

        double spent = json.get("epsilonFederated").getAsDouble();
        assertThat(spent).isGreaterThan(0.8).isLessThanOrEqualTo(1.0);
        assertThat(json.get("epsilonCentralized").getAsDouble())
                .isGreaterThan(0.8)
                .isLessThanOrEqualTo(1.0);
        assertThat(json.get("noiseMultiplier").getAsDouble()).isGreaterThan(0.5);
    }

    @Test
    void aScalingAttackerUnderARobustStrategyLosesReputationWhileHonestOnesGain() {
        JsonObject json = json(
                "--data",
                wdbc(),
                "--label",
                "diagnosis",
                "--participants",
                "4",
                "--rounds",
                "4",
                "--seeds",
                "1",
                "--malicious",
                "1",
                "--attack",
                "scale:10",
                "--strategy",
                "trimmed-mean");

        JsonObject reputation = json.getAsJsonObject("reputationPerRound");
        JsonArray attacker = reputation.getAsJsonArray("p4");
        assertThat(attacker.get(3).getAsDouble()).isLessThan(0.2);
        for (String honest : List.of("p1", "p2", "p3")) {
            assertThat(reputation.getAsJsonArray(honest).get(3).getAsDouble())
                    .as(honest)
                    .isGreaterThan(0.5);
        }
        assertThat(json.getAsJsonArray("events").toString()).contains("REPUTATION_TOO_LOW");
        assertThat(mean(json, "federated", "accuracy")).isGreaterThan(0.9);
    }

    @Test
    void labelFlippingHurtsPlainFedAvg() {
        String[] args = {
            "--data", wdbc(), "--label", "diagnosis", "--participants", "4", "--rounds", "4", "--seeds", "1"
        };
        double clean = mean(json(args), "federated", "accuracy");
        double attacked =
                mean(json(concat(args, "--malicious", "2", "--attack", "label-flip")), "federated", "accuracy");

        assertThat(attacked).isLessThan(clean);
    }

    @Test
    void aBackdoorPlantedByModelReplacementUnderFedAvgIsReportedWithItsSuccess() {
        JsonObject json = json(
                "--data",
                wdbc(),
                "--label",
                "diagnosis",
                "--participants",
                "4",
                "--rounds",
                "3",
                "--seeds",
                "1",
                "--malicious",
                "1",
                "--attack",
                "backdoor");

        assertThat(json.getAsJsonArray("attackers").toString()).isEqualTo("[\"p4\"]");
        assertThat(json.getAsJsonObject("backdoorSuccess").get("mean").getAsDouble())
                .isGreaterThan(0.5);
        assertThat(json.getAsJsonArray("backdoorSuccessPerRound")).hasSize(3);
        assertThat(json.getAsJsonArray("lowestHonestReputationPerRound")).hasSize(3);
        assertThat(run(
                        "--data",
                        wdbc(),
                        "--label",
                        "diagnosis",
                        "--participants",
                        "4",
                        "--rounds",
                        "1",
                        "--seeds",
                        "1",
                        "--malicious",
                        "1",
                        "--attack",
                        "backdoor:2"))
                .isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("attackers (backdoor:2, trigger fractal_dimension_worst = 10", "boost 2): p4")
                .contains("backdoor success (federated)", "lowest honest reputation per round (any seed): 1: ");
    }

    @Test
    void gaussianAttackersDrawTheirNoiseFromTheSeed() {
        String[] args = {
            "--data",
            wdbc(),
            "--label",
            "diagnosis",
            "--participants",
            "4",
            "--rounds",
            "2",
            "--malicious",
            "1",
            "--attack",
            "gaussian:0.5"
        };
        JsonObject first = json(concat(args, "--seeds", "4"));
        JsonObject again = json(concat(args, "--seeds", "4"));
        JsonObject other = json(concat(args, "--seeds", "5"));
        first.remove("seconds");
        again.remove("seconds");
        other.remove("seconds");

        assertThat(again).isEqualTo(first);
        assertThat(other.get("reputationPerRound")).isNotEqualTo(first.get("reputationPerRound"));
        assertThat(first.has("backdoorSuccess")).isFalse();
    }

    @Test
    void unknownAttacksAndAnAlieWithoutAnHonestMajorityAreUsageErrors() {
        String[] args = {"--data", wdbc(), "--label", "diagnosis", "--participants", "4", "--rounds", "1"};

        assertThat(run(concat(args, "--malicious", "1", "--attack", "gaussian")))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown attack 'gaussian'", "sign-flip[:LAMBDA]");
        assertThat(run(concat(args, "--malicious", "3", "--attack", "alie"))).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("ALIE's z needs 1 ≤ f ≤ ⌊n/2⌋, got n 4, f 3");
    }

    @Test
    void dirichletSplitsSkewTheParticipantsWhereIidSplitsDoNot() {
        String[] args = {
            "--data",
            repo("data/maternal_health_risk.csv").toString(),
            "--label",
            "RiskLevel",
            "--participants",
            "4",
            "--rounds",
            "1",
            "--seeds",
            "3"
        };
        run(args);
        String iid = out.toString();
        run(concat(args, "--split", "dirichlet:0.3"));
        String skewed = out.toString();

        assertThat(sizes(iid).stream().mapToInt(Integer::intValue).max().getAsInt()
                        - sizes(iid).stream().mapToInt(Integer::intValue).min().getAsInt())
                .isLessThanOrEqualTo(1);
        assertThat(sizes(skewed).stream().mapToInt(Integer::intValue).max().getAsInt()
                        - sizes(skewed).stream()
                                .mapToInt(Integer::intValue)
                                .min()
                                .getAsInt())
                .isGreaterThan(50);
    }

    @Test
    void anUnknownLabelColumnIsAUsageErrorListingTheColumns() {
        int exit = run("simulate", "--data", wdbc(), "--label", "diagnosys");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("has no column 'diagnosys'", "radius_mean", "diagnosis");
    }

    @Test
    void binarisingANonNumericLabelIsAUsageError() {
        int exit = run(
                "simulate",
                "--data",
                repo("data/maternal_health_risk.csv").toString(),
                "--label",
                "RiskLevel",
                "--positive-at-least",
                "1");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("label 'RiskLevel' has non-numeric values");
    }

    @Test
    void aContinuousLabelIsRefusedWithAHint() {
        int exit = run("simulate", "--data", wdbc(), "--label", "area_mean");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("too many for classes", "--positive-at-least");
    }

    @Test
    void badSplitsStrategiesAndDropColumnsAreUsageErrors() {
        assertThat(run("simulate", "--data", wdbc(), "--label", "diagnosis", "--split", "dirichlet:x"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--split must be iid or dirichlet:ALPHA");
        assertThat(run("simulate", "--data", wdbc(), "--label", "diagnosis", "--strategy", "fedsgd"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("unknown strategy 'fedsgd'");
        assertThat(run("simulate", "--data", wdbc(), "--label", "diagnosis", "--drop", "nope"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--drop: ", "has no column 'nope'");
    }

    @Test
    void partitionByCannotBeCombinedWithADealtSplit() {
        int exit = run(
                "simulate",
                "--data",
                repo("data/heart_disease_uci_4sites.csv").toString(),
                "--label",
                "num",
                "--partition-by",
                "site",
                "--split",
                "dirichlet:1");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("cannot be combined with --participants or --split");
    }

    @Test
    void theTextShowsEveryParticipantsReputationPerRoundAndNamesTheAttackers() {
        String[] args = {"--data", wdbc(), "--label", "diagnosis", "--participants", "4", "--rounds", "2"};
        run(concat(args, "--seeds", "1"));
        String honest = out.toString();
        run(concat(args, "--seeds", "1", "--malicious", "1", "--attack", "scale:10"));
        String attacked = out.toString();

        for (String p : List.of("p1", "p2", "p3", "p4")) {
            assertThat(honest).containsPattern("\\nreputation of " + p + " per round: 1: 0\\.\\d{3} 2: 0\\.\\d{3}\\n");
        }
        assertThat(honest).doesNotContain("attacker");
        assertThat(attacked).contains("reputation of p1 per round: 1: ", "reputation of attacker p4 per round: 1: ");
    }

    private static List<Integer> sizes(String text) {
        String line = text.lines()
                .filter(l -> l.startsWith("participants "))
                .findFirst()
                .orElseThrow();
        List<Integer> sizes = new ArrayList<>();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("p\\d+ \\((\\d+)\\)").matcher(line);
        while (m.find()) {
            sizes.add(Integer.parseInt(m.group(1)));
        }
        assertThat(sizes).hasSize(4);
        return sizes;
    }

    private static double mean(JsonObject json, String method, String metric) {
        return json.getAsJsonObject(method).getAsJsonObject(metric).get("mean").getAsDouble();
    }

    private JsonObject json(String... args) {
        int exit = run(concat(concat(new String[] {"simulate"}, args), "--json"));
        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonElement parsed = JsonParser.parseString(out.toString());
        return parsed.getAsJsonObject();
    }

    private static String[] concat(String[] first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] full = args.length > 0 && args[0].equals("simulate") ? args : concat(new String[] {"simulate"}, args);
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(full);
    }

    private static String wdbc() {
        return repo("data/breast_cancer_wisconsin_diagnostic.csv").toString();
    }

    private static Path repo(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found");
    }
}
