package org.medfed.common.secagg;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;
import org.medfed.common.round.RoundState;

/**
 * The phases of one attempt of a secure round on ledger time (docs/secure-aggregation.md, "Phases of a round"):
 * keys from the attempt's opening, then shares, then masked inputs until the round's deadline; after the close,
 * reveals for {@code unmaskSeconds}. Every phase is half-open: a transaction at its end instant belongs to the next.
 * The keys and shares phases end early once nobody is left to act in them ({@link Progress}): every eligible
 * participant posted keys, every key holder posted shares. What the ledger holds then cannot change, so waiting out
 * the clock would only make rounds slower.
 */
public record SecurePhases(Instant keysEnd, Instant sharesEnd, Instant inputEnd, Instant unmaskEnd) {

    /** What a transaction at some instant may do in the attempt. */
    public enum Phase {
        KEYS("keys"),
        SHARES("shares"),
        INPUT("input"),
        CLOSING("closing"),
        UNMASK("unmask"),
        AGGREGATING("aggregating"),
        DONE("done");

        private final String wire;

        Phase(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /**
     * How far the attempt got: whether every eligible participant posted keys, and whether every participant with
     * keys posted shares.
     */
    public record Progress(boolean keysComplete, boolean sharesComplete) {
        /** Nothing known: the phases end on the clock only. */
        public static final Progress NONE = new Progress(false, false);
    }

    public static SecurePhases of(SecureAggregationSpec spec, RoundState round) {
        Instant keysEnd = round.openedAt().plusSeconds(spec.keysSeconds());
        Instant sharesEnd = keysEnd.plusSeconds(spec.sharesSeconds());
        Instant unmaskEnd = round.closedAt() == null ? null : round.closedAt().plusSeconds(spec.unmaskSeconds());
        return new SecurePhases(keysEnd, sharesEnd, round.deadline(), unmaskEnd);
    }

    /** The phase of {@code round} at {@code now}, on the clock alone. */
    public static Phase phase(SecureAggregationSpec spec, RoundState round, Instant now) {
        return phase(spec, round, now, Progress.NONE);
    }

    /** The phase of {@code round} at {@code now}, ending the keys and shares phases early as {@code progress} allows. */
    public static Phase phase(SecureAggregationSpec spec, RoundState round, Instant now, Progress progress) {
        SecurePhases phases = of(spec, round);
        return switch (round.status()) {
            case OPEN -> {
                if (!now.isBefore(phases.inputEnd)) {
                    yield Phase.CLOSING;
                }
                if (now.isBefore(phases.keysEnd) && !progress.keysComplete()) {
                    yield Phase.KEYS;
                }
                yield now.isBefore(phases.sharesEnd) && !progress.sharesComplete() ? Phase.SHARES : Phase.INPUT;
            }
            case CLOSED -> now.isBefore(phases.unmaskEnd) ? Phase.UNMASK : Phase.AGGREGATING;
            default -> Phase.DONE;
        };
    }

    /**
     * @throws RuleViolation {@link ErrorCode#PHASE_CLOSED} unless {@code round} is in {@code expected} at {@code now};
     *     the message names the phase it is in and when the expected one opens or closed
     */
    public static void require(
            SecureAggregationSpec spec, RoundState round, Instant now, Progress progress, Phase expected) {
        Phase actual = phase(spec, round, now, progress);
        if (actual != expected) {
            throw new RuleViolation(
                    ErrorCode.PHASE_CLOSED,
                    "round " + round.round() + " attempt " + round.attempt() + " is in its " + actual.wire()
                            + " phase at " + now + ", not " + expected.wire() + " ("
                            + of(spec, round).describe()
                            + ")");
        }
    }

    /** The phase boundaries, for messages and {@code secagg:getSecureRound}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("keysEnd", keysEnd.toString());
        json.put("sharesEnd", sharesEnd.toString());
        json.put("inputEnd", inputEnd.toString());
        if (unmaskEnd != null) {
            json.put("unmaskEnd", unmaskEnd.toString());
        }
        return json;
    }

    private String describe() {
        return "keys until " + keysEnd + ", shares until " + sharesEnd + ", masked inputs until " + inputEnd
                + (unmaskEnd == null ? "" : ", reveals until " + unmaskEnd);
    }
}
