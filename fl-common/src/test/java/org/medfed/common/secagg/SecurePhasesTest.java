package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.Samples;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;
import org.medfed.common.round.CloseReason;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.common.secagg.SecurePhases.Phase;

class SecurePhasesTest {
    private static final SecureAggregationSpec SPEC =
            Samples.secureAggregation(); // keys 60 s, shares 60 s, unmask 120 s
    private static final RoundState OPEN = RoundState.open("sepsis", 1, Samples.ref("initial"), Samples.T0, 600);

    @Test
    void anOpenRoundGoesFromKeysToSharesToInputsToClosingAtEachHalfOpenBoundary() {
        assertThat(phaseAt(OPEN, 0)).isEqualTo(Phase.KEYS);
        assertThat(phaseAt(OPEN, 59)).isEqualTo(Phase.KEYS);
        assertThat(phaseAt(OPEN, 60)).isEqualTo(Phase.SHARES);
        assertThat(phaseAt(OPEN, 119)).isEqualTo(Phase.SHARES);
        assertThat(phaseAt(OPEN, 120)).isEqualTo(Phase.INPUT);
        assertThat(phaseAt(OPEN, 599)).isEqualTo(Phase.INPUT);
        assertThat(phaseAt(OPEN, 600)).isEqualTo(Phase.CLOSING);
    }

    @Test
    void aClosedRoundRevealsForUnmaskSecondsFromItsCloseThenAggregates() {
        RoundState closed = new RoundState(
                OPEN.taskId(),
                1,
                1,
                RoundStatus.CLOSED,
                OPEN.baseModel(),
                OPEN.openedAt(),
                OPEN.deadline(),
                0,
                Samples.T0.plusSeconds(300),
                CloseReason.ALL_SUBMITTED,
                List.of(),
                List.of(),
                null,
                null,
                List.of());
        assertThat(phaseAt(closed, 300)).isEqualTo(Phase.UNMASK);
        assertThat(phaseAt(closed, 419)).isEqualTo(Phase.UNMASK);
        assertThat(phaseAt(closed, 420)).isEqualTo(Phase.AGGREGATING);
        assertThat(SecurePhases.of(SPEC, closed).toJson()).containsEntry("unmaskEnd", "2026-03-01T08:07:00Z");
    }

    @Test
    void aTransactionOutsideItsPhaseIsRefusedPhaseClosedNamingTheSchedule() {
        assertThatCode(() -> SecurePhases.require(
                        SPEC, OPEN, Samples.T0.plusSeconds(61), SecurePhases.Progress.NONE, Phase.SHARES))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> SecurePhases.require(
                        SPEC, OPEN, Samples.T0.plusSeconds(60), SecurePhases.Progress.NONE, Phase.KEYS))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining("in its shares phase")
                .hasMessageContaining("keys until 2026-03-01T08:01:00Z")
                .extracting(e -> ((RuleViolation) e).code())
                .isEqualTo(ErrorCode.PHASE_CLOSED);
    }

    @Test
    void theKeysAndSharesPhasesEndEarlyOnceNobodyIsLeftToPostInThem() {
        SecurePhases.Progress keysDone = new SecurePhases.Progress(true, false);
        SecurePhases.Progress allDone = new SecurePhases.Progress(true, true);
        assertThat(SecurePhases.phase(SPEC, OPEN, Samples.T0.plusSeconds(5), keysDone))
                .isEqualTo(Phase.SHARES);
        assertThat(SecurePhases.phase(SPEC, OPEN, Samples.T0.plusSeconds(5), allDone))
                .isEqualTo(Phase.INPUT);
        // shares complete among those with keys, but the keys phase still waits for the others' keys
        assertThat(SecurePhases.phase(SPEC, OPEN, Samples.T0.plusSeconds(5), new SecurePhases.Progress(false, true)))
                .isEqualTo(Phase.KEYS);
        assertThat(SecurePhases.phase(SPEC, OPEN, Samples.T0.plusSeconds(61), new SecurePhases.Progress(false, true)))
                .isEqualTo(Phase.INPUT);
        assertThat(SecurePhases.phase(SPEC, OPEN, Samples.T0.plusSeconds(600), allDone))
                .isEqualTo(Phase.CLOSING);
    }

    private static Phase phaseAt(RoundState round, long seconds) {
        return SecurePhases.phase(SPEC, round, Samples.T0.plusSeconds(seconds));
    }
}
