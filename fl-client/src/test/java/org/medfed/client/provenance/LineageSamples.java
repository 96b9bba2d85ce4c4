package org.medfed.client.provenance;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.UsageReceipt;

/**
 * A hand-built lineage of task "wdbc-mlp": the initial model, round 1 (Hospital and Clinic contributed), round 2
 * (Hospital contributed, Clinic's update excluded as quality-rejected), as provenance:getModelLineage answers.
 */
public final class LineageSamples {

    public static final String TASK = "wdbc-mlp";
    public static final String HOSPITAL = sha("hospital");
    public static final String CLINIC = sha("clinic");
    public static final String RECORDER = sha("recorder");
    public static final ContentRef INITIAL = ref("initial");
    public static final ContentRef ROUND1 = ref("round 1");
    public static final ContentRef ROUND2 = ref("round 2");
    public static final StrategySpec STRATEGY =
            new StrategySpec("trimmed-mean", new TreeMap<>(Map.of("trimFraction", new BigDecimal("0.1"))));

    private LineageSamples() {}

    public static String sha(String label) {
        return Hashing.sha256Hex(label.getBytes(StandardCharsets.UTF_8));
    }

    public static ContentRef ref(String label) {
        return new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha(label)), sha(label));
    }

    /** provenance:getModelLineage's whole answer for {@code query} with these lineage objects. */
    @SafeVarargs
    public static String answer(String query, Map<String, Object>... lineages) {
        // Copied element by element: passing the generic array on would let it escape (lint "varargs").
        List<Map<String, Object>> all = new ArrayList<>();
        for (Map<String, Object> lineage : lineages) {
            all.add(lineage);
        }
        return CanonicalJson.encode(Map.of("query", query, "lineages", all));
    }

    public static Map<String, Object> initial() {
        Map<String, Object> json = base(0, INITIAL, "initial");
        json.put("parentModel", null);
        json.put("ancestry", List.of());
        json.put("aggregation", null);
        json.put("contributions", List.of());
        return json;
    }

    public static Map<String, Object> round1() {
        return aggregated(
                1,
                ROUND1,
                INITIAL,
                List.of(ancestor(0, INITIAL)),
                List.of(
                        new Contribution(HOSPITAL, new BigDecimal("0.9")),
                        new Contribution(CLINIC, new BigDecimal("0.7"))),
                List.of());
    }

    public static Map<String, Object> round2() {
        return aggregated(
                2,
                ROUND2,
                ROUND1,
                List.of(ancestor(1, ROUND1), ancestor(0, INITIAL)),
                List.of(new Contribution(HOSPITAL, new BigDecimal("0.95"))),
                List.of(new Exclusion(CLINIC, ExclusionReason.QUALITY_REJECTED, "outlier by norm")));
    }

    public static Lineage lineageOfRound2() {
        return new Lineage(
                ROUND2.cid(),
                List.of(new TaskLineage(
                        TASK,
                        "WDBC MLP",
                        STRATEGY,
                        List.of(
                                RoundLineage.fromJson(round2()),
                                RoundLineage.fromJson(round1()),
                                RoundLineage.fromJson(initial())))));
    }

    private static Map<String, Object> aggregated(
            long round,
            ContentRef model,
            ContentRef parent,
            List<Map<String, Object>> ancestry,
            List<Contribution> contributions,
            List<Exclusion> excluded) {
        Map<String, Object> json = base(round, model, "aggregated");
        AggregationRecord record = new AggregationRecord(
                new AggregationRequest(TASK, round, model, contributions, excluded),
                parent,
                RECORDER,
                at(round, 30),
                "tx-agg-" + round);
        json.put("parentModel", parent.toJson());
        json.put("ancestry", ancestry);
        json.put("aggregation", record.toJson());
        List<Map<String, Object>> details = new ArrayList<>();
        for (Contribution c : contributions) {
            details.add(contribution(round, c));
        }
        json.put("contributions", details);
        return json;
    }

    private static Map<String, Object> contribution(long round, Contribution c) {
        boolean hospital = c.participantId().equals(HOSPITAL);
        String name = hospital ? "Hospital ward" : "Clinic";
        ContentRef update = ref(name + " update " + round);
        Map<String, Object> json = new TreeMap<>();
        json.put(
                "participant",
                Map.of(
                        "id",
                        c.participantId(),
                        "mspId",
                        hospital ? "HospitalMSP" : "ClinicMSP",
                        "displayName",
                        name,
                        "role",
                        hospital ? "hospital" : "clinic"));
        json.put(
                "update",
                Map.of(
                        "cid",
                        update.cid(),
                        "sha256",
                        update.sha256(),
                        "numExamples",
                        hospital ? 300L : 200L,
                        "kind",
                        "full",
                        "metrics",
                        new TreeMap<>(Map.of(
                                "accuracy", new BigDecimal("0.9" + round), "loss", new BigDecimal("0.3" + round))),
                        "submittedAt",
                        at(round, 10).toString(),
                        "txId",
                        "tx-update-" + name.charAt(0) + round));
        json.put(
                "dataset",
                Map.of(
                        "id",
                        hospital ? "wdbc-hospital" : "wdbc-clinic",
                        "schemaSha256",
                        sha("schema"),
                        "contentSha256",
                        sha("content " + name)));
        json.put("dp", new DpUsage(new BigDecimal("0.01"), new BigDecimal("1.1"), 100, BigDecimal.ONE).toJson());
        json.put("epsilon", new BigDecimal(round + ".25"));
        json.put("reputationAtSubmission", new BigDecimal("0.5"));
        json.put("qualityScore", c.qualityScore());
        // Round 2 was trained on approved datasets, and the hospital revoked its approval after the round.
        String dataset = hospital ? "wdbc-hospital" : "wdbc-clinic";
        json.put(
                "usageReceipt",
                round == 1
                        ? null
                        : new UsageReceipt(
                                        dataset,
                                        c.participantId(),
                                        c.participantId(),
                                        TASK,
                                        round,
                                        hospital ? 300L : 200L,
                                        update.sha256(),
                                        ROUND2.sha256(),
                                        ROUND2.cid(),
                                        PurposeOfUse.HRESCH,
                                        at(round, 1),
                                        at(round, 30))
                                .toJson());
        json.put(
                "datasetUse",
                round == 1 || !hospital
                        ? null
                        : new DatasetUseApproval(
                                        TASK,
                                        dataset,
                                        c.participantId(),
                                        PurposeOfUse.HRESCH,
                                        DatasetUseStatus.REVOKED,
                                        "consent withdrawn",
                                        at(round, 45))
                                .toJson());
        return json;
    }

    private static Map<String, Object> base(long round, ContentRef model, String origin) {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", TASK);
        json.put("taskTitle", "WDBC MLP");
        json.put("round", round);
        json.put("model", model.toJson());
        json.put("origin", origin);
        return json;
    }

    private static Map<String, Object> ancestor(long round, ContentRef model) {
        return Map.of("round", round, "model", model.toJson());
    }

    static Instant at(long round, int minute) {
        return Instant.parse("2026-03-01T09:00:00Z").plusSeconds(round * 3600 + minute * 60L);
    }
}
