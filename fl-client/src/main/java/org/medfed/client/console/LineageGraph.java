package org.medfed.client.console;

import static org.medfed.client.console.LineageLayout.BASE;
import static org.medfed.client.console.LineageLayout.CONTRIBUTED;
import static org.medfed.client.console.LineageLayout.DATASET;
import static org.medfed.client.console.LineageLayout.EXCLUDED;
import static org.medfed.client.console.LineageLayout.INITIAL;
import static org.medfed.client.console.LineageLayout.MODEL;
import static org.medfed.client.console.LineageLayout.TRAINED_ON;
import static org.medfed.client.console.LineageLayout.UPDATE;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.medfed.client.provenance.RoundLineage;
import org.medfed.client.provenance.TaskLineage;

/**
 * A task's model lineage as an SVG graph, the same graph {@code LineageMermaid} writes as text: datasets, the initial
 * model, each round's updates (and excluded updates) and global models, and how each came from the others. Beside
 * it, a table of every edge, for screen readers. Pure and deterministic, like {@link SvgLineChart}, and equally free
 * of style attributes and script.
 *
 * <p>Layout: one column per dataset (then one per excluded participant whose dataset the lineage does not name), the
 * global models in a column on the right; one row per round, the datasets and the initial model at the top. A
 * dataset's edges run down a rail on its column's left; each round's updates join a bus below the row to their global
 * model, the excluded ones on a second, dashed bus.
 *
 * <p>Each node is {@code <g class="node" data-node-id="…" data-kind="…">} around an {@code <a href>}; each edge is
 * {@code <path class="edge" data-from="…" data-to="…" data-kind="…">}. Node ids (stable: tests and the browser
 * test count by them):
 *
 * <table>
 *   <caption>Nodes</caption>
 *   <tr><th>data-node-id</th><th>data-kind</th><th>links to</th></tr>
 *   <tr><td>{@code dataset:DATASET_ID}</td><td>dataset</td><td>{@code Links.record("dataset~ID")}</td></tr>
 *   <tr><td>{@code model:0}</td><td>initial</td><td>{@code Links.record("task~TASK")}</td></tr>
 *   <tr><td>{@code update:ROUND:PARTICIPANT_ID}</td><td>update</td><td>{@code Links.search(txId)}</td></tr>
 *   <tr><td>{@code excluded:ROUND:PARTICIPANT_ID}</td><td>excluded</td>
 *       <td>{@code Links.search(participantId)}</td></tr>
 *   <tr><td>{@code model:ROUND} (round ≥ 1)</td><td>model</td><td>{@code Links.round(task, round)}</td></tr>
 * </table>
 *
 * <p>Edge kinds: {@code trained-on} (dataset to update), {@code contributed} (update to its round's model),
 * {@code excluded} (excluded update to its round's model, dashed), {@code base} (model of the round before to the
 * model of the round).
 */
public final class LineageGraph {

    static final int GUTTER = 84;
    static final int COLUMN = 212;
    static final int DATASET_X = 4;
    static final int DATASET_WIDTH = 184;
    static final int RAIL = 14;
    static final int UPDATE_X = 30;
    static final int UPDATE_WIDTH = 158;
    static final int DROP = UPDATE_X + UPDATE_WIDTH + 12;
    static final int MODEL_GAP = 32;
    static final int MODEL_WIDTH = 184;
    static final int NODE_HEIGHT = 56;
    static final int SLOT_GAP = 8;
    /** Below each row: its updates' bus, its excluded updates' bus and their labels. */
    static final int ROW_GAP = 56;

    static final int BUS = 14;
    static final int EXCLUDED_BUS = 26;
    static final int TOP = 20;
    static final int RIGHT = 20;

    private static final Map<String, String> EDGE_COLOURS = Map.of(
            TRAINED_ON, "#009E73",
            CONTRIBUTED, "#0072B2",
            EXCLUDED, "#D55E00",
            BASE, Svg.INK);
    /** Vermillion darkened to 5.2:1 on white, for text. */
    private static final String EXCLUDED_TEXT = "#B35000";

    private static final List<String> EDGE_KINDS = List.of(TRAINED_ON, CONTRIBUTED, EXCLUDED, BASE);
    private static final Map<String, String> EDGE_NAMES = Map.of(
            TRAINED_ON, "training data",
            CONTRIBUTED, "contributed",
            EXCLUDED, "excluded",
            BASE, "base model");

