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
        TaskLineage task = layout.task;
        out.append("<figure class=\"lineage\" id=\"")
                .append(id)
                .append("\">\n<figcaption>")
                .append(Html.text("Lineage of task " + task.title() + " (" + task.taskId() + ")"))
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
        int width = width();
        int height = height();
        out.append("<svg xmlns=\"")
                .append(Svg.NS)
                .append("\" class=\"lineage-svg\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-title ")
                .append(id)
                .append("-desc\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" font-family=\"")
                .append(Html.text(Svg.FONT))
                .append("\" font-size=\"12\" fill=\"")
                .append(Svg.INK)
                .append("\">\n<title id=\"")
                .append(id)
                .append("-title\">")
                .append(Html.text("Lineage of task " + layout.task.title() + " (" + layout.task.taskId() + ")"))
                .append("</title>\n<desc id=\"")
                .append(id)
                .append("-desc\">")
                .append(Html.text(desc()))
                .append("</desc>\n");
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

    String desc() {
        long updates = count(UPDATE);
        long excluded = count(EXCLUDED);
        List<RoundLineage> rows = layout.rows;
        String secure = rows.stream()
                .filter(RoundLineage::secure)
                .map(r -> Long.toString(r.round()))
                .collect(Collectors.joining(", "));
        return "Lineage of the global model of round "
                + rows.get(rows.size() - 1).round() + ": "
                + LineageLayout.plural(count(DATASET), "dataset") + ", "
                + LineageLayout.plural(updates, "update") + " in "
                + LineageLayout.plural(rows.size() - 1, "round") + ", " + excluded + " excluded"
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
            out.append("<marker id=\"")
                    .append(id)
                    .append("-arrow-")
                    .append(kind)
                    .append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" ")
                    .append("markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0 1 L9 5 L0 9 z\" fill=\"")
                    .append(EDGE_COLOURS.get(kind))
                    .append("\"/></marker>\n");
        }
        out.append("</defs>\n");
    }

    /** A label per row, and every other row shaded, so a round reads across the columns. */
    private void rows() {
        out.append("<g class=\"rows\">\n");
        for (int row = 0; row < layout.rows.size(); row++) {
            int top = rowTop[row] - ROW_GAP / 4;
            if (row % 2 == 1) {
                out.append("<rect x=\"0\" y=\"")
                        .append(top)
                        .append("\" width=\"")
                        .append(width())
                        .append("\" height=\"")
                        .append(rowTop[row + 1] - rowTop[row])
                        .append("\" fill=\"#f5f7f9\"/>\n");
            }
            out.append(Svg.text(
                            12,
                            rowTop[row] + 22,
                            "font-weight=\"600\" fill=\"" + Svg.MUTED + "\"",
                            "Round " + layout.rows.get(row).round()))
                    .append('\n');
            if (row == 0) {
                out.append(Svg.text(12, rowTop[row] + 38, "font-size=\"11\" fill=\"" + Svg.MUTED + "\"", "datasets"))
                        .append('\n');
            }
        }
        out.append("</g>\n");
    }

    private void edge(LineageLayout.Edge edge) {
        LineageLayout.Node from = layout.nodes.get(edge.from());
        LineageLayout.Node to = layout.nodes.get(edge.to());
        String d = switch (edge.kind()) {
            case TRAINED_ON -> {
                double rail = laneX(to.lane()) + RAIL;
                yield Svg.path(8, rail, nodeY(from) + NODE_HEIGHT, rail, middle(to), nodeX(to) - 1, middle(to));
            }
            case CONTRIBUTED, EXCLUDED -> {
                boolean excluded = edge.kind().equals(EXCLUDED);
                double drop = laneX(from.lane()) + DROP;
                double bus = rowTop[to.row()] + band(to.row()) + (excluded ? EXCLUDED_BUS : BUS);
                double join = modelX() - (excluded ? 8 : 18);
                double arrive = middle(to) + (excluded ? 12 : 0);
                yield Svg.path(
                        8,
                        nodeX(from) + nodeWidth(from),
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
        edgePath(edge, d);
        if (edge.kind().equals(EXCLUDED)) {
            // Under the start of its bus, the one stretch of it no other excluded edge shares.
            out.append("<text class=\"edge-label\" x=\"")
                    .append(Svg.num(laneX(from.lane()) + DROP + 6))
                    .append("\" y=\"")
                    .append(Svg.num(rowTop[to.row()] + band(to.row()) + EXCLUDED_BUS + 13))
                    .append("\" font-size=\"10.5\" fill=\"")
                    .append(EXCLUDED_TEXT)
                    .append("\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">")
                    .append(Html.text(Svg.fit(edge.relation(), 40)))
                    .append("</text>\n");
        }
    }

    private void edgePath(LineageLayout.Edge edge, String d) {
        out.append("<path class=\"edge\" data-from=\"")
                .append(Html.text(edge.from()))
                .append("\" data-to=\"")
                .append(Html.text(edge.to()))
                .append("\" data-kind=\"")
                .append(edge.kind())
                .append("\" d=\"")
                .append(d)
                .append("\" stroke=\"")
                .append(EDGE_COLOURS.get(edge.kind()))
                .append("\" stroke-width=\"")
                .append(edge.kind().equals(BASE) ? "2" : "1.5")
                .append('"')
                .append(edge.kind().equals(EXCLUDED) ? " stroke-dasharray=\"5 4\"" : "")
                .append(" marker-end=\"url(#")
                .append(id)
                .append("-arrow-")
                .append(edge.kind())
                .append(")\"><title>")
                .append(Html.text(edge.tooltip()))
                .append("</title></path>\n");
    }

    private double middle(LineageLayout.Node node) {
        return nodeY(node) + NODE_HEIGHT / 2.0;
    }

    private void node(LineageLayout.Node node) {
        int x = nodeX(node);
        int y = nodeY(node);
        int w = nodeWidth(node);
        String[] look = look(node);
        // About 7 pixels a character at 12 px (6.5 at 11 px), less the padding.
        int chars = (w - 16) / 7;
        out.append("<g class=\"node\" data-node-id=\"")
                .append(Html.text(node.id()))
                .append("\" data-kind=\"")
                .append(node.kind())
                .append("\"><a href=\"")
                .append(Svg.href(node.href()))
                .append("\"><title>")
                .append(Html.text(node.tooltip()))
                .append("</title>")
                .append("<rect x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" width=\"")
                .append(w)
                .append("\" height=\"")
                .append(NODE_HEIGHT)
                .append("\" rx=\"6\" fill=\"")
                .append(look[0])
                .append("\" stroke=\"")
                .append(look[1])
                .append("\" stroke-width=\"")
                .append(node.kind().equals(MODEL) ? "2" : "1.2")
                .append('"')
                .append(node.kind().equals(EXCLUDED) ? " stroke-dasharray=\"5 3\"" : "")
                .append("/>");
        List<String> lines = node.lines();
        out.append(Svg.text(x + 8, y + 18, "font-weight=\"600\"", Svg.fit(lines.get(0), chars)));
        out.append(Svg.text(
                x + 8, y + 34, "font-size=\"11\" fill=\"" + Svg.MUTED + "\"", Svg.fit(lines.get(1), chars + 1)));
        out.append(Svg.text(
                x + 8,
                y + 49,
                "font-size=\"11\" fill=\"" + Svg.MUTED + "\" font-family=\"" + Html.text(Svg.MONO) + "\"",
                Svg.fit(lines.get(2), chars)));
        out.append("</a></g>\n");
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
        int x = GUTTER;
        out.append("<g class=\"lineage-legend\" font-size=\"11\">\n");
        for (String kind : EDGE_KINDS) {
            out.append("<line x1=\"")
                    .append(x)
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" x2=\"")
                    .append(x + 28)
                    .append("\" y2=\"")
                    .append(y)
                    .append("\" stroke=\"")
                    .append(EDGE_COLOURS.get(kind))
                    .append("\" stroke-width=\"2\"")
                    .append(kind.equals(EXCLUDED) ? " stroke-dasharray=\"5 4\"" : "")
                    .append(" marker-end=\"url(#")
                    .append(id)
                    .append("-arrow-")
                    .append(kind)
                    .append(")\"/>")
                    .append(Svg.text(x + 36, y + 4, "", EDGE_NAMES.get(kind)))
                    .append('\n');
            x += 140;
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
