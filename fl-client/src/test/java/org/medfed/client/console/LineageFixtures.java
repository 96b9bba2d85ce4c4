package org.medfed.client.console;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.provenance.Contributor;
import org.medfed.client.provenance.RoundLineage;
import org.medfed.client.provenance.TaskLineage;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.StrategySpec;

/** Lineages built from the records' constructors, as provenance:getModelLineage would have them decoded. */
final class LineageFixtures {
    static final String TASK = "wdbc-mlp";
    static final String HOSPITAL = sha("hospital");
    static final String CLINIC = sha("clinic");

    private LineageFixtures() {}

    static String sha(String label) {
        return Hashing.sha256Hex(label.getBytes(StandardCharsets.UTF_8));
    }

    static ContentRef ref(String label) {
        return new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha(label)), sha(label));
    }

    /** A site: participant id, display name, dataset. */
    record Site(String participantId, String displayName, String datasetId) {}

    static final Site HOSPITAL_SITE = new Site(HOSPITAL, "Hospital ward", "wdbc-hospital");
    static final Site CLINIC_SITE = new Site(CLINIC, "Clinic", "wdbc-clinic");

    static Contributor contributor(Site site, long round, String kind) {
        return new Contributor(
                site.participantId(),
                site.displayName().replaceAll("\\W", "") + "MSP",
                site.displayName(),
                "hospital",
                ref(site.displayName() + " update " + round),
                300,
                kind,
                new TreeMap<>(Map.of("accuracy", new BigDecimal("0.9"))),
                Instant.parse("2026-03-01T09:00:00Z").plusSeconds(round * 3600),
                "tx-" + site.datasetId() + "-" + round,
                site.datasetId(),
                sha("schema"),
                sha("content " + site.datasetId()),
                new DpUsage(new BigDecimal("0.01"), new BigDecimal("1.1"), 100, BigDecimal.ONE),
                new BigDecimal(round + ".25"),
                new BigDecimal("0.5"),
                new BigDecimal("0.9"),
                null,
                null);
    }

    static RoundLineage initial() {
        return new RoundLineage(TASK, "WDBC MLP", 0, ref("model 0"), null, List.of(), Map.of());
    }

    static RoundLineage round(long round, List<Contributor> contributors, List<Exclusion> excluded) {
        List<Contribution> contributions = contributors.stream()
                .map(c -> new Contribution(c.participantId(), c.qualityScore()))
                .toList();
        AggregationRecord aggregation = new AggregationRecord(
                new AggregationRequest(TASK, round, ref("model " + round), contributions, excluded),
                ref("model " + (round - 1)),
                sha("recorder"),
                Instant.parse("2026-03-01T09:30:00Z").plusSeconds(round * 3600),
                "tx-agg-" + round);
        return new RoundLineage(TASK, "WDBC MLP", round, ref("model " + round), aggregation, contributors, Map.of());
    }

    static TaskLineage task(List<RoundLineage> oldestFirst) {
        List<RoundLineage> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        return new TaskLineage(TASK, "WDBC MLP", new StrategySpec("fedavg", new TreeMap<>()), newestFirst);
    }

    /** Round 1: hospital and clinic contribute; round 2: hospital contributes, the clinic's update is excluded. */
    static TaskLineage twoRounds() {
        return task(List.of(
                initial(),
                round(
                        1,
                        List.of(contributor(CLINIC_SITE, 1, "full"), contributor(HOSPITAL_SITE, 1, "full")),
                        List.of()),
                round(
                        2,
                        List.of(contributor(HOSPITAL_SITE, 2, "full")),
                        List.of(new Exclusion(CLINIC, ExclusionReason.QUALITY_REJECTED, "outlier by norm")))));
    }

    /** {@code rounds} rounds in which each of {@code sites} sites contributes (kind "masked" in even rounds). */
    static TaskLineage large(int rounds, int sites, boolean maskedEvenRounds) {
        List<RoundLineage> all = new ArrayList<>(List.of(initial()));
        for (long r = 1; r <= rounds; r++) {
            List<Contributor> contributors = new ArrayList<>();
            for (int s = 0; s < sites; s++) {
                Site site = new Site(sha("site " + s), "Site " + (char) ('A' + s), "data-" + (char) ('a' + s));
                contributors.add(contributor(site, r, maskedEvenRounds && r % 2 == 0 ? "masked" : "full"));
            }
            all.add(round(r, contributors, List.of()));
        }
        return task(all);
    }
}