    private final String id;
    private final LineageLayout layout;
    private final int[] rowTop;
    private final StringBuilder out = new StringBuilder();

    private LineageGraph(String id, TaskLineage task) {
        this.id = Svg.id(id);
        this.layout = new LineageLayout(task);
        this.rowTop = new int[layout.rows.size() + 1];
        rowTop[0] = TOP;
        for (int row = 0; row < layout.rows.size(); row++) {
            rowTop[row + 1] = rowTop[row] + band(row) + ROW_GAP;
        }
    }

    /** The figure (caption, graph, table of edges) of {@code task}'s lineage; {@code id} is unique in the page. */
    public static String render(String id, TaskLineage task) {
        return new LineageGraph(id, task).figure();
    }

    private String figure() {
        out.append("<figure class=\"lineage\" id=\"")
                .append(id)
                .append("\">\n<figcaption>")
                .append(Html.text(title()))
                .append("</figcaption>\n<div class=\"lineage-canvas\">\n");
        svg();
        out.append("</div>\n");
        table();
        return out.append("</figure>\n").toString();
    }

    int width() {
        return modelX() + MODEL_WIDTH + RIGHT;
    }

    int height() {
        return legendY() + 20;
    }

    private int legendY() {
        return rowTop[layout.rows.size()] + 4;
    }

    private int band(int row) {
        return layout.slots[row] * NODE_HEIGHT + (layout.slots[row] - 1) * SLOT_GAP;
    }

    private int laneX(int lane) {
        return GUTTER + lane * COLUMN;
    }

    private int modelX() {
        return laneX(layout.modelLane()) + MODEL_GAP;
    }

    private int nodeX(LineageLayout.Node node) {
        return switch (node.kind()) {
            case DATASET -> laneX(node.lane()) + DATASET_X;
            case INITIAL, MODEL -> modelX();
            default -> laneX(node.lane()) + UPDATE_X;
        };
    }

    private int nodeY(LineageLayout.Node node) {
        return rowTop[node.row()] + node.slot() * (NODE_HEIGHT + SLOT_GAP);
    }

    private int nodeWidth(LineageLayout.Node node) {
        return switch (node.kind()) {
            case DATASET -> DATASET_WIDTH;
            case INITIAL, MODEL -> MODEL_WIDTH;
            default -> UPDATE_WIDTH;
        };
    }

    private void svg() {
        out.append(Svg.root("lineage-svg", id, width(), height(), title(), desc()));
        markers();
        rows();
        out.append("<g class=\"edges\" fill=\"none\">\n");
        layout.edges.forEach(this::edge);
        out.append("</g>\n<g class=\"nodes\">\n");
        layout.nodes.values().forEach(this::node);
        out.append("</g>\n");
        legend();
        out.append("</svg>\n");
    }

    private String title() {
        return "Lineage of task " + layout.task.title() + " (" + layout.task.taskId() + ")";
    }

    String desc() {
        List<RoundLineage> rows = layout.rows;
        String secure = rows.stream()
                .filter(RoundLineage::secure)
                .map(r -> Long.toString(r.round()))
                .collect(Collectors.joining(", "));
        return "Lineage of the global model of round "
                + rows.get(rows.size() - 1).round() + ": "
                + LineageLayout.plural(count(DATASET), "dataset") + ", "
                + LineageLayout.plural(count(UPDATE), "update") + " in "
                + LineageLayout.plural(rows.size() - 1, "round") + ", " + count(EXCLUDED) + " excluded"
                + (secure.isEmpty() ? "" : "; secure aggregation (masked inputs) in rounds " + secure) + ". "
                + "Top to bottom: each dataset is training data for its holder's updates; each update contributed"
                + " to its round's global model, which is the base of the next round. The table after the graph"
                + " lists every edge.";
    }

    private long count(String kind) {
        return layout.nodes.values().stream().filter(n -> n.kind().equals(kind)).count();
    }

