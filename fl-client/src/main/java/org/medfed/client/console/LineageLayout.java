package org.medfed.client.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.medfed.client.provenance.Contributor;
import org.medfed.client.provenance.RoundLineage;
import org.medfed.client.provenance.TaskLineage;
import org.medfed.client.view.Table;
import org.medfed.common.model.Exclusion;

/**
 * The lineage graph's nodes and edges, and where each node sits: a grid with one lane (column) per dataset, then one
 * per excluded participant whose dataset the lineage does not name, and the global models' column on the right; one
 * row per round, oldest at the top (row 0: the datasets and the initial model). Two nodes of one round in one lane
 * (two participants sharing a dataset) stack in that cell.
 */
final class LineageLayout {

    /** A node: what it is, where it links, and what it shows (a few short lines; the whole story in a tooltip). */
    record Node(
            String id,
            String kind,
            String href,
            String name,
            List<String> lines,
            String tooltip,
            int lane,
            int row,
            int slot,
            boolean masked) {}

    /** An edge from one node id to another: its kind, its relation in words, and a tooltip. */
    record Edge(String from, String to, String kind, String relation, String tooltip) {}

    static final String DATASET = "dataset";
    static final String INITIAL = "initial";
    static final String UPDATE = "update";
    static final String EXCLUDED = "excluded";
    static final String MODEL = "model";

    static final String TRAINED_ON = "trained-on";
    static final String CONTRIBUTED = "contributed";
    static final String BASE = "base";

    final TaskLineage task;
    final List<String> lanes = new ArrayList<>();
    final Map<String, Node> nodes = new LinkedHashMap<>();
    final List<Edge> edges = new ArrayList<>();
    final List<RoundLineage> rows;
    /** Per row, the most nodes any of its cells holds. */
    final int[] slots;

    private final Map<String, Contributor> latest = new HashMap<>();
    private final Map<String, Integer> cellFill = new HashMap<>();

    LineageLayout(TaskLineage task) {
        this.task = task;
        List<RoundLineage> oldestFirst = new ArrayList<>(task.rounds());
        Collections.reverse(oldestFirst);
        this.rows = List.copyOf(oldestFirst);
        this.slots = new int[rows.size()];
        // The newest update of each participant names it and its dataset (oldest first, so later ones overwrite).
        for (RoundLineage round : rows) {
            round.contributors().forEach(c -> latest.put(c.participantId(), c));
        }
        TreeSet<String> datasets = new TreeSet<>();
        TreeSet<String> strangers = new TreeSet<>();
        for (RoundLineage round : rows) {
            round.contributors().forEach(c -> datasets.add(c.datasetId()));
            for (Exclusion e : exclusions(round)) {
                if (!latest.containsKey(e.participantId())) {
                    strangers.add(e.participantId());
                }
            }
        }
        lanes.addAll(datasets);
        lanes.addAll(strangers);
        datasets.forEach(this::dataset);
        Node previous = null;
        for (int row = 0; row < rows.size(); row++) {
            previous = round(row, rows.get(row), previous);
        }
        for (int row = 0; row < rows.size(); row++) {
            slots[row] = Math.max(1, slots[row]);
        }
    }

    /** The model column, right of every lane. */
    int modelLane() {
        return lanes.size();
    }

    private void dataset(String datasetId) {
        Contributor holder = rows.stream()
                .flatMap(r -> r.contributors().stream())
                .filter(c -> c.datasetId().equals(datasetId))
                .reduce((first, second) -> second)
                .orElseThrow();
        long rounds = rows.stream()
                .filter(r ->
                        r.contributors().stream().anyMatch(c -> c.datasetId().equals(datasetId)))
                .count();
        add(new Node(
                datasetId(datasetId),
                DATASET,
                Links.record("dataset~" + datasetId),
                "Dataset " + datasetId,
                List.of(datasetId, "held by " + holder.displayName(), "used in " + plural(rounds, "round")),
                String.join(
                        "\n",
                        "Dataset " + datasetId,
                        "held by " + holder.displayName() + " (" + holder.mspId() + ")",
                        "schema sha256 " + holder.schemaSha256(),
                        "content sha256 " + holder.contentSha256() + " (in round " + roundOf(holder) + ")"),
                lanes.indexOf(datasetId),
                0,
                0,
                false));
    }

    private Node round(int row, RoundLineage round, Node previous) {
        Node model = round.initial() ? initial(round) : model(row, round);
        if (previous != null) {
            edges.add(new Edge(
                    previous.id(),
                    model.id(),
                    BASE,
                    "base of",
                    "Round " + round.round() + " starts from the "
                            + (rows.get(row - 1).initial()
                                    ? "initial model"
                                    : "global model of round "
                                            + rows.get(row - 1).round())));
        }
        for (Contributor c : round.contributors()) {
            Node update = update(row, round, c);
            edges.add(new Edge(
                    datasetId(c.datasetId()),
                    update.id(),
                    TRAINED_ON,
                    "training data for",
                    c.displayName() + "'s update of round " + round.round() + " was trained on " + c.datasetId() + ", "
                            + plural(c.numExamples(), "example")));
            edges.add(new Edge(
                    update.id(),
                    model.id(),
                    CONTRIBUTED,
                    "contributed to",
                    c.displayName() + "'s update contributed to the global model of round " + round.round()
                            + ", quality " + Table.text(c.qualityScore())));
        }
        for (Exclusion e : exclusions(round)) {
            Node excluded = excluded(row, round, e);
            edges.add(new Edge(
                    excluded.id(),
                    model.id(),
                    EXCLUDED,
                    "excluded: " + e.reason().wire(),
                    "excluded: " + e.reason().wire() + (e.detail() == null ? "" : " (" + e.detail() + ")")));
        }
        return model;
    }

