package org.medfed.chaincode.round;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.medfed.common.aggregation.round.SecureRoundInput;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.round.RoundState;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.SecurePhases;
import org.medfed.contract.support.FlChaincodeException;

/**
 * When a closed secure round may be aggregated: once every survivor has revealed, or once the unmask phase is over
 * (then whoever revealed must suffice). Before that a caller is told who is still to reveal, and nothing is written.
 */
final class SecureUnmaskGate {
    private SecureUnmaskGate() {}

    static void requireReady(Task task, RoundState round, SecureRoundInput secure, Instant now) {
        Set<String> revealed = new TreeSet<>(
                secure.reveals().stream().map(Reveal::participantId).toList());
        List<String> waiting =
                round.accepted().stream().filter(id -> !revealed.contains(id)).toList();
        if (waiting.isEmpty()) {
            return;
        }
        SecurePhases.Phase phase =
                SecurePhases.phase(task.spec().secureAggregationSpec().orElseThrow(), round, now);
        if (phase == SecurePhases.Phase.UNMASK) {
            throw new FlChaincodeException(
                    ErrorCode.PHASE_CLOSED,
                    "round " + round.round() + " is still in its unmask phase and " + waiting
                            + " have not revealed yet; aggregate when they have or once the phase is over");
        }
    }
}