    private void markers() {
        out.append("<defs>\n");
        for (String kind : EDGE_KINDS) {
            out.append(Svg.open(
                            "marker",
                            "id",
                            arrow(kind),
                            "viewBox",
                            "0 0 10 10",
                            "refX",
                            9,
                            "refY",
                            5,
                            "markerWidth",
                            8,
                            "markerHeight",
                            8,
                            "markerUnits",
                            "userSpaceOnUse",
                            "orient",
                            "auto"))
                    .append(Svg.empty("path", "d", "M0 1 L9 5 L0 9 z", "fill", EDGE_COLOURS.get(kind)))
                    .append("</marker>\n");
        }
        out.append("</defs>\n");
    }

    private String arrow(String kind) {
        return id + "-arrow-" + kind;
    }

    /** A label per row, and every other row shaded, so a round reads across the columns. */
    private void rows() {
        out.append("<g class=\"rows\">\n");
        for (int row = 0; row < layout.rows.size(); row++) {
            if (row % 2 == 1) {
                out.append(Svg.empty(
                                "rect",
                                "x",
                                0,
                                "y",
                                rowTop[row] - ROW_GAP / 4,
                                "width",
                                width(),
                                "height",
                                rowTop[row + 1] - rowTop[row],
                                "fill",
                                "#f5f7f9"))
                        .append('\n');
            }
            String label = "Round " + layout.rows.get(row).round();
            out.append(Svg.text(12, rowTop[row] + 22, label, "font-weight", 600, "fill", Svg.MUTED))
                    .append('\n');
            if (row == 0) {
                out.append(Svg.text(12, rowTop[row] + 38, "datasets", "font-size", 11, "fill", Svg.MUTED))
                        .append('\n');
            }
        }
        out.append("</g>\n");
    }

    private void edge(LineageLayout.Edge edge) {
        LineageLayout.Node from = layout.nodes.get(edge.from());
        LineageLayout.Node to = layout.nodes.get(edge.to());
        boolean excluded = edge.kind().equals(EXCLUDED);
        String d = switch (edge.kind()) {
            case TRAINED_ON -> {
                double rail = laneX(to.lane()) + RAIL;
                yield Svg.path(8, rail, nodeY(from) + NODE_HEIGHT, rail, middle(to), nodeX(to) - 1, middle(to));
            }
            case CONTRIBUTED, EXCLUDED -> {
                double drop = laneX(from.lane()) + DROP;
                double bus = rowTop[to.row()] + band(to.row()) + (excluded ? EXCLUDED_BUS : BUS);
                double join = modelX() - (excluded ? 8 : 18);
                double arrive = middle(to) + (excluded ? 12 : 0);
                double start = nodeX(from) + nodeWidth(from);
                yield Svg.path(
                        8,
                        start,
                        middle(from),
                        drop,
                        middle(from),
                        drop,
                        bus,
                        join,
                        bus,
                        join,
                        arrive,
                        modelX() - 1,
                        arrive);
            }
            default -> {
                double x = modelX() + MODEL_WIDTH / 2.0;
                yield Svg.path(8, x, nodeY(from) + NODE_HEIGHT, x, nodeY(to) - 1);
            }
        };
        out.append(Svg.open(
                        "path",
                        "class",
                        "edge",
                        "data-from",
                        edge.from(),
                        "data-to",
                        edge.to(),
                        "data-kind",
                        edge.kind(),
                        "d",
                        d,
                        "stroke",
                        EDGE_COLOURS.get(edge.kind()),
                        "stroke-width",
                        edge.kind().equals(BASE) ? "2" : "1.5",
                        "stroke-dasharray",
                        excluded ? "5 4" : null,
                        "marker-end",
                        "url(#" + arrow(edge.kind()) + ")"))
                .append("<title>")
                .append(Html.text(edge.tooltip()))
                .append("</title></path>\n");
        if (excluded) {
            // Under the start of its bus, the one stretch of it no other excluded edge shares.
            out.append(Svg.text(
                            laneX(from.lane()) + DROP + 6,
                            rowTop[to.row()] + band(to.row()) + EXCLUDED_BUS + 13,
                            Svg.fit(edge.relation(), 40),
                            "class",
                            "edge-label",
                            "font-size",
                            "10.5",
                            "fill",
                            EXCLUDED_TEXT,
                            "stroke",
                            "#ffffff",
                            "stroke-width",
                            3,
                            "paint-order",
                            "stroke"))
                    .append('\n');
        }
    }

