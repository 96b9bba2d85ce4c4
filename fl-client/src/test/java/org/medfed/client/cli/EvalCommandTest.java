package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import picocli.CommandLine;

class EvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickEvalWritesTheResultsWithEveryChartItLinks() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute(
                "eval",
                "--quick",
                "--out",
                dir.toString(),
                "--data-root",
                repoRoot().toString());

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        String md = Files.readString(dir.resolve("results.md"));
        assertThat(md)
                .contains(
                        "**Every figure in this file is from simulation**",
                        "`--quick` smoke version",
                        "## WDBC: three participants",
                        "## Heart disease: four real hospitals",
                        "## Maternal health risk on wearable gateways",
                        "### Risk model for access decisions",
                        "## Non-IID sites: FedProx, SCAFFOLD and a shared subset against label skew",
                        "### Goal: maternal, Dirichlet(0.5), 3 gateways",
                        "| FedAvg, 3 gateways (Dirichlet 0.5) |",
                        "| local-only, worst gateway (Dirichlet 0.5) |",
                        "## Byzantine participants",
                        "### 3 of 10 attack",
                        "| backdoor | Multi-Krum (f 3, m 7) + reputation weighting |",
                        "## Where medfed falls short",
                        "## On the real network",
                        "| FedAvg + DP |",
                        "| local-only: cleveland",
                        "| local-only: switzerland",
                        "| pooled (centralized) |")
                .doesNotContain("NaN", "Infinity");
        Matcher links = Pattern.compile("\\]\\((results/[a-z-]+\\.png)\\)").matcher(md);
        int charts = 0;
        while (links.find()) {
            BufferedImage image = ImageIO.read(dir.resolve(links.group(1)).toFile());
            assertThat(image).as(links.group(1)).isNotNull();
            assertThat(image.getWidth()).isGreaterThan(100);
            charts++;
        }
        assertThat(charts).isEqualTo(9);
        assertThat(err.toString()).contains("eval: WDBC, 3 participants, no DP");
    }

    @Test
    void onlyRiskWritesTheRiskSubsectionAloneFromTheMaternalGatewaySimulations() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute(
                "eval",
                "--quick",
                "--only",
                "risk",
                "--out",
                dir.toString(),
                "--data-root",
                repoRoot().toString());

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        String md = Files.readString(dir.resolve("results-risk.md"));
        assertThat(md)
                .startsWith(
                        "### Risk model for access decisions\n\n_Written by `./medfed eval --only risk --quick` on ")
                .contains(
                        "### Risk model for access decisions",
                        "| risk model (simulation) | critical recall | accuracy |",
                        "| FedAvg, 3 gateways (IID) |",
                        "| local-only, mean of the 3 gateways (Dirichlet 0.5) |",
                        "| pooled (all gateways' rows in one place) |")
                .doesNotContain("## WDBC", "NaN");
        assertThat(err.toString())
                .contains("eval: maternal, 3 gateways, Dirichlet 0.5")
                .doesNotContain("WDBC");
        assertThat(dir.resolve("results.md")).doesNotExist();
    }

    @Test
    void onlyNoniidWritesTheNonIidSectionAloneWithItsChartsAndComparisons() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute(
                "eval",
                "--quick",
                "--only",
                "noniid",
                "--out",
                dir.toString(),
                "--data-root",
                repoRoot().toString());

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        String md = Files.readString(dir.resolve("results-noniid.md"));
        assertThat(md)
                .startsWith("## Non-IID sites: FedProx, SCAFFOLD and a shared subset against label skew\n\n"
                        + "_Written by `./medfed eval --only noniid --quick` on ")
                .contains(
                        "### Maternal health risk",
                        "### WDBC",
                        "| arm (simulation), 3 sites | α 0.3 accuracy | α 0.3 worst site F1 |",
                        "| FedProx μ 0.1 |",
                        "| pooled (bound) |",
                        "| FedAvg, IID sites (bound) |",
                        "Goal (best federated arm within 1 point of pooled): **",
                        "- Maternal, Dirichlet(0.5), 3 gateways, FedAvg: ")
                .doesNotContain("## WDBC: three participants", "NaN", "Infinity");
        for (String chart : new String[] {"noniid-maternal.png", "noniid-wdbc.png"}) {
            assertThat(md).contains("](results/" + chart + ")");
            assertThat(ImageIO.read(dir.resolve("results").resolve(chart).toFile()))
                    .isNotNull();
        }
        assertThat(err.toString())
                .contains("eval: non-IID WDBC, 3 sites, Dirichlet 0.3")
                .doesNotContain("poison");
        assertThat(dir.resolve("results.md")).doesNotExist();
    }

    @Test
    void evalOutsideTheRepositoryIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("eval", "--quick", "--out", dir.toString(), "--data-root", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no data/ directory under");
    }

    @Test
    void onlyTheAccessStreamRewritesItsSectionAndLeavesTheRest() throws Exception {
        Files.writeString(
                dir.resolve("results.md"),
                "# Results\n\n## Maternal\n\nkept\n\n## Access decisions from a scripted request stream\n\n"
                        + "stale\n\n## Where medfed falls short\n\nkept too\n");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute(
                "eval",
                "--only",
                "access-stream",
                "--quick",
                "--out",
                dir.toString(),
                "--data-root",
                repoRoot().toString());

        assertThat(exit).as(err.toString()).isEqualTo(ExitCodes.OK);
        String md = Files.readString(dir.resolve("results.md"));
        assertThat(md)
                .startsWith("# Results\n\n## Maternal\n\nkept\n\n## Access decisions from a scripted request stream\n")
                .contains("Written by `./medfed eval --only access-stream --quick`", "unmatched: 0")
                .doesNotContain("stale", "NaN")
                .endsWith("## Where medfed falls short\n\nkept too\n");
        assertThat(err.toString()).contains("eval: access stream, 200 requests");
    }

    @Test
    void anUnknownSectionIsAUsageError() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MedfedCommand(), ServiceFactory.real());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute(
                "eval",
                "--only",
                "wdbc",
                "--out",
                dir.toString(),
                "--data-root",
                repoRoot().toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString())
                .contains("--only wdbc is not a section; use risk, noniid, access-stream or byzantine");
        assertThat(dir.resolve("results.md")).doesNotExist();
    }

    private static Path repoRoot() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isDirectory(d.resolve("data")) && Files.exists(d.resolve("fl-client"))) {
                return d;
            }
        }
        throw new IllegalStateException("repository root not found");
    }
}
