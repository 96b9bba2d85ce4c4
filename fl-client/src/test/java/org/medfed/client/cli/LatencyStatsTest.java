package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void oddCountTakesTheMiddleValue() {
        assertThat(LatencyStats.ofNanos(new long[] {3_000_000, 1_000_000, 2_000_000}))
                .isEqualTo(new LatencyStats(2.0, 3.0, 3.0));
    }

    @Test
    void evenCountAveragesTheTwoMiddleValues() {
        assertThat(LatencyStats.ofNanos(new long[] {4_000_000, 1_000_000, 2_000_000, 3_000_000})
                        .medianMs())
                .isEqualTo(2.5);
    }

    @Test
    void p90IsTheNearestRank() {
        long[] hundred = new long[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = (i + 1) * 1_000_000L;
        }
        assertThat(LatencyStats.ofNanos(hundred).p90Ms()).isEqualTo(90.0);
        assertThat(LatencyStats.ofNanos(new long[] {5_000_000}).p90Ms()).isEqualTo(5.0);
    }

    @Test
    void keepsMicrosecondResolution() {
        assertThat(LatencyStats.ofNanos(new long[] {1_234_567}).maxMs()).isEqualTo(1.235);
    }

    @Test
    void rejectsNoDurations() {
        assertThatThrownBy(() -> LatencyStats.ofNanos(new long[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