    private Node initial(RoundLineage round) {
        return add(new Node(
                modelId(0),
                INITIAL,
                Links.record("task~" + task.taskId()),
                "Initial model",
                List.of("Initial model", "round 0", Svg.shortCid(round.model().cid())),
                String.join(
                        "\n",
                        "Initial model of task " + task.taskId() + " (" + task.title() + ")",
                        "CID " + round.model().cid(),
                        "sha256 " + round.model().sha256()),
                modelLane(),
                0,
                0,
                false));
    }

    private Node model(int row, RoundLineage round) {
        int updates = round.contributors().size();
        int excluded = exclusions(round).size();
        String summary = round.secure()
                ? "secure aggregation"
                : plural(updates, "update") + (excluded == 0 ? "" : ", " + excluded + " excluded");
        List<String> tooltip = new ArrayList<>(List.of(
                "Global model of round " + round.round() + " of task " + task.taskId(),
                "CID " + round.model().cid(),
                "sha256 " + round.model().sha256(),
                "strategy " + task.strategy().name() + ", " + summary));
        if (round.aggregation() != null) {
            tooltip.add("aggregation transaction " + round.aggregation().txId() + " at "
                    + round.aggregation().recordedAt());
        }
        return add(new Node(
                modelId(round.round()),
                MODEL,
                Links.round(task.taskId(), round.round()),
                "Global model, round " + round.round(),
                List.of(
                        "Global model " + round.round(),
                        summary,
                        Svg.shortCid(round.model().cid())),
                String.join("\n", tooltip),
                modelLane(),
                row,
                0,
                false));
    }

    private Node update(int row, RoundLineage round, Contributor c) {
        int lane = lanes.indexOf(c.datasetId());
        List<String> tooltip = new ArrayList<>(List.of(
                "Update of " + c.displayName() + " (" + c.mspId() + ") in round " + round.round(),
                "CID " + c.update().cid(),
                "sha256 " + c.update().sha256(),
                "transaction " + c.txId(),
                "dataset " + c.datasetId() + ", " + plural(c.numExamples(), "example") + ", content sha256 "
                        + c.contentSha256(),
                "quality " + Table.text(c.qualityScore()) + ", reputation "
                        + Table.text(c.reputationAtSubmission()) + ", epsilon "
                        + (c.epsilon() == null ? "none (no DP)" : Table.text(c.epsilon()))));
        if (round.secure()) {
            tooltip.add("a masked input: only the sum of the round's "
                    + round.contributors().size() + " masked inputs was unmasked");
        }
        return add(new Node(
                updateId(UPDATE, round.round(), c.participantId()),
                UPDATE,
                Links.search(c.txId()),
                "Update of " + c.displayName() + ", round " + round.round(),
                List.of(
                        c.displayName(),
                        round.secure() ? "masked input" : plural(c.numExamples(), "example"),
                        Svg.shortCid(c.update().cid())),
                String.join("\n", tooltip),
                lane,
                row,
                nextSlot(row, lane),
                round.secure()));
    }

    private Node excluded(int row, RoundLineage round, Exclusion e) {
        Contributor known = latest.get(e.participantId());
        String who = known == null ? shortHex(e.participantId()) : known.displayName();
        int lane = known == null ? lanes.indexOf(e.participantId()) : lanes.indexOf(known.datasetId());
        return add(new Node(
                updateId(EXCLUDED, round.round(), e.participantId()),
                EXCLUDED,
                Links.search(e.participantId()),
                "Excluded update of " + who + ", round " + round.round(),
                // The reason alone fits the box; its dashed border, its edge and the edge's label say "excluded".
                List.of(who, e.reason().wire(), e.detail() == null ? shortHex(e.participantId()) : e.detail()),
                String.join(
                        "\n",
                        "Update of " + who + " excluded from round " + round.round(),
                        "participant " + e.participantId(),
                        "reason " + e.reason().wire() + (e.detail() == null ? "" : ": " + e.detail())),
                lane,
                row,
                nextSlot(row, lane),
                false));
    }

    private Node add(Node node) {
        if (nodes.putIfAbsent(node.id(), node) != null) {
            throw new IllegalArgumentException("the lineage names node " + node.id() + " twice");
        }
        return node;
    }

    private int nextSlot(int row, int lane) {
        int slot = cellFill.merge(row + ":" + lane, 1, Integer::sum) - 1;
        slots[row] = Math.max(slots[row], slot + 1);
        return slot;
    }

    private long roundOf(Contributor holder) {
        return rows.stream()
                .filter(r -> r.contributors().contains(holder))
                .mapToLong(RoundLineage::round)
                .max()
                .orElse(0);
    }

    private static List<Exclusion> exclusions(RoundLineage round) {
        return round.aggregation() == null ? List.of() : round.aggregation().excluded();
    }

    static String datasetId(String dataset) {
        return DATASET + ":" + dataset;
    }

    static String modelId(long round) {
        return MODEL + ":" + round;
    }

    static String updateId(String kind, long round, String participantId) {
        return kind + ":" + round + ":" + participantId;
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** The first 12 hex digits: enough to tell participants apart on a screen. */
    static String shortHex(String hex) {
        return hex.length() <= 12 ? hex : hex.substring(0, 12) + "…";
    }
}
