package org.medfed.client.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.medfed.client.report.ReportSamples.p;

import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

class ReportSeriesTest {

    @Test
    void scoresAreExampleWeightedMeansPerRound() throws Exception {
        Map<String, SortedMap<Long, Double>> quality = ReportSeries.metrics(ReportSamples.data(), MetricKind.SCORE);

        // the updates also report epsilon and validationExamples: neither is a score
        assertThat(quality).containsOnlyKeys("accuracy");
        // (0.9·300 + 0.6·100) / 400 in round 1; only P1's 0.95 in round 2
        assertThat(quality.get("accuracy").get(1L)).isCloseTo(0.825, within(1e-12));
        assertThat(quality.get("accuracy").get(2L)).isCloseTo(0.95, within(1e-12));
    }

    @Test
    void lossMetricsGoToTheirOwnChart() throws Exception {
        Map<String, SortedMap<Long, Double>> loss = ReportSeries.metrics(ReportSamples.data(), MetricKind.LOSS);

        assertThat(loss).containsOnlyKeys("loss");
        // (0.2·300 + 0.6·100) / 400
        assertThat(loss.get("loss").get(1L)).isCloseTo(0.3, within(1e-12));
    }

    @Test
    void reportedEpsilonAndCountsArePerParticipantNotAveraged() throws Exception {
        Map<String, Map<String, SortedMap<Long, Double>>> reported = ReportSeries.reported(ReportSamples.data());

        assertThat(reported.keySet()).containsExactly("epsilon", "validationExamples");
        assertThat(reported.get("validationExamples").get(p(1)))
                .containsExactly(Map.entry(1L, 75.0), Map.entry(2L, 75.0));
        assertThat(reported.get("validationExamples").get(p(2))).containsExactly(Map.entry(1L, 25.0));
        assertThat(reported.get("epsilon").get(p(2))).containsExactly(Map.entry(1L, 2.5));
    }

    @Test
    void perParticipantKindsCannotBeAveraged() {
        assertThatThrownBy(() -> ReportSeries.metrics(ReportSamples.data(), MetricKind.COUNT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void epsilonIsEachParticipantsCumulativeSpendingPerRound() throws Exception {
        Map<String, SortedMap<Long, Double>> epsilon = ReportSeries.epsilon(ReportSamples.data());

        assertThat(epsilon).containsOnlyKeys(p(1), p(2));
        assertThat(epsilon.get(p(1))).containsExactly(Map.entry(1L, 1.5), Map.entry(2L, 2.1));
        assertThat(epsilon.get(p(2))).containsExactly(Map.entry(1L, 2.5));
    }

    @Test
    void reputationStartsAtTheInitialScoreAndFollowsTheChanges() throws Exception {
        Map<String, SortedMap<Long, Double>> reputation = ReportSeries.reputation(ReportSamples.data());

        assertThat(reputation).containsOnlyKeys(p(1), p(2), p(3));
        assertThat(reputation.get(p(3))).containsExactly(Map.entry(0L, 0.5), Map.entry(1L, 0.4));
    }

    @Test
    void timingsAreSecondsBetweenTheLedgersTransactionTimes() throws Exception {
        Map<String, SortedMap<Long, Double>> timings = ReportSeries.timings(ReportSamples.data());

        assertThat(timings.get("open until closed")).containsExactly(Map.entry(1L, 600.0));
        assertThat(timings.get("closed until aggregated")).containsExactly(Map.entry(1L, 90.0));
    }
}
