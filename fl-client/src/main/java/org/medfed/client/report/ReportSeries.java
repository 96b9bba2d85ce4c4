package org.medfed.client.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;

/** The numbers behind each chart, by series name then round; pure, so the report's figures can be checked. */
public final class ReportSeries {
    private ReportSeries() {}

    /**
     * Per metric of {@code kind} (scores or losses: {@link MetricKind#averaged()}), the example-weighted mean over each
     * round's updates.
     */
    public static Map<String, SortedMap<Long, Double>> metrics(ReportData data, MetricKind kind) {
        if (!kind.averaged()) {
            throw new IllegalArgumentException(kind + " values are per participant, not averaged");
        }
        Map<String, SortedMap<Long, Double>> series = new TreeMap<>();
        for (RoundFacts round : data.rounds()) {
            Map<String, BigDecimal[]> sums = new TreeMap<>();
            for (UpdateRecord update : round.updates()) {
                BigDecimal weight = BigDecimal.valueOf(update.submission().numExamples());
                update.submission().metrics().forEach((name, value) -> {
                    if (MetricKind.of(name) == kind) {
                        BigDecimal[] sum =
                                sums.computeIfAbsent(name, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                        sum[0] = sum[0].add(value.multiply(weight));
                        sum[1] = sum[1].add(weight);
                    }
                });
            }
            sums.forEach((name, sum) -> series.computeIfAbsent(name, k -> new TreeMap<>())
                    .put(
                            round.state().round(),
                            sum[0].divide(sum[1], MathContext.DECIMAL64).doubleValue()));
        }
        return series;
    }

    /**
     * Per metric that is not averaged (ε, example counts, unknown values; in {@link MetricKind#ORDER}), per
     * participant, the value its update of each round reported.
     */
    public static Map<String, Map<String, SortedMap<Long, Double>>> reported(ReportData data) {
        Map<String, Map<String, SortedMap<Long, Double>>> series = new TreeMap<>(MetricKind.ORDER);
        for (RoundFacts round : data.rounds()) {
            for (UpdateRecord update : round.updates()) {
                update.submission().metrics().forEach((name, value) -> {
                    if (!MetricKind.of(name).averaged()) {
                        series.computeIfAbsent(name, k -> new TreeMap<>())
                                .computeIfAbsent(update.participantId(), k -> new TreeMap<>())
                                .put(round.state().round(), value.doubleValue());
                    }
                });
            }
        }
        return series;
    }

    /** Per participant, the cumulative ε after its update of each round; empty for a task without DP. */
    public static Map<String, SortedMap<Long, Double>> epsilon(ReportData data) {
        Map<String, SortedMap<Long, Double>> series = new TreeMap<>();
        for (RoundFacts round : data.rounds()) {
            for (UpdateRecord update : round.updates()) {
                update.epsilonSpent()
                        .ifPresent(e -> series.computeIfAbsent(update.participantId(), k -> new TreeMap<>())
                                .put(round.state().round(), e.doubleValue()));
            }
        }
        return series;
    }

    /** Per participant, the initial score at round 0, then the score after each round's last change. */
    public static Map<String, SortedMap<Long, Double>> reputation(ReportData data) {
        Map<String, SortedMap<Long, Double>> series = new TreeMap<>();
        double initial = data.task().spec().reputation().initialScore().doubleValue();
        data.reputation().forEach((participant, changes) -> {
            SortedMap<Long, Double> points = new TreeMap<>(Map.of(0L, initial));
            for (ReputationChange change : changes) {
                points.put(change.round(), change.after().doubleValue());
            }
            series.put(participant, points);
        });
        return series;
    }

    /** Seconds each round was open for updates (opened to closed) and waited for aggregation (closed to aggregated). */
    public static Map<String, SortedMap<Long, Double>> timings(ReportData data) {
        SortedMap<Long, Double> collecting = new TreeMap<>();
        SortedMap<Long, Double> aggregating = new TreeMap<>();
        for (RoundFacts round : data.rounds()) {
            RoundState state = round.state();
            if (state.closedAt() != null) {
                collecting.put(state.round(), seconds(Duration.between(state.openedAt(), state.closedAt())));
            }
            if (state.aggregatedAt() != null) {
                aggregating.put(state.round(), seconds(Duration.between(state.closedAt(), state.aggregatedAt())));
            }
        }
        Map<String, SortedMap<Long, Double>> series = new LinkedHashMap<>();
        series.put("open until closed", collecting);
        series.put("closed until aggregated", aggregating);
        return series;
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** Participant ids are 64 hex digits; a chart legend shows the first 12. */
    public static String shortId(String participantId) {
        return participantId.length() <= 12 ? participantId : participantId.substring(0, 12);
    }

    static List<Long> rounds(ReportData data) {
        return data.rounds().stream().map(r -> r.state().round()).toList();
    }
}
