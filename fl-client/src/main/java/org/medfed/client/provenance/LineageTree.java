package org.medfed.client.provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.client.view.DatasetUseFields;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.subset.SubsetExclusion;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.WarmUpRecord;

/** A lineage as an indented tree for the terminal: the model, its task, then each round down to the initial model. */
public final class LineageTree {
    private LineageTree() {}

    public static List<String> render(Lineage lineage) {
        Node root = new Node("model " + lineage.query());
        for (TaskLineage task : lineage.tasks()) {
            Node taskNode = root.add("task " + task.taskId() + " \"" + task.title() + "\", strategy "
                    + LineageText.strategy(task.strategy()));
            if (task.retention() != null) {
                taskNode.add("retention: " + task.retention().describe() + " (models and optimizer states are kept)");
            }
            for (RoundLineage round : task.rounds()) {
                round(taskNode, round, task);
            }
        }
        List<String> lines = new ArrayList<>();
        root.print(lines, "", "");
        return lines;
    }

    private static void round(Node parent, RoundLineage round, TaskLineage task) {
        if (round.initial()) {
            boolean warm = "warm-up".equals(round.ledgerJson().get("origin"));
            Node node = parent.add(
                    "round 0: " + (warm ? "warm model " : "initial model ") + LineageText.model(round.model()));
            if (warm) {
                sharedRows(node, round);
            }
            return;
        }
        Node node = parent.add("round " + round.round() + ": " + LineageText.model(round.model())
                + (round.secure() ? " [secure aggregation]" : ""));
        node.add((round.secure() ? "securely aggregated " : "aggregated ")
                + round.aggregation().recordedAt()
                + " from " + LineageText.model(round.aggregation().parentModel()) + " [tx "
                + round.aggregation().txId() + "]");
        String released = task.releasedInputs().get(round.round());
        if (released != null) {
            node.add(released);
        }
        if (round.secure()) {
            node.add("only the sum of the " + round.contributors().size() + " masked inputs was unmasked; no update"
                    + " below was seen on its own");
        }
        for (Contributor c : round.contributors()) {
            Node update = node.add("update of " + c.displayName() + " (" + c.role() + ", " + c.mspId() + ", "
                    + c.participantId() + "), quality " + LineageText.number(c.qualityScore()));
            update.add("blob " + LineageText.model(c.update()) + ", " + c.kind() + ", " + c.numExamples()
                    + " examples, submitted " + c.submittedAt() + " [tx " + c.txId() + "]");
            update.add("metrics " + LineageText.metrics(c.metrics()));
            update.add("dataset " + c.datasetId() + ": schema sha256 " + c.schemaSha256() + ", content sha256 "
                    + c.contentSha256());
            update.add("privacy: "
                    + (c.epsilon() == null
                            ? "none, the task is not differentially private"
                            : "epsilon " + LineageText.number(c.epsilon()) + " spent after this update")
                    + " (noise "
                    + LineageText.number(c.dp().noiseMultiplier()) + ", clip " + LineageText.number(c.dp().clipNorm())
                    + ", sampling " + LineageText.number(c.dp().samplingRate()) + ", " + c.dp().steps() + " steps)");
            update.add("reputation " + LineageText.number(c.reputationAtSubmission()) + " at submission");
            update.add(usage(c));
            if (c.datasetUse() != null) {
                update.add("dataset use now " + c.datasetUse().status().wire() + " since "
                        + c.datasetUse().decidedAt()
                        + (c.datasetUse().reason() == null
                                ? ""
                                : " (" + c.datasetUse().reason() + ")"));
            }
        }
        for (Exclusion e : round.aggregation().excluded()) {
            node.add("excluded " + e.participantId() + ": " + e.reason().wire()
                    + (e.detail() == null ? "" : " (" + e.detail() + ")"));
        }
    }

    /** The rows that left their sites for the warm-up: each contribution with its holder, classes and hashes. */
    @SuppressWarnings("unchecked")
    private static void sharedRows(Node node, RoundLineage round) {
        Map<String, Object> subset = (Map<String, Object>) round.ledgerJson().get("sharedSubset");
        if (subset == null) {
            return;
        }
        WarmUpRecord warmUp = WarmUpRecord.fromJson((Map<String, Object>) subset.get("warmUp"));
        node.add("warmed up " + warmUp.recordedAt() + " from the initial model "
                + LineageText.model(warmUp.initialModel())
                + " on " + warmUp.request().rows() + " shared rows "
                + warmUp.request().classCounts() + " [tx "
                + warmUp.txId() + "]");
        for (Object item : (List<Object>) subset.get("contributions")) {
            SubsetShare share = SubsetShare.fromJson((Map<String, Object>) item);
            node.add("rows that left dataset " + share.datasetId() + " (holder " + share.holderId() + "): "
                    + share.contribution().rows() + " rows "
                    + share.contribution().classCounts() + ", rows sha256 "
                    + share.contribution().rowsSha256() + ", sealed to "
                    + share.contribution().wrappedKeys().keySet()
                    + ", consent \"" + share.contribution().consent() + "\" [tx " + share.txId() + "]");
        }
        for (SubsetExclusion e : warmUp.request().excluded()) {
            node.add("contribution of " + e.datasetId() + " excluded: " + e.detail());
        }
    }

    private static String usage(Contributor c) {
        UsageReceipt r = c.usage();
        if (r == null) {
            return "usage receipt: none on the ledger";
        }
        return "usage receipt: " + r.numExamples() + " examples of " + r.datasetId() + " (holder " + r.holderId()
                + ")" + (r.purpose() == null ? "" : " for " + r.purpose().wire()) + ", approval "
                + DatasetUseFields.approval(r) + ", aggregated " + r.aggregatedAt();
    }

    private static final class Node {
        private final String text;
        private final List<Node> children = new ArrayList<>();

        Node(String text) {
            this.text = text;
        }

        Node add(String child) {
            Node node = new Node(child);
            children.add(node);
            return node;
        }

        void print(List<String> lines, String lead, String childLead) {
            lines.add(lead + text);
            for (int i = 0; i < children.size(); i++) {
                boolean last = i == children.size() - 1;
                children.get(i).print(lines, childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "));
            }
        }
    }
}
