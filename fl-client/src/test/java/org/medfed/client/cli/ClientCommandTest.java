package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.node.ClientConfig;
import org.medfed.client.node.ExampleDeployment;
import org.medfed.client.participation.JournalEntry;
import org.medfed.client.participation.ParticipationJournal;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;

class ClientCommandTest {
    @TempDir
    Path root;

    private LedgerCli cli() throws Exception {
        return new LedgerCli(root);
    }

    @Test
    void statusOfANodeThatNeverRanSaysSoPerTask() throws Exception {
        Path config = ExampleDeployment.deploy(root, "client-hospital.yaml");
        LedgerCli cli = cli();

        int exit = cli.run("client", "status", "--config", config.toString());

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(cli.out())
                .contains("hospital (HospitalMSP)")
                .contains("heart-cleveland")
                .contains("- (never run)")
                .containsPattern("fed-heart-disease\\s+-\\s+not started");
    }

    @Test
    void statusShowsTheLatestRoundItsUpdateAndTheEpsilonAfterIt() throws Exception {
        Path config = ExampleDeployment.deploy(root, "client-hospital.yaml");
        Path work = ClientConfig.load(config).workDir();
        String sha = "b".repeat(64);
        UpdateSubmission submission = new UpdateSubmission(
                "fed-heart-disease",
                3,
                "heart-cleveland",
                "bafkreib2rxvmcdnrryhbqzpf7tqgxkpgr5s5vmw6sggcquwd3yyrxzh5tm",
                sha,
                530,
                240,
                "c".repeat(64),
                UpdateKind.FULL,
                new TreeMap<>(Map.of("epsilon", new BigDecimal("2.75"))),
                new DpUsage(new BigDecimal("0.1"), new BigDecimal("1.1"), 40, BigDecimal.ONE));
        ParticipationJournal.open(work)
                .record(new JournalEntry(
                        "fed-heart-disease",
                        3,
                        "c".repeat(64),
                        JournalEntry.Phase.SUBMITTED,
                        submission,
                        null,
                        Instant.parse("2026-11-28T08:00:00Z")));
        LedgerCli cli = cli();

        int exit = cli.run("client", "status", "--config", config.toString());
        int jsonExit = cli.run("client", "status", "--config", config.toString(), "--json");

        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(jsonExit).isEqualTo(ExitCodes.OK);
        assertThat(cli.out())
                .contains("\"epsilonAfter\":2.75")
                .contains("\"phase\":\"SUBMITTED\"")
                .contains("\"round\":3");
    }

    @Test
    void anInvalidConfigurationIsRefusedWithEveryProblemBeforeAnyConnection() throws Exception {
        Path config = ExampleDeployment.deploy(root, "client-hospital.yaml");
        Files.writeString(
                config,
                Files.readString(config)
                        .replace("role: hospital", "role: lab")
                        .replace("maxEpochs: 5", "maxEpochs: 0"));
        LedgerCli cli = cli();

        int exit = cli.run("client", "start", "--config", config.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("key 'role'").contains("maxEpochs").doesNotContain("Exception");
        assertThat(cli.opened).isEmpty();
    }

    @Test
    void aMissingConfigurationFileIsReportedWithoutAStackTrace() throws Exception {
        LedgerCli cli = cli();

        int exit =
                cli.run("client", "start", "--config", root.resolve("nope.yaml").toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("nope.yaml").doesNotContain("Exception").doesNotContain("\tat ");
    }
}
