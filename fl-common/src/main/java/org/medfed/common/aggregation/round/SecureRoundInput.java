package org.medfed.common.aggregation.round;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RoundKeys;

/**
 * What unmasking a secure round needs besides the masked inputs (its {@link RoundInput#updates()}, the survivors):
 * the attempt, every participant's public keys (U1, which fixes the neighbour graph and the Shamir abscissas), the
 * participants that posted shares (U2) and the survivors' reveals. All of it is on the ledger, so anyone can unmask
 * the round again ({@code medfed verify}); no share of a survivor's mask key or a dropout's seed is ever in it.
 */
public record SecureRoundInput(long attempt, List<RoundKeys> keys, List<String> withShares, List<Reveal> reveals)
        implements JsonRecord {

    public SecureRoundInput {
        Checks.range("attempt", attempt, 1, Long.MAX_VALUE);
        keys = keys.stream()
                .sorted(Comparator.comparing(RoundKeys::participantId))
                .toList();
        withShares = withShares.stream().sorted().distinct().toList();
        reveals = reveals.stream()
                .sorted(Comparator.comparing(Reveal::participantId))
                .toList();
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("attempt", attempt);
        json.put("keys", keys.stream().map(RoundKeys::toJson).toList());
        json.put("withShares", withShares);
        json.put("reveals", reveals.stream().map(Reveal::toJson).toList());
        return json;
    }

    public static SecureRoundInput fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "attempt", "keys", "withShares", "reveals");
        return new SecureRoundInput(
                JsonFields.integer(json, "attempt"),
                JsonFields.objects(json, "keys").stream()
                        .map(RoundKeys::fromJson)
                        .toList(),
                JsonFields.strings(json, "withShares"),
                JsonFields.objects(json, "reveals").stream()
                        .map(Reveal::fromJson)
                        .toList());
    }
}
