package org.medfed.common.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;

/**
 * The one copy of the access decision (docs/access.md), used by {@code access:requestAccess} and by the evaluation's
 * simulated requests:
 * <ol>
 *   <li>the patient's risk is the class of its attestation if that is still live, else {@code unknown};</li>
 *   <li>the first rule listing the requester's role, the purpose and the risk decides; no such rule denies;</li>
 *   <li>an allow grants its scopes that were requested (all of them when none were named) for its duration; none
 *       left denies ("scope not allowed");</li>
 *   <li>break-glass: where that denies, {@code ETREAT} with a written reason from a break-glass role gets the
 *       break-glass scopes (again
 *       narrowed to those requested) for the break-glass duration, flagged when the requester already had
 *       {@code repeatThreshold − 1} break-glass grants within the repeat window.</li>
 * </ol>
 */
public final class AccessRules {
    public static final String NEEDS_REASON = "break-glass needs a written reason";

    private AccessRules() {}

    /**
     * What the rules decide; the ledger adds who asked, when, and under which id ({@link AccessDecision}).
     *
     * @param attestation the one used to decide (null: risk unknown)
     * @param matchedRule the index of the rule that matched (null: none did)
     */
    public record Verdict(
            boolean granted,
            RiskClass risk,
            RiskAttestation attestation,
            Integer matchedRule,
            List<RecordScope> scopes,
            Instant expiresAt,
            boolean breakGlass,
            boolean flagged,
            long priorBreakGlass,
            String explanation) {
        public Verdict {
            scopes = List.copyOf(scopes);
        }
    }

    /**
     * @param attestation the patient's latest attestation, if any; an expired one counts as none
     * @param priorBreakGlassInWindow the requester's earlier break-glass grants within the policy's repeat window
     *     (see {@link #breakGlassInWindow})
     */
    public static Verdict decide(
            AccessPolicy policy,
            Role requesterRole,
            AccessRequest request,
            Optional<RiskAttestation> attestation,
            long priorBreakGlassInWindow,
            Instant now) {
        Objects.requireNonNull(requesterRole, "requesterRole");
        Objects.requireNonNull(now, "now");
        RiskAttestation used = attestation.filter(a -> a.liveAt(now)).orElse(null);
        if (used != null && !used.patientRef().equals(request.patientRef())) {
            throw new IllegalArgumentException("the attestation is about another patient");
        }
        RiskClass risk = used == null ? RiskClass.UNKNOWN : used.riskClass();
        String situation = "role " + requesterRole.wire() + ", purpose "
                + request.purpose().wire() + ", risk " + risk.wire();

        Integer matched = null;
        for (int i = 0; i < policy.rules().size() && matched == null; i++) {
            if (policy.rules().get(i).matches(requesterRole, request.purpose(), risk)) {
                matched = i;
            }
        }
        String denial;
        if (matched == null) {
            denial = "no rule matches " + situation;
        } else if (!policy.rules().get(matched).allows()) {
            denial = "rule " + matched + " denies " + situation;
        } else {
            PolicyRule rule = policy.rules().get(matched);
            List<RecordScope> scopes = narrowed(rule.scopes(), request.scopes());
            if (!scopes.isEmpty()) {
                return new Verdict(
                        true,
                        risk,
                        used,
                        matched,
                        scopes,
                        now.plusSeconds(rule.grantSeconds()),
                        false,
                        false,
                        0,
                        "rule " + matched + " allows " + situation);
            }
            denial = "scope not allowed: rule " + matched + " allows " + EnumLists.wires(rule.scopes()) + " for "
                    + situation + ", requested " + EnumLists.wires(request.scopes());
        }

        if (!request.purpose().emergency()) {
            return denied(risk, used, matched, denial);
        }
        BreakGlassPolicy breakGlass = policy.breakGlass();
        if (!breakGlass.roles().contains(requesterRole)) {
            return denied(
                    risk,
                    used,
                    matched,
                    "role " + requesterRole.wire() + " may not break the glass (break-glass roles: "
                            + EnumLists.wires(breakGlass.roles()) + "; " + denial + ")");
        }
        if (request.reason() == null) {
            return denied(risk, used, matched, NEEDS_REASON + " (" + denial + ")");
        }
        List<RecordScope> scopes = narrowed(breakGlass.scopes(), request.scopes());
        if (scopes.isEmpty()) {
            return denied(
                    risk,
                    used,
                    matched,
                    "scope not allowed: break-glass allows " + EnumLists.wires(breakGlass.scopes()) + ", requested "
                            + EnumLists.wires(request.scopes()) + " (" + denial + ")");
        }
        boolean flagged = priorBreakGlassInWindow >= breakGlass.repeatThreshold() - 1;
        return new Verdict(
                true,
                risk,
                used,
                matched,
                scopes,
                now.plusSeconds(breakGlass.grantSeconds()),
                true,
                flagged,
                priorBreakGlassInWindow,
                "break-glass for emergency treatment (" + denial + "); review opened"
                        + (flagged
                                ? "; repeat use flagged: " + priorBreakGlassInWindow + " earlier break-glass grant(s)"
                                        + " within " + breakGlass.repeatWindowSeconds() + " s"
                                : ""));
    }

    /** How many of a requester's break-glass grants, decided at {@code decidedAt}, fall in the window before now. */
    public static long breakGlassInWindow(Collection<Instant> decidedAt, BreakGlassPolicy policy, Instant now) {
        Instant start = now.minusSeconds(policy.repeatWindowSeconds());
        return decidedAt.stream()
                .filter(at -> !at.isBefore(start) && !at.isAfter(now))
                .count();
    }

    private static List<RecordScope> narrowed(List<RecordScope> allowed, List<RecordScope> requested) {
        return requested == null
                ? allowed
                : allowed.stream().filter(requested::contains).toList();
    }

    private static Verdict denied(RiskClass risk, RiskAttestation used, Integer matched, String explanation) {
        return new Verdict(false, risk, used, matched, List.of(), null, false, false, 0, explanation);
    }
}
