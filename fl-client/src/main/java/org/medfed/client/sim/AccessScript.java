package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.medfed.common.access.RecordScope;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.Role;

/**
 * The seeded script of an access-request stream ({@link AccessStream}): who asks for which simulated patient, for
 * which purpose, with which scopes and reason, and when. Most requests come from the role the purpose is for
 * (clinicians treat, payers bill, researchers research); a share comes from the wrong role, which the policy should
 * deny. Three in four emergency requests carry a written reason, the rest none.
 */
final class AccessScript {
    /** How many people of each requesting role ask. */
    static final int CLINICIANS = 4;

    static final int PAYERS = 2;
    static final int RESEARCHERS = 2;

    /** The share of emergency requests with a written break-glass reason. */
    static final double WITH_REASON = 0.75;

    /** Weights of (purpose, role) in the stream, in percent. */
    private static final List<Mix> MIX = List.of(
            new Mix(PurposeOfUse.ETREAT, Role.CLINICIAN, 27),
            new Mix(PurposeOfUse.ETREAT, Role.PAYER, 1.5),
            new Mix(PurposeOfUse.ETREAT, Role.RESEARCHER, 1.5),
            new Mix(PurposeOfUse.TREAT, Role.CLINICIAN, 31.5),
            new Mix(PurposeOfUse.TREAT, Role.PAYER, 3.5),
            new Mix(PurposeOfUse.HPAYMT, Role.PAYER, 17),
            new Mix(PurposeOfUse.HPAYMT, Role.CLINICIAN, 3),
            new Mix(PurposeOfUse.HRESCH, Role.RESEARCHER, 12),
            new Mix(PurposeOfUse.HRESCH, Role.CLINICIAN, 3));

    private static final List<String> REASONS = List.of(
            "eclampsia suspected on arrival, patient unresponsive",
            "collapsed in the emergency department, history needed now",
            "severe headache and blurred vision at 34 weeks",
            "transferred by ambulance, haemorrhage");

    private record Mix(PurposeOfUse purpose, Role role, double weight) {}

    /**
     * One scripted request.
     *
     * @param atSeconds when, in seconds after the stream starts
     * @param patient the patient's index among the simulated patients
     * @param requester the requester's index among the people of its role
     * @param scopes the scopes asked for, or null for whatever the deciding rule allows
     * @param reason the written reason, or null
     */
    record Request(
            long atSeconds,
            int patient,
            Role role,
            int requester,
            PurposeOfUse purpose,
            List<RecordScope> scopes,
            String reason) {}

    private AccessScript() {}

    /** {@code count} requests over {@code patients} patients, uniform over {@code spanSeconds}, in time order. */
    static List<Request> generate(SplittableRandom random, int count, int patients, long spanSeconds) {
        double total = MIX.stream().mapToDouble(Mix::weight).sum();
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double pick = random.nextDouble() * total;
            Mix mix = MIX.get(MIX.size() - 1);
            for (Mix m : MIX) {
                if (pick < m.weight()) {
                    mix = m;
                    break;
                }
                pick -= m.weight();
            }
            String reason = mix.purpose().emergency() && random.nextDouble() < WITH_REASON
                    ? REASONS.get(random.nextInt(REASONS.size()))
                    : null;
            double s = random.nextDouble();
            // Most ask for whatever the rule allows; some name what they want, which may be more than it allows.
            List<RecordScope> scopes = s < 0.8
                    ? null
                    : s < 0.9 ? List.of(RecordScope.VITALS) : List.of(RecordScope.SUMMARY, RecordScope.VITALS);
            requests.add(new Request(
                    1 + random.nextLong(spanSeconds - 1),
                    random.nextInt(patients),
                    mix.role(),
                    random.nextInt(people(mix.role())),
                    mix.purpose(),
                    scopes,
                    reason));
        }
        requests.sort(Comparator.comparingLong(Request::atSeconds));
        return requests;
    }

    /** How many people of {@code role} ask. */
    static int people(Role role) {
        return switch (role) {
            case CLINICIAN -> CLINICIANS;
            case PAYER -> PAYERS;
            case RESEARCHER -> RESEARCHERS;
            default -> throw new IllegalArgumentException("no requester of role " + role.wire() + " in the script");
        };
    }
}
