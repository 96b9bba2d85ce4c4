package org.medfed.common.round;

import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Exclusion;

/** The canonical JSON form of {@link RoundState}; absent times and models are written as null. */
final class RoundStateJson {
    private RoundStateJson() {}

    static Map<String, Object> toJson(RoundState round) {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", round.taskId());
        json.put("round", round.round());
        json.put("attempt", round.attempt());
        json.put("status", round.status().wire());
        json.put("baseModel", round.baseModel().toJson());
        json.put("openedAt", round.openedAt().toString());
        json.put("deadline", round.deadline().toString());
        json.put("consecutiveAborts", round.consecutiveAborts());
        json.put("closedAt", round.closedAt() == null ? null : round.closedAt().toString());
        json.put(
                "closeReason",
                round.closeReason() == null ? null : round.closeReason().wire());
        json.put("accepted", round.accepted());
        json.put("excluded", round.excluded().stream().map(Exclusion::toJson).toList());
        json.put(
                "aggregatedAt",
                round.aggregatedAt() == null ? null : round.aggregatedAt().toString());
        json.put(
                "resultModel",
                round.resultModel() == null ? null : round.resultModel().toJson());
        json.put(
                "abortedAttempts",
                round.abortedAttempts().stream().map(AbortedAttempt::toJson).toList());
        return json;
    }

    static RoundState fromJson(Map<String, Object> json) {
        String closeReason = JsonFields.optionalString(json, "closeReason");
        Map<String, Object> result = JsonFields.optionalObject(json, "resultModel");
        return new RoundState(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                JsonFields.integer(json, "attempt"),
                RoundStatus.fromWire(JsonFields.string(json, "status")),
                ContentRef.fromJson(JsonFields.object(json, "baseModel")),
                JsonFields.instant(json, "openedAt"),
                JsonFields.instant(json, "deadline"),
                JsonFields.integer(json, "consecutiveAborts"),
                JsonFields.optionalInstant(json, "closedAt"),
                closeReason == null ? null : CloseReason.fromWire(closeReason),
                JsonFields.strings(json, "accepted"),
                JsonFields.objects(json, "excluded").stream()
                        .map(Exclusion::fromJson)
                        .toList(),
                JsonFields.optionalInstant(json, "aggregatedAt"),
                result == null ? null : ContentRef.fromJson(result),
                JsonFields.objects(json, "abortedAttempts").stream()
                        .map(AbortedAttempt::fromJson)
                        .toList());
    }
}
