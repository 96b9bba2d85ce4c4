package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.medfed.client.access.ReleaseAudit;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;

/**
 * The measures of an access-request stream ({@link AccessStream}), from each request's recorded decision and what
 * the same policy decides with the patient's true risk class: how often emergency treatment of a truly serious or
 * critical patient was denied, how often a non-emergency request got more than the truth allows, and whether every
 * release has a grant that covered it.
 */
final class AccessMeasures {

    private AccessMeasures() {}

    /**
     * One request of the stream.
     *
     * @param reason whether it carried a written reason
     * @param decidedRisk the risk the ledger decided with (unknown: no live attestation)
     * @param scopes what the ledger granted (empty when denied)
     * @param truthScopes what the policy grants with an attestation of the true class (empty: it denies)
     */
    record Case(
            Role role,
            PurposeOfUse purpose,
            boolean reason,
            RiskClass trueRisk,
            RiskClass decidedRisk,
            boolean granted,
            boolean breakGlass,
            List<RecordScope> scopes,
            List<RecordScope> truthScopes) {
        Case {
            scopes = List.copyOf(scopes);
            truthScopes = List.copyOf(truthScopes);
        }

        /** Emergency treatment by a clinician of a patient truly serious or critical: it should be granted. */
        boolean urgent() {
            return purpose == PurposeOfUse.ETREAT && role == Role.CLINICIAN && severe(trueRisk);
        }

        /** A non-emergency grant of a scope the policy would not grant with the true class. */
        boolean wronglyGranted() {
            return purpose != PurposeOfUse.ETREAT && granted && !truthScopes.containsAll(scopes);
        }
    }

    /** A count out of a total. */
    record Rate(long count, long total) {
        double value() {
            return total == 0 ? 0 : (double) count / total;
        }

        @Override
        public String toString() {
            return total == 0
                    ? "0 of 0"
                    : String.format(java.util.Locale.ROOT, "%d of %d (%.1f%%)", count, total, 100 * value());
        }
    }

    /**
     * Clinicians' emergency requests for truly serious or critical patients.
     *
     * @param underRated denied while the attestation said stable
     * @param unknown denied while no attestation was live
     * @param breakGlass granted only by break-glass (narrow and short)
     */
    record Emergency(
            Rate denied,
            Rate deniedWithReason,
            Rate deniedWithoutReason,
            long underRated,
            long unknown,
            long breakGlass) {}

    /**
     * Non-emergency requests.
     *
     * @param wronglyGranted granted where the true class gives less
     * @param truthDenies of those, where the true class gives nothing
     * @param overRated of those, where the attestation rated the patient above its true class
     */
    record NonEmergency(Rate wronglyGranted, long granted, long truthDenies, long overRated) {}

    static Emergency emergency(List<Case> cases) {
        List<Case> urgent = cases.stream().filter(Case::urgent).toList();
        List<Case> denied = urgent.stream().filter(c -> !c.granted()).toList();
        return new Emergency(
                new Rate(denied.size(), urgent.size()),
                new Rate(
                        denied.stream().filter(Case::reason).count(),
                        urgent.stream().filter(Case::reason).count()),
                new Rate(
                        denied.stream().filter(c -> !c.reason()).count(),
                        urgent.stream().filter(c -> !c.reason()).count()),
                denied.stream().filter(c -> c.decidedRisk() == RiskClass.STABLE).count(),
                denied.stream()
                        .filter(c -> c.decidedRisk() == RiskClass.UNKNOWN)
                        .count(),
                urgent.stream().filter(c -> c.granted() && c.breakGlass()).count());
    }

    static NonEmergency nonEmergency(List<Case> cases) {
        List<Case> asked =
                cases.stream().filter(c -> c.purpose() != PurposeOfUse.ETREAT).toList();
        List<Case> wrong = asked.stream().filter(Case::wronglyGranted).toList();
        return new NonEmergency(
                new Rate(wrong.size(), asked.size()),
                asked.stream().filter(Case::granted).count(),
                wrong.stream().filter(c -> c.truthScopes().isEmpty()).count(),
                wrong.stream()
                        .filter(c -> severity(c.decidedRisk()) > severity(c.trueRisk()))
                        .count());
    }

    static boolean severe(RiskClass risk) {
        return risk == RiskClass.SERIOUS || risk == RiskClass.CRITICAL;
    }

    /** Stable < serious < critical; unknown counts as no rating at all. */
    private static int severity(RiskClass risk) {
        return switch (risk) {
            case UNKNOWN -> -1;
            case STABLE -> 0;
            case SERIOUS -> 1;
            case CRITICAL -> 2;
        };
    }

    /**
     * The release audit: every release against the decision it names.
     *
     * @param problems why each unmatched release does not match
     * @param grantsWithoutRelease grants under which nothing was released
     */
    record Audit(long releases, long matched, List<String> problems, long grants, long grantsWithoutRelease) {
        Audit {
            problems = List.copyOf(problems);
        }

        long unmatched() {
            return releases - matched;
        }
    }

    /**
     * Checks each release against the decisions: the one it names must be a grant to the same requester, of the
     * same patient by the same holder, decided before the release and covering its scope at release time
     * ({@link AccessDecision#covers}, the ledger's own test).
     */
    static Audit audit(Collection<AccessDecision> decisions, Collection<ReleaseRecord> releases) {
        Map<String, AccessDecision> byId =
                decisions.stream().collect(Collectors.toMap(AccessDecision::id, Function.identity()));
        List<String> problems = new ArrayList<>();
        Set<String> released = new HashSet<>();
        for (ReleaseRecord release : releases) {
            ReleaseAudit.problem(release, byId)
                    .ifPresent(problem -> problems.add("release " + release.id() + ": " + problem));
            released.add(release.decisionId());
        }
        long grants = decisions.stream().filter(AccessDecision::granted).count();
        long unused = decisions.stream()
                .filter(d -> d.granted() && !released.contains(d.id()))
                .count();
        return new Audit(releases.size(), releases.size() - problems.size(), problems, grants, unused);
    }

    /** The risk model's confusion on the simulated patients: {@code counts[true][predicted]}. */
    record Confusion(List<String> classes, long[][] counts) {
        static Confusion of(List<String> classes, int[] truth, int[] predicted) {
            long[][] counts = new long[classes.size()][classes.size()];
            for (int i = 0; i < truth.length; i++) {
                counts[truth[i]][predicted[i]]++;
            }
            return new Confusion(List.copyOf(classes), counts);
        }

        Rate recall(int c) {
            long total = 0;
            for (long n : counts[c]) {
                total += n;
            }
            return new Rate(counts[c][c], total);
        }

        Rate accuracy() {
            long right = 0;
            long total = 0;
            for (int t = 0; t < counts.length; t++) {
                right += counts[t][t];
                for (long n : counts[t]) {
                    total += n;
                }
            }
            return new Rate(right, total);
        }
    }
}
