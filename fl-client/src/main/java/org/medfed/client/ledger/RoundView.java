package org.medfed.client.ledger;

import java.util.List;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.round.RoundState;

/** {@code round:getRound}: the round's state and the participants that have submitted an update so far. */
public record RoundView(RoundState round, List<String> submitted) {

    public RoundView {
        submitted = List.copyOf(submitted);
    }

    static RoundView fromJson(Map<String, Object> json) {
        return new RoundView(
                RoundState.fromJson(JsonFields.object(json, "round")), JsonFields.strings(json, "submitted"));
    }
}