    private double middle(LineageLayout.Node node) {
        return nodeY(node) + NODE_HEIGHT / 2.0;
    }

    private void node(LineageLayout.Node node) {
        int x = nodeX(node);
        int y = nodeY(node);
        int w = nodeWidth(node);
        String[] look = look(node);
        // About 7 pixels a character at 12 px, less the padding; the 11 px lines take one more.
        int chars = (w - 16) / 7;
        List<String> lines = node.lines();
        out.append(Svg.open("g", "class", "node", "data-node-id", node.id(), "data-kind", node.kind()))
                .append(Svg.open("a", "href", Svg.href(node.href())))
                .append("<title>")
                .append(Html.text(node.tooltip()))
                .append("</title>")
                .append(Svg.empty(
                        "rect",
                        "x",
                        x,
                        "y",
                        y,
                        "width",
                        w,
                        "height",
                        NODE_HEIGHT,
                        "rx",
                        6,
                        "fill",
                        look[0],
                        "stroke",
                        look[1],
                        "stroke-width",
                        node.kind().equals(MODEL) ? "2" : "1.2",
                        "stroke-dasharray",
                        node.kind().equals(EXCLUDED) ? "5 3" : null))
                .append(Svg.text(x + 8, y + 18, Svg.fit(lines.get(0), chars), "font-weight", 600))
                .append(Svg.text(x + 8, y + 34, Svg.fit(lines.get(1), chars + 1), "font-size", 11, "fill", Svg.MUTED))
                .append(Svg.text(
                        x + 8,
                        y + 49,
                        Svg.fit(lines.get(2), chars),
                        "font-size",
                        11,
                        "fill",
                        Svg.MUTED,
                        "font-family",
                        Svg.MONO))
                .append("</a></g>\n");
    }

    /** Fill and stroke by kind: light fills, so the text on them keeps its contrast. */
    private static String[] look(LineageLayout.Node node) {
        return switch (node.kind()) {
            case DATASET -> new String[] {"#e9f6f0", "#009E73"};
            case INITIAL -> new String[] {"#f0f0f0", Svg.MUTED};
            case MODEL -> new String[] {"#e8f1f8", "#0072B2"};
            case EXCLUDED -> new String[] {"#fdf1ea", "#D55E00"};
            default -> node.masked() ? new String[] {"#f8eff4", "#CC79A7"} : new String[] {"#ffffff", "#0072B2"};
        };
    }

    private void legend() {
        int y = legendY();
        out.append("<g class=\"lineage-legend\" font-size=\"11\">\n");
        for (int i = 0; i < EDGE_KINDS.size(); i++) {
            String kind = EDGE_KINDS.get(i);
            int x = GUTTER + i * 140;
            out.append(Svg.empty(
                            "line",
                            "x1",
                            x,
                            "y1",
                            y,
                            "x2",
                            x + 28,
                            "y2",
                            y,
                            "stroke",
                            EDGE_COLOURS.get(kind),
                            "stroke-width",
                            2,
                            "stroke-dasharray",
                            kind.equals(EXCLUDED) ? "5 4" : null,
                            "marker-end",
                            "url(#" + arrow(kind) + ")"))
                    .append(Svg.text(x + 36, y + 4, EDGE_NAMES.get(kind)))
                    .append('\n');
        }
        out.append("</g>\n");
    }

    private void table() {
        out.append("<table class=\"lineage-edges\">\n<caption>")
                .append(Html.text("Every edge of the lineage of task " + layout.task.title()))
                .append("</caption>\n<thead><tr><th scope=\"col\">From</th><th scope=\"col\">Relation</th>")
                .append("<th scope=\"col\">To</th></tr></thead>\n<tbody>\n");
        for (LineageLayout.Edge edge : layout.edges) {
            LineageLayout.Node from = layout.nodes.get(edge.from());
            LineageLayout.Node to = layout.nodes.get(edge.to());
            out.append("<tr data-kind=\"")
                    .append(edge.kind())
                    .append("\"><th scope=\"row\">")
                    .append(Html.link(from.href(), from.name()))
                    .append("</th><td>")
                    .append(Html.text(edge.relation()))
                    .append("</td><td>")
                    .append(Html.link(to.href(), to.name()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }
}
