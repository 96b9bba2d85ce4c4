package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.UpdateKind;

/**
 * FedAvg over K = 50 sources of P = 10 000 values reads each source once, one at a time, always into the same
 * buffer: it never holds more than one update (O(P) memory, independent of K). The sources generate their values
 * on each read, so the test itself holds no K × P either.
 */
class StreamingTest {
    private static final int K = 50;
    private static final int P = 10_000;

    private final Fixtures.Ledger ledger = new Fixtures.Ledger();
    private final List<Fixtures.CountingSource> sources = new ArrayList<>();
    private final float[] global = new float[P];

    private List<WeightedUpdate> updates() {
        List<WeightedUpdate> updates = new ArrayList<>();
        for (int i = 0; i < K; i++) {
            Fixtures.CountingSource source = new Fixtures.CountingSource(ledger, i);
            sources.add(source);
            updates.add(WeightedUpdate.of(
                    String.format("p%03d", (i * 37) % K),
                    i % 3 == 0 ? UpdateKind.FULL : UpdateKind.DELTA,
                    10 + i,
                    new BigDecimal("0.75"),
                    source));
        }
        return updates;
    }

    private void assertStreamed(int readsPerSource) {
        assertThat(sources).allSatisfy(source -> assertThat(source.reads()).isEqualTo(readsPerSource));
        assertThat(ledger.maxOpen).isEqualTo(1);
        assertThat(ledger.buffers)
                .as("distinct buffers the updates were read into")
                .hasSize(1);
    }

    @Test
    void fedAvgReadsEachSourceOnceIntoOneBuffer() {
        AggregationResult result = new FedAvg().aggregate(global, updates());

        assertStreamed(1);
        assertThat(result.stats().bufferedValues()).isEqualTo(P);
        assertThat(result.stats().participants()).hasSize(K);
    }

    @Test
    void theProductionChainStaysStreaming() {
        StrategySpec spec = new StrategySpec(
                "fedavg",
                new java.util.TreeMap<>(
                        java.util.Map.of("maxNorm", new BigDecimal("5"), "reputationWeighted", BigDecimal.ONE)));

        Strategies.fromSpec(spec).aggregate(global, updates());

        assertStreamed(1);
    }

    @Test
    void serverOptimizersStream() {
        new FedYogi(AdaptiveParams.defaults(), ServerOptimizerState.initial(P, 1e-3)).aggregate(global, updates());

        assertStreamed(1);
    }

    @Test
    void qualityScoresReadEachSourceOnceMoreIntoOneBuffer() {
        List<WeightedUpdate> updates = updates();
        float[] model = new FedAvg().aggregate(global, updates).model();
        ledger.buffers.clear();

        QualityScores.compute(global, model, updates, QualityThresholds.DEFAULT);

        assertStreamed(2);
    }

    @Test
    void fedAvgAllocatesAboutOneUpdateNotK() {
        // The JDKs we build with (OpenJDK/Temurin HotSpot) have the per-thread allocation counter: fail, never skip.
        assertThat(ManagementFactory.getThreadMXBean()).isInstanceOf(com.sun.management.ThreadMXBean.class);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertThat(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled())
                .as("per-thread allocation measurement")
                .isTrue();
        List<WeightedUpdate> updates = updates();
        Function<AggregationStrategy, Long> allocatedBy = strategy -> {
            long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
            strategy.aggregate(global, updates);
            return threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        };
        AggregationStrategy chain = new Validated(new ReputationWeighted(new NormClipped(new FedAvg(), 5)));
        allocatedBy.apply(chain);

        long allocated = allocatedBy.apply(chain);

        // accumulator 8P + read buffer 4P + model 4P = 160 kB, plus small change; all K updates would be 2 MB
        long allUpdates = 4L * K * P;
        assertThat(allocated).isLessThan(16L * P + 256 * 1024);
        assertThat(allocated).isLessThan(allUpdates / 4);
    }
}
