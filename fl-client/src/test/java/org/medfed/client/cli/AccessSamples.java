package org.medfed.client.cli;

import java.time.Instant;
import java.util.List;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;

/** Access records as the chaincode returns them, for scripted ledgers. */
final class AccessSamples {

    static final Instant DECIDED = Instant.parse("2025-06-01T10:00:00Z");

    private AccessSamples() {}

    static AccessDecision granted(String id, String requester, String ref, String holder, RecordScope scope) {
        return new AccessDecision(
                id,
                requester,
                Role.CLINICIAN,
                ref,
                holder,
                PurposeOfUse.ETREAT,
                List.of(scope),
                "collapsed in the ward",
                1,
                RiskClass.UNKNOWN,
                null,
                null,
                AccessDecision.Outcome.GRANTED,
                true,
                List.of(scope),
                DECIDED.plusSeconds(900),
                false,
                0,
                "break-glass: emergency treatment with a written reason",
                DECIDED);
    }

    static AccessDecision denied(String id, String requester, String ref, String holder) {
        return new AccessDecision(
                id,
                requester,
                Role.CLINICIAN,
                ref,
                holder,
                PurposeOfUse.TREAT,
                null,
                null,
                1,
                RiskClass.UNKNOWN,
                null,
                null,
                AccessDecision.Outcome.DENIED,
                false,
                List.of(),
                null,
                false,
                0,
                "no rule matches",
                DECIDED);
    }

    static ReleaseRecord release(String id, AccessDecision d, RecordScope scope, Instant at) {
        return new ReleaseRecord(
                id, d.id(), d.requesterId(), d.patientRef(), d.holderId(), scope, Samples.sha("records"), at);
    }

    static String page(List<String> itemsJson) {
        return "{\"bookmark\":\"\",\"count\":" + itemsJson.size() + ",\"items\":[" + String.join(",", itemsJson) + "]}";
    }

    static String json(AccessDecision d) {
        return CanonicalJson.encode(d.toJson());
    }

    static String json(ReleaseRecord r) {
        return CanonicalJson.encode(r.toJson());
    }
}
