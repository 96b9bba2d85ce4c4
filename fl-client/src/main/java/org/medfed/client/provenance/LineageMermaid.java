package org.medfed.client.provenance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.medfed.common.model.Exclusion;

/**
 * A lineage as a Mermaid {@code graph TD}: data flows downwards, from the initial model through each round's global
 * model; every contributing update points at the model it went into, every excluded one too, dashed.
 */
public final class LineageMermaid {
    private LineageMermaid() {}

    public static List<String> render(Lineage lineage) {
        List<String> lines = new ArrayList<>(List.of("graph TD"));
        for (int t = 0; t < lineage.tasks().size(); t++) {
            TaskLineage task = lineage.tasks().get(t);
            List<RoundLineage> oldestFirst = new ArrayList<>(task.rounds());
            Collections.reverse(oldestFirst);
            String previous = null;
            for (RoundLineage round : oldestFirst) {
                String id = "t" + t + "r" + round.round();
                String title = round.initial()
                        ? label("initial model of " + task.taskId())
                        : label("round " + round.round() + " of " + task.taskId()) + "<br/>"
                                + label(LineageText.strategy(task.strategy())
                                        + (round.secure() ? ", secure aggregation" : ""));
                lines.add("  " + id + "[\"" + title + "<br/>"
                        + label(round.model().cid()) + "\"]");
                if (previous != null) {
                    lines.add("  " + previous + " --> " + id);
                }
                contributions(lines, id, round);
                previous = id;
            }
        }
        return lines;
    }

    private static void contributions(List<String> lines, String model, RoundLineage round) {
        for (int i = 0; i < round.contributors().size(); i++) {
            Contributor c = round.contributors().get(i);
            String id = model + "u" + i;
            lines.add("  " + id + "[/\"" + label(c.displayName() + " (" + c.mspId() + ")") + "<br/>"
                    + label("dataset " + c.datasetId() + ", " + c.numExamples() + " examples") + "<br/>"
                    + label("quality " + LineageText.number(c.qualityScore()) + ", epsilon "
                            + (c.epsilon() == null ? "none (no DP)" : LineageText.number(c.epsilon()))
                            + ", reputation "
                            + LineageText.number(c.reputationAtSubmission()))
                    + "\"/]");
            lines.add("  " + id + " --> " + model);
        }
        if (round.aggregation() == null) {
            return;
        }
        for (int i = 0; i < round.aggregation().excluded().size(); i++) {
            Exclusion e = round.aggregation().excluded().get(i);
            String id = model + "x" + i;
            lines.add("  " + id + "[\"" + label("excluded " + LineageText.shortHex(e.participantId())) + "<br/>"
                    + label(e.reason().wire()) + "\"]");
            lines.add("  " + id + " -.->|excluded| " + model);
        }
    }

    /** Mermaid labels in double quotes may hold anything but a double quote and angle brackets. */
    static String label(String text) {
        return text.replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }
}
