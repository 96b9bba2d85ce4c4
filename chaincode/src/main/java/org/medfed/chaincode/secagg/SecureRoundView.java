package org.medfed.chaincode.secagg;

import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.round.RoundStatus;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecurePhases;
import org.medfed.common.secagg.ShareBundle;

/** The answer of {@code secagg:getSecureRound} (docs/secure-aggregation.md, "Transactions and records"). */
final class SecureRoundView {
    private SecureRoundView() {}

    static Map<String, Object> of(SecureRoundRecords records, SecureAggregationSpec spec, Instant now) {
        Map<String, Object> json = new TreeMap<>();
        json.put("round", records.round().toJson());
        json.put(
                "phase",
                SecurePhases.phase(spec, records.round(), now, records.progress())
                        .wire());
        json.put("phases", SecurePhases.of(spec, records.round()).toJson());
        json.put("keys", records.keys().values().stream().map(RoundKeys::toJson).toList());
        NeighbourGraph graph = records.graph();
        Map<String, Object> neighbours = new TreeMap<>();
        for (String id : records.keys().keySet()) {
            neighbours.put(id, graph.neighbours(id).stream().toList());
        }
        json.put("neighbours", neighbours);
        json.put(
                "shares",
                records.shares().values().stream().map(ShareBundle::toJson).toList());
        json.put("survivors", records.survivors().stream().toList());
        boolean closed = records.round().status() != RoundStatus.OPEN;
        json.put("dropouts", closed ? records.dropouts().stream().toList() : java.util.List.of());
        json.put(
                "reveals",
                records.reveals().values().stream().map(Reveal::toJson).toList());
        Map<String, Object> missing = new TreeMap<>();
        missing.put(
                "keys",
                SecureRoundRecords.missing(
                        records.task().spec().eligibleParticipants(),
                        records.keys().keySet()));
        missing.put(
                "shares",
                SecureRoundRecords.missing(
                        records.keys().keySet(), records.shares().keySet()));
        missing.put("input", SecureRoundRecords.missing(records.shares().keySet(), records.survivors()));
        SortedSet<String> survivors = records.survivors();
        missing.put(
                "reveal",
                closed ? SecureRoundRecords.missing(survivors, records.reveals().keySet()) : java.util.List.of());
        json.put("missing", missing);
        return json;
    }
}
