package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.Hashing;

class NeighbourGraphTest {
    private static final RoundContext CONTEXT = new RoundContext("task-1", 3, 2);
    private static final String BASE = Hashing.sha256Hex(new byte[0]);

    @Test
    void joinsEachToTheHalfKRingMembersOnEitherSide() {
        NeighbourGraph graph = NeighbourGraph.of(CONTEXT, BASE, ids(9), 4);
        List<String> ring = graph.ring();

        for (int i = 0; i < ring.size(); i++) {
            assertThat(graph.neighbours(ring.get(i)))
                    .hasSize(4)
                    .containsExactlyInAnyOrder(
                            ring.get((i + 7) % 9), ring.get((i + 8) % 9), ring.get((i + 1) % 9), ring.get((i + 2) % 9));
        }
    }

    @Test
    void isSymmetric() {
        NeighbourGraph graph = NeighbourGraph.of(CONTEXT, BASE, ids(12), 6);

        for (String a : graph.members()) {
            assertThat(graph.neighbours(a)).doesNotContain(a);
            for (String b : graph.neighbours(a)) {
                assertThat(graph.neighbours(b)).contains(a);
            }
        }
    }

    @Test
    void isCompleteWhenEveryoneElseFitsInK() {
        for (int n : new int[] {2, 4, 5}) {
            NeighbourGraph graph = NeighbourGraph.of(CONTEXT, BASE, ids(n), 4);

            for (String a : graph.members()) {
                TreeSet<String> others = new TreeSet<>(graph.members());
                others.remove(a);
                assertThat(graph.neighbours(a)).isEqualTo(others);
            }
        }
    }

    @Test
    void doesNotDependOnTheOrderOfItsInput() {
        List<String> ids = ids(10);
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(1));

        NeighbourGraph a = NeighbourGraph.of(CONTEXT, BASE, ids, 4);
        NeighbourGraph b = NeighbourGraph.of(CONTEXT, BASE, shuffled, 4);

        assertThat(b.ring()).isEqualTo(a.ring());
        for (String id : ids) {
            assertThat(b.neighbours(id)).isEqualTo(a.neighbours(id));
        }
    }

    @Test
    void ordersTheRingByTheAttemptAndTheBaseModel() {
        List<String> ring = NeighbourGraph.of(CONTEXT, BASE, ids(10), 4).ring();

        assertThat(NeighbourGraph.of(new RoundContext("task-1", 3, 3), BASE, ids(10), 4)
                        .ring())
                .isNotEqualTo(ring);
        assertThat(NeighbourGraph.of(CONTEXT, Hashing.sha256Hex(new byte[1]), ids(10), 4)
                        .ring())
                .isNotEqualTo(ring);
    }

    @Test
    void givesAbscissasInIdOrderFromOne() {
        NeighbourGraph graph = NeighbourGraph.of(CONTEXT, BASE, ids(5), 4);
        List<String> sorted = new ArrayList<>(graph.members());

        for (int i = 0; i < sorted.size(); i++) {
            assertThat(graph.abscissa(sorted.get(i))).isEqualTo(i + 1);
        }
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> NeighbourGraph.of(CONTEXT, BASE, ids(5), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourGraph.of(CONTEXT, BASE, List.of(RoundFixture.id(0), RoundFixture.id(0)), 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighbourGraph.of(CONTEXT, BASE, List.of("alice"), 2))
                .isInstanceOf(IllegalArgumentException.class);
        NeighbourGraph graph = NeighbourGraph.of(CONTEXT, BASE, ids(3), 2);
        assertThatThrownBy(() -> graph.abscissa(RoundFixture.id(99))).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> ids(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(RoundFixture.id(i));
        }
        return ids;
    }
}
