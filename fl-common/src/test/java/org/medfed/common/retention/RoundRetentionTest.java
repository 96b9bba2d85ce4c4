package org.medfed.common.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.retention.RoundRetention.KEPT_NOT_AGGREGATED;
import static org.medfed.common.retention.RoundRetention.KEPT_NO_POLICY;
import static org.medfed.common.retention.RoundRetention.KEPT_WITHIN_WINDOW;
import static org.medfed.common.retention.RoundRetention.RELEASED_AFTER_ROUNDS;
import static org.medfed.common.retention.RoundRetention.RELEASED_VERIFIED;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.Samples;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;

/** When a task's retention policy releases a round's inputs: hand-computed cases on a task of 3 rounds. */
class RoundRetentionTest {
    private static final TaskSpec KEEP_1 = Samples.spec().withRetention(RetentionPolicy.keepRounds(1));
    private static final TaskSpec KEEP_2_OR_2_ORGS = Samples.spec().withRetention(new RetentionPolicy(2, 2L));
    private static final TaskSpec KEEP_0 = Samples.spec().withRetention(RetentionPolicy.keepRounds(0));

    @ParameterizedTest(name = "keep 1: round {0} with {1} aggregated -> {2}")
    @CsvSource({
        // round 1 is released once round 1 + 1 = 2 is aggregated
        "1, 0, KEPT_NOT_AGGREGATED",
        "1, 1, KEPT_WITHIN_WINDOW",
        "1, 2, RELEASED_AFTER_ROUNDS",
        "1, 3, RELEASED_AFTER_ROUNDS",
        "2, 2, KEPT_WITHIN_WINDOW",
        "2, 3, RELEASED_AFTER_ROUNDS",
        // the last round of a completed task has no later round: it stays
        "3, 3, KEPT_WITHIN_WINDOW",
        "3, 2, KEPT_NOT_AGGREGATED"
    })
    void keepOneRoundReleasesARoundOnceTheNextIsAggregated(long round, long aggregated, RoundRetention expected) {
        assertThat(RoundRetention.of(KEEP_1, round, aggregated, 0)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "keep 2 or 2 orgs: round {0}, {1} aggregated, {2} verified -> {3}")
    @CsvSource({
        "1, 1, 0, KEPT_WITHIN_WINDOW",
        "1, 1, 1, KEPT_WITHIN_WINDOW",
        "1, 1, 2, RELEASED_VERIFIED",
        "1, 2, 3, RELEASED_VERIFIED",
        // 3 - 1 = 2 later rounds: released by age whatever the attestations
        "1, 3, 0, RELEASED_AFTER_ROUNDS",
        "1, 3, 5, RELEASED_AFTER_ROUNDS",
        // attestations never release a round that is not aggregated (there is nothing to attest yet)
        "2, 1, 3, KEPT_NOT_AGGREGATED"
    })
    void verificationByEnoughOrganisationsReleasesARoundEarly(
            long round, long aggregated, long verified, RoundRetention expected) {
        assertThat(RoundRetention.of(KEEP_2_OR_2_ORGS, round, aggregated, verified))
                .isEqualTo(expected);
    }

    @Test
    void keepZeroReleasesARoundAsSoonAsItIsAggregated() {
        assertThat(RoundRetention.of(KEEP_0, 3, 3, 0)).isEqualTo(RELEASED_AFTER_ROUNDS);
        assertThat(RoundRetention.of(KEEP_0, 3, 2, 0)).isEqualTo(KEPT_NOT_AGGREGATED);
    }

    @Test
    void aTaskWithoutPolicyKeepsEverything() {
        assertThat(RoundRetention.of(Samples.spec(), 1, 3, 99)).isEqualTo(KEPT_NO_POLICY);
        assertThat(KEPT_NO_POLICY.released()).isFalse();
    }

    @Test
    void onlyTheTwoReleasesRelease() {
        assertThat(RoundRetention.values())
                .filteredOn(RoundRetention::released)
                .containsExactly(RELEASED_AFTER_ROUNDS, RELEASED_VERIFIED);
    }

    @Test
    void readsHowManyRoundsAreAggregatedFromTheTask() {
        Task task = Task.create(KEEP_1, Samples.T0, Samples.ADMIN);
        assertThat(RoundRetention.of(task, 1, 0)).isEqualTo(KEPT_NOT_AGGREGATED);

        Task afterTwo = task.advance(Samples.ref("global-1"), Samples.T0).advance(Samples.ref("global-2"), Samples.T0);
        assertThat(afterTwo.aggregatedRounds()).isEqualTo(2);
        assertThat(RoundRetention.of(afterTwo, 1, 0)).isEqualTo(RELEASED_AFTER_ROUNDS);
        assertThat(RoundRetention.of(afterTwo, 2, 0)).isEqualTo(KEPT_WITHIN_WINDOW);
    }

    @Test
    void attestationsAreWorthReadingOnlyWhileTheyCanRelease() {
        assertThat(RoundRetention.countsVerifications(KEEP_2_OR_2_ORGS, 1, 1)).isTrue();
        assertThat(RoundRetention.countsVerifications(KEEP_2_OR_2_ORGS, 1, 3)).isFalse();
        assertThat(RoundRetention.countsVerifications(KEEP_2_OR_2_ORGS, 2, 1)).isFalse();
        assertThat(RoundRetention.countsVerifications(KEEP_1, 1, 1)).isFalse();
        assertThat(RoundRetention.countsVerifications(Samples.spec(), 1, 1)).isFalse();
    }

    @Test
    void refusesRoundZero() {
        assertThatThrownBy(() -> RoundRetention.of(KEEP_1, 0, 1, 0)).hasMessageContaining("from 1");
    }
}
