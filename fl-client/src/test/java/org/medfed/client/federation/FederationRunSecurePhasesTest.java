package org.medfed.client.federation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.round.RoundState;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecurePhases;

/** What the demo's per-round line takes from {@code secagg:getSecureRound}. */
class FederationRunSecurePhasesTest {
    private static final String P1 = "1".repeat(64);
    private static final String P2 = "2".repeat(64);
    private static final String P3 = "3".repeat(64);
    private static final String KEY = "A".repeat(43) + "=";
    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

    private static RoundKeys keys(String id) {
        return new RoundKeys("wdbc-demo", 1, 1, id, KEY, KEY, T0, "tx-" + id.charAt(0));
    }

    private static SecureRoundView view(List<String> withKeys, List<String> survivors, List<String> dropouts) {
        SecureAggregationSpec spec =
                new SecureAggregationSpec(2, 2, 2, new BigDecimal("0.5"), 13, 1024, 32, 10, 10, 20);
        RoundState round = RoundState.open("wdbc-demo", 1, new ContentRef("bafkreibase", "b".repeat(64)), T0, 60);
        Map<String, RoundKeys> keys = new TreeMap<>();
        withKeys.forEach(id -> keys.put(id, keys(id)));
        return new SecureRoundView(
                round,
                "input",
                SecurePhases.of(spec, round),
                new TreeMap<>(keys),
                new TreeMap<>(),
                new TreeMap<>(),
                survivors,
                dropouts,
                new TreeMap<>(),
                new TreeMap<>());
    }

    @Test
    void countsEachPhasesRecordsAndNamesTheDropouts() {
        FederationRun.SecurePhases phases =
                FederationRun.SecurePhases.of(view(List.of(P1, P2, P3), List.of(P1, P3), List.of(P2)));

        assertThat(phases).isEqualTo(new FederationRun.SecurePhases(1, 3, 0, 2, 0, List.of(P2)));
    }

    @Test
    void ledgerBytesAreTheStoredRecordsCanonicalJson() {
        long one = CanonicalJson.encode(keys(P1).toJson()).getBytes(UTF_8).length;

        assertThat(FederationRun.SecurePhases.recordBytes(view(List.of(P1), List.of(), List.of())))
                .isEqualTo(one)
                .isGreaterThan(100);
        assertThat(FederationRun.SecurePhases.recordBytes(view(List.of(P1, P2), List.of(), List.of())))
                .isEqualTo(2 * one);
    }
}
