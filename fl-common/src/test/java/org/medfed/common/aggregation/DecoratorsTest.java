package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.medfed.common.aggregation.Fixtures.delta;
import static org.medfed.common.aggregation.Fixtures.full;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.common.aggregation.AggregationException.Reason;

class DecoratorsTest {

    @Nested
    class ReputationWeighting {
        @Test
        void multipliesEachWeightByTheReputation() {
            // weights 2·1 and 2·0.5: (2·0 + 1·3) / 3 = 1
            List<WeightedUpdate> updates = List.of(
                    Fixtures.withReputation(delta("a", 2, 0), "1"), Fixtures.withReputation(delta("b", 2, 3), "0.5"));

            AggregationResult result = new ReputationWeighted(new FedAvg()).aggregate(new float[1], updates);

            assertThat(result.model()).containsExactly(1f);
            assertThat(result.stats().totalWeight()).isEqualTo(3.0);
            assertThat(new FedAvg().aggregate(new float[1], updates).model()).containsExactly(1.5f);
        }

        @Test
        void roundsTheExactProductOnce() {
            // 3 × 0.1 exactly is 0.3; the double nearest 0.3, not 3 × (double) 0.1 = 0.30000000000000004
            List<WeightedUpdate> updates = List.of(Fixtures.withReputation(delta("a", 3, 1), "0.1"));

            assertThat(new ReputationWeighted(new FedAvg())
                            .aggregate(new float[1], updates)
                            .stats()
                            .totalWeight())
                    .isEqualTo(0.3);
        }

        @Test
        void refusesAReputationOfZero() {
            List<WeightedUpdate> updates = List.of(delta("a", 1, 1), Fixtures.withReputation(delta("b", 1, 1), "0"));

            assertThatThrownBy(() -> new ReputationWeighted(new FedAvg()).aggregate(new float[1], updates))
                    .isInstanceOfSatisfying(AggregationException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_WEIGHT);
                        assertThat(e.participantId()).contains("b");
                    });
        }

        @Test
        void doesNotChangeUnweightedStrategies() {
            List<WeightedUpdate> updates =
                    List.of(Fixtures.withReputation(delta("a", 1, 1), "0.1"), delta("b", 1, 2), delta("c", 1, 30));

            assertThat(new ReputationWeighted(new CoordinateMedian())
                            .aggregate(new float[1], updates)
                            .model())
                    .containsExactly(2f);
        }
    }

    @Nested
    class Clipping {
        @Test
        void scalesADeltaDownToTheMaximumNorm() {
            // delta [3, 4] has norm 5; clipped to 1: [0.6, 0.8]
            AggregationResult result =
                    new NormClipped(new FedAvg(), 1).aggregate(new float[2], List.of(delta("a", 1, 3, 4)));

            assertThat(result.model()[0]).isCloseTo(0.6f, within(1e-7f));
            assertThat(result.model()[1]).isCloseTo(0.8f, within(1e-7f));
            assertThat(result.stats().clipped()).containsExactly("a");
        }

        @Test
        void clipsAFullUpdateThroughItsDeltaAndKeepsItFull() {
            // global [1, 1], full [4, 5]: delta [3, 4] → [0.6, 0.8] → full [1.6, 1.8]
            AggregationResult result =
                    new NormClipped(new FedAvg(), 1).aggregate(new float[] {1, 1}, List.of(full("a", 1, 4, 5)));

            assertThat(result.model()[0]).isCloseTo(1.6f, within(1e-6f));
            assertThat(result.model()[1]).isCloseTo(1.8f, within(1e-6f));
        }

        @Test
        void passesUpdatesWithinTheNormBitForBit() {
            Random random = new Random(7);
            float[] global = Fixtures.random(random, 100, 1);
            List<WeightedUpdate> updates = Fixtures.mixed(random, global, 5);

            AggregationResult clipped = new NormClipped(new FedAvg(), 1e6).aggregate(global, updates);

            assertThat(Fixtures.bits(clipped.model()))
                    .containsExactly(Fixtures.bits(
                            new FedAvg().aggregate(global, updates).model()));
            assertThat(clipped.stats().clipped()).isEmpty();
        }

        @Test
        void boundsEachDeltaNormAfterRounding() {
            Random random = new Random(8);
            float[] global = Fixtures.random(random, 1000, 1);
            for (WeightedUpdate update : Fixtures.mixed(random, global, 6)) {
                AggregationResult result = new NormClipped(new FedAvg(), 0.5).aggregate(global, List.of(update));
                double squares = 0;
                for (int j = 0; j < global.length; j++) {
                    double d = (double) result.model()[j] - global[j];
                    squares += d * d;
                }
                assertThat(Math.sqrt(squares)).isCloseTo(0.5, within(1e-5));
            }
        }

        @Test
        void listsTheClippedParticipantsInCanonicalOrder() {
            List<WeightedUpdate> updates = List.of(delta("c", 1, 10, 0), delta("a", 1, 0, 0.5f), delta("b", 1, 0, -7));

            AggregationResult result = new NormClipped(new CoordinateMedian(), 1).aggregate(new float[2], updates);

            assertThat(result.stats().clipped()).containsExactly("b", "c");
            assertThat(result.model()).containsExactly(0f, 0f);
        }

        @Test
        void refusesANonPositiveMaximum() {
            assertThatThrownBy(() -> new NormClipped(new FedAvg(), 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new NormClipped(new FedAvg(), Double.NaN))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void decoratorsCompose() {
        List<WeightedUpdate> updates =
                List.of(Fixtures.withReputation(delta("a", 2, 3, 4), "0.5"), delta("b", 1, 0, 0));
        AggregationStrategy chain = new Validated(new ReputationWeighted(new NormClipped(new FedAvg(), 1)));

        // a: clipped to [0.6, 0.8], weight 2·0.5 = 1; b: [0, 0], weight 1 → [0.3, 0.4]
        AggregationResult result = chain.aggregate(new float[2], updates);

        assertThat(result.model()[0]).isCloseTo(0.3f, within(1e-7f));
        assertThat(result.model()[1]).isCloseTo(0.4f, within(1e-7f));
        assertThat(result.stats().clipped()).containsExactly("a");
        assertThat(result.stats().totalWeight()).isEqualTo(2.0);
        assertThat(chain).hasToString("validated(reputation-weighted(norm-clipped(maxNorm=1.0, fedavg)))");
    }

    @Test
    void memoryBudgetDefaultsToTwoToTheTwentySeventhValues() {
        assertThat(MemoryBudget.MAX_BUFFERED_VALUES).isEqualTo(33_554_432L);
        assertThat(MemoryBudget.DEFAULT.maxBufferedValues()).isEqualTo(MemoryBudget.MAX_BUFFERED_VALUES);
        assertThatThrownBy(() -> new MemoryBudget(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new TrimmedMean(BigDecimal.ZERO)).hasToString("trimmed-mean(beta=0)");
    }
}
