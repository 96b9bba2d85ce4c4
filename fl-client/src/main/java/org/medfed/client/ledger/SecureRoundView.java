package org.medfed.client.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.round.RoundState;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecurePhases;
import org.medfed.common.secagg.ShareBundle;

/**
 * {@code secagg:getSecureRound}: the current attempt of a secure round as every organisation reads it
 * (docs/secure-aggregation.md): the round, its phase at the evaluation's timestamp and the phases' ends, the posted
 * keys (U1), the neighbour graph over U1, the share bundles (U2), the survivors (U3), the dropouts once closed, the
 * reveals and, per phase, who has not done its part yet.
 */
public record SecureRoundView(
        RoundState round,
        String phase,
        SecurePhases phases,
        SortedMap<String, RoundKeys> keys,
        SortedMap<String, List<String>> neighbours,
        SortedMap<String, ShareBundle> shares,
        List<String> survivors,
        List<String> dropouts,
        SortedMap<String, Reveal> reveals,
        SortedMap<String, List<String>> missing) {

    /** The phases {@code missing} names, in protocol order. */
    public static final List<String> MISSING_PHASES = List.of("keys", "shares", "input", "reveal");

    public SecureRoundView {
        keys = new TreeMap<>(keys);
        neighbours = new TreeMap<>(neighbours);
        shares = new TreeMap<>(shares);
        survivors = List.copyOf(survivors);
        dropouts = List.copyOf(dropouts);
        reveals = new TreeMap<>(reveals);
        missing = new TreeMap<>(missing);
    }

    /** {@code participant}'s neighbours in the round's graph, sorted; none when it posted no keys. */
    public List<String> neighboursOf(String participant) {
        return neighbours.getOrDefault(participant, List.of());
    }

    /** Who has not yet done its part of {@code phase} (one of {@link #MISSING_PHASES}). */
    public List<String> missingIn(String phase) {
        return missing.getOrDefault(phase, List.of());
    }

    /** The end of the unmask phase, known once the round is closed. */
    public Optional<Instant> unmaskEnd() {
        return Optional.ofNullable(phases.unmaskEnd());
    }

    static SecureRoundView fromJson(Map<String, Object> json) {
        Map<String, Object> phases = JsonFields.object(json, "phases");
        return new SecureRoundView(
                RoundState.fromJson(JsonFields.object(json, "round")),
                JsonFields.string(json, "phase"),
                new SecurePhases(
                        JsonFields.instant(phases, "keysEnd"),
                        JsonFields.instant(phases, "sharesEnd"),
                        JsonFields.instant(phases, "inputEnd"),
                        JsonFields.optionalInstant(phases, "unmaskEnd")),
                records(json, "keys", RoundKeys::fromJson, RoundKeys::participantId),
                lists(json, "neighbours"),
                records(json, "shares", ShareBundle::fromJson, ShareBundle::participantId),
                json.get("survivors") == null ? List.of() : JsonFields.strings(json, "survivors"),
                json.get("dropouts") == null ? List.of() : JsonFields.strings(json, "dropouts"),
                records(json, "reveals", Reveal::fromJson, Reveal::participantId),
                lists(json, "missing"));
    }

    /** Records by participant, whether the answer maps them by participant or lists them. */
    private static <T> SortedMap<String, T> records(
            Map<String, Object> json,
            String field,
            Function<Map<String, Object>, T> decoder,
            Function<T, String> participant) {
        Object value = json.get(field);
        Collection<?> items = value == null
                ? List.of()
                : value instanceof Map<?, ?> map ? map.values() : JsonFields.list(json, field);
        SortedMap<String, T> byParticipant = new TreeMap<>();
        for (Object item : items) {
            T record = decoder.apply(JsonFields.object(item));
            if (byParticipant.put(participant.apply(record), record) != null) {
                throw new IllegalArgumentException(field + " holds two records of " + participant.apply(record));
            }
        }
        return byParticipant;
    }

    private static SortedMap<String, List<String>> lists(Map<String, Object> json, String field) {
        SortedMap<String, List<String>> lists = new TreeMap<>();
        Map<String, Object> object = JsonFields.optionalObject(json, field);
        if (object != null) {
            object.keySet().forEach(key -> lists.put(key, JsonFields.strings(object, key)));
        }
        return lists;
    }
}
