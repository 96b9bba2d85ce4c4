package org.medfed.client.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederationCostsTest {
    @TempDir
    Path dir;

    private Path log(String name, String... lines) throws Exception {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void takesTheMedianOfEachPhaseOverTheNodesPerRoundOfItsTaskOnly() throws Exception {
        Path a = log(
                "a.log",
                "2026-11-28T08:24:21Z INFO t1 round 1: SUBMITTED (update bafk1); ms {download=10, train=300, upload=5, submit=400}",
                "2026-11-28T08:24:30Z INFO other round 1: SUBMITTED (update bafk9); ms {download=999, train=999, upload=999, submit=999}",
                "2026-11-28T08:24:40Z INFO t1 round 2: ALREADY_SUBMITTED (the ledger lists this node's update)");
        Path b = log(
                "b.log",
                "2026-11-28T08:24:22Z INFO t1 round 1: SUBMITTED (update bafk2); ms {download=30, train=100, upload=7, submit=200}");
        Path c = log(
                "c.log",
                "2026-11-28T08:24:23Z INFO t1 round 1: SUBMITTED (update bafk3); ms {download=20, train=200, upload=6, submit=300}");

        FederationCosts.Costs costs = FederationCosts.measure(List.of(a, b, c, dir.resolve("missing.log")), "t1");

        assertThat(costs.phases()).singleElement().satisfies(p -> {
            assertThat(p.round()).isEqualTo(1);
            assertThat(p.medianMillis())
                    .isEqualTo(Map.of("download", 20L, "train", 200L, "upload", 6L, "submit", 300L));
        });
    }

    @Test
    void aSecureRoundAddsTheKeysSharesAndRevealStepsToItsRound() throws Exception {
        Path a = log(
                "a.log",
                "2026-12-06T08:00:01Z INFO t1 round 1: KEYS_POSTED (keys posted); ms {keys=150}",
                "2026-12-06T08:00:02Z INFO t1 round 1: WAITING (shares phase not begun); ms {keys=999}",
                "2026-12-06T08:00:03Z INFO t1 round 1: SHARES_POSTED (3 shares); ms {shares=160}",
                "2026-12-06T08:00:04Z INFO t1 round 1: SUBMITTED (masked input bafk1); ms {download=10, train=30,"
                        + " upload=5, submit=400}",
                "2026-12-06T08:00:05Z INFO t1 round 1: REVEALED (3 shares); ms {reveal=170}");

        FederationCosts.Costs costs = FederationCosts.measure(List.of(a), "t1");

        assertThat(costs.phases())
                .singleElement()
                .satisfies(p -> assertThat(p.medianMillis())
                        .isEqualTo(Map.of(
                                "keys", 150L,
                                "shares", 160L,
                                "download", 10L,
                                "train", 30L,
                                "upload", 5L,
                                "submit", 400L,
                                "reveal", 170L)));
    }
}
