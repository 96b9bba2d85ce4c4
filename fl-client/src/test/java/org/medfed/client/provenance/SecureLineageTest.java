package org.medfed.client.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.JsonFields;

/** A round whose updates are masked inputs is marked as securely aggregated; a round in clear is not. */
class SecureLineageTest {

    /** {@link LineageSamples#round1()} with every contribution a masked input. */
    private static Map<String, Object> maskedRound1() {
        Map<String, Object> json = new TreeMap<>(LineageSamples.round1());
        List<Object> contributions = new ArrayList<>();
        for (Map<String, Object> c : JsonFields.objects(json, "contributions")) {
            Map<String, Object> update = new TreeMap<>(JsonFields.object(c, "update"));
            update.put("kind", "masked");
            Map<String, Object> copy = new TreeMap<>(c);
            copy.put("update", update);
            contributions.add(copy);
        }
        json.put("contributions", contributions);
        return json;
    }

    private static Lineage lineage(Map<String, Object> round1) {
        return new Lineage(
                LineageSamples.ROUND1.cid(),
                List.of(new TaskLineage(
                        LineageSamples.TASK,
                        "WDBC MLP",
                        LineageSamples.STRATEGY,
                        List.of(RoundLineage.fromJson(round1), RoundLineage.fromJson(LineageSamples.initial())))));
    }

    @Test
    void theTreeMarksASecurelyAggregatedRoundAndSaysNoUpdateWasSeenAlone() {
        String text = String.join("\n", LineageTree.render(lineage(maskedRound1())));

        assertThat(text)
                .contains("round 1: " + LineageSamples.ROUND1.cid())
                .contains("[secure aggregation]")
                .contains("only the sum of the 2 masked inputs was unmasked");
    }

    @Test
    void theMermaidGraphMarksASecurelyAggregatedRound() {
        assertThat(String.join("\n", LineageMermaid.render(lineage(maskedRound1()))))
                .contains("secure aggregation");
    }

    @Test
    void aRoundInClearIsNotMarked() {
        Lineage clear = lineage(LineageSamples.round1());

        assertThat(String.join("\n", LineageTree.render(clear))).doesNotContain("secure");
        assertThat(String.join("\n", LineageMermaid.render(clear))).doesNotContain("secure");
    }
}
