package org.medfed.common.aggregation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.medfed.common.codec.InvalidVectorException;
import org.medfed.common.model.UpdateKind;

/** The shared steps of every strategy: canonical order, reading an update, weights and deltas. */
final class Canonical {
    private static final Comparator<WeightedUpdate> BY_PARTICIPANT =
            Comparator.comparing(WeightedUpdate::participantId);

    private Canonical() {}

    /**
     * The updates sorted by participant id (a copy), after the checks without which no order or length exists:
     * a non-empty global model, at least one update, no participant twice.
     */
    static List<WeightedUpdate> order(float[] global, List<WeightedUpdate> updates) {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(updates, "updates");
        if (global.length == 0) {
            throw new AggregationException(AggregationException.Reason.EMPTY_INPUT, "the global model has no values");
        }
        if (updates.isEmpty()) {
            throw new AggregationException(AggregationException.Reason.EMPTY_INPUT, "no updates to aggregate");
        }
        List<WeightedUpdate> sorted = new ArrayList<>(updates.size());
        for (WeightedUpdate update : updates) {
            sorted.add(Objects.requireNonNull(update, "update"));
        }
        sorted.sort(BY_PARTICIPANT);
        for (int i = 1; i < sorted.size(); i++) {
            String id = sorted.get(i).participantId();
            if (id.equals(sorted.get(i - 1).participantId())) {
                throw new AggregationException(
                        AggregationException.Reason.DUPLICATE_PARTICIPANT,
                        id,
                        -1,
                        "more than one update from the same participant",
                        null);
            }
        }
        return sorted;
    }

    static List<String> ids(List<WeightedUpdate> sorted) {
        List<String> ids = new ArrayList<>(sorted.size());
        for (WeightedUpdate update : sorted) {
            ids.add(update.participantId());
        }
        return ids;
    }

    /** Reads one update into {@code buffer}, attributing any failure to its participant. */
    static void read(WeightedUpdate update, float[] buffer) {
        try {
            update.source().readInto(buffer);
        } catch (AggregationException e) {
            throw e.attributedTo(update.participantId());
        } catch (InvalidVectorException e) {
            AggregationException.Reason reason = e.problem() == InvalidVectorException.Problem.NON_FINITE
                    ? AggregationException.Reason.NON_FINITE_VALUE
                    : AggregationException.Reason.LENGTH_MISMATCH;
            throw new AggregationException(reason, update.participantId(), e.index(), e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new AggregationException(
                    AggregationException.Reason.UNREADABLE,
                    update.participantId(),
                    -1,
                    "cannot read the update: " + e.getMessage(),
                    e);
        }
    }

    /** The sum of the weights in canonical order, each required finite and positive. */
    static double totalWeight(List<WeightedUpdate> sorted) {
        double total = 0;
        for (WeightedUpdate update : sorted) {
            requirePositiveWeight(update);
            total += update.weight();
        }
        if (!Double.isFinite(total)) {
            throw new AggregationException(AggregationException.Reason.INVALID_WEIGHT, "the weights sum to " + total);
        }
        return total;
    }

    static void requirePositiveWeight(WeightedUpdate update) {
        double weight = update.weight();
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new AggregationException(
                    AggregationException.Reason.INVALID_WEIGHT,
                    update.participantId(),
                    -1,
                    "weight must be finite and greater than 0, got " + weight,
                    null);
        }
    }

    /** The delta of one value: {@code value − global} for a full update, the value itself for a delta. */
    static double delta(UpdateKind kind, float value, float global) {
        return kind == UpdateKind.FULL ? (double) value - global : value;
    }

    /** {@code acc[j] += alpha · delta_j} for every j, in index order. */
    static void accumulate(double[] acc, float[] values, float[] global, UpdateKind kind, double alpha) {
        if (kind == UpdateKind.FULL) {
            for (int j = 0; j < acc.length; j++) {
                acc[j] += alpha * ((double) values[j] - global[j]);
            }
        } else {
            for (int j = 0; j < acc.length; j++) {
                acc[j] += alpha * values[j];
            }
        }
    }

    /**
     * Receives the mean delta a run of coordinates at a time; a later call for the same coordinates overwrites. With
     * several threads it is called from any of them, for disjoint runs, in any order and possibly at the same time;
     * the call that asked for the delta returns after the last of them.
     */
    @FunctionalInterface
    interface DeltaSink {
        void accept(int from, double[] delta, int count);
    }

    /** {@link #streamMeanDelta(float[], List, double, int, DeltaSink)} collected into one array. */
    static double[] streamMeanDelta(float[] global, List<WeightedUpdate> sorted, double totalWeight, int threads) {
        double[] delta = new double[global.length];
        streamMeanDelta(
                global,
                sorted,
                totalWeight,
                threads,
                (from, values, count) -> System.arraycopy(values, 0, delta, from, count));
        return delta;
    }

    /**
     * The weighted mean delta {@code Σ (w_i / W) · delta_i}, streaming, delivered to {@code sink}: by tiles across
     * all updates when every source can stream ({@link TiledMean}, on up to {@code threads} threads), else (or when
     * that fails) one update at a time with one read buffer and one accumulator. Every way gives the same bits;
     * memory is independent of the number of updates beyond a few small slices per update.
     *
     * @return the number of update values held in memory at once
     */
    static long streamMeanDelta(
            float[] global, List<WeightedUpdate> sorted, double totalWeight, int threads, DeltaSink sink) {
        if (TiledMean.applicable(sorted) && TiledMean.run(global, sorted, totalWeight, threads, sink)) {
            return TiledMean.bufferedValues(sorted.size(), global.length, threads);
        }
        double[] acc = new double[global.length];
        float[] buffer = new float[global.length];
        for (WeightedUpdate update : sorted) {
            read(update, buffer);
            accumulate(acc, buffer, global, update.kind(), update.weight() / totalWeight);
        }
        sink.accept(0, acc, acc.length);
        return global.length;
    }

    /** {@code (float) (global_j + delta_j)}: the one rounding to float32. */
    static float[] apply(float[] global, double[] delta) {
        float[] model = new float[global.length];
        for (int j = 0; j < model.length; j++) {
            model[j] = step(global[j], delta[j]);
        }
        return model;
    }

    /**
     * One coordinate of {@link #apply}: the global value plus the aggregated delta, in double, rounded once to
     * float32. Buffered strategies call it per coordinate, so they need no {@code double[P]} delta besides their
     * K·P buffer (8P bytes less at the memory cap).
     */
    static float step(float global, double delta) {
        return (float) (global + delta);
    }

    /** All K updates read into memory (K × P floats), after checking the budget. */
    static float[][] buffer(String strategy, MemoryBudget budget, float[] global, List<WeightedUpdate> sorted) {
        budget.require(strategy, sorted.size(), global.length);
        float[][] rows = new float[sorted.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new float[global.length];
            read(sorted.get(i), rows[i]);
        }
        return rows;
    }

    static UpdateKind[] kinds(List<WeightedUpdate> sorted) {
        UpdateKind[] kinds = new UpdateKind[sorted.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = sorted.get(i).kind();
        }
        return kinds;
    }
}
