package org.medfed.client.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.medfed.client.demo.DemoBlobRoundTrip.Node;
import org.medfed.client.demo.DemoPings.OrgPing;

/** What the demo measured, as a table for people or one JSON object for machines. */
public record DemoReport(
        String ledgerEngine,
        List<OrgPing> pings,
        DemoBlobRoundTrip.Result blob,
        DemoTraining.Outcome training,
        String verification,
        long totalNanos,
        Where where,
        Stop stop) {

    /** Where to look next, as the user should type it (relative to the repository root when run from there). */
    record Where(String script, String logs, String profiles) {}

    /** {@code kept}: --keep was given, so down did not run; otherwise down's exit status (-1: did not finish). */
    record Stop(boolean kept, int downStatus) {
        boolean stopped() {
            return !kept && downStatus == 0;
        }
    }

    private static final int POINTER_WIDTH = 32;

    public void printTable(PrintWriter out) {
        out.println();
        out.println(DemoRun.LABEL);
        out.printf("ledger engine: %s%n", ledgerEngine);
        out.println();
        String row = "%-12s %-14s %10s %12s %6s  %s%n";
        out.printf(row, "org", "mspId", "submit ms", "evaluate ms", "pings", "txId");
        for (OrgPing p : pings) {
            out.printf(row, p.org(), p.mspId(), ms(p.submitNanos()), ms(p.evaluateNanos()), p.pingCount(), p.txId());
        }
        out.println();
        out.printf(
                "blob     %s (%d bytes of model-like float32 values)%n",
                blob.ref().cid(), blob.ref().size());
        out.printf("sha256   %s (verified after the round trip)%n", blob.ref().sha256Hex());
        out.printf("add      %s ms on %s%n", ms(blob.addNanos()), node(blob.addedOn()));
        out.printf("cat      %s ms from %s%n", ms(blob.catNanos()), node(blob.readFrom()));
        if (training != null) {
            out.println();
            DemoTrainingReport.printTable(training, verification, out);
        }
        out.printf("total    %s s wall time%n", String.format(Locale.ROOT, "%.1f", totalNanos / 1e9));
        out.println();
        out.println("What to look at next:");
        for (Pointer p : next()) {
            if (p.look().length() > POINTER_WIDTH) {
                out.printf("  %s%n", p.look());
                out.printf("  %-" + POINTER_WIDTH + "s %s%n", "", p.why());
            } else {
                out.printf("  %-" + POINTER_WIDTH + "s %s%n", p.look(), p.why());
            }
        }
        out.println(stopSentence());
        out.flush();
    }

    public void printJson(PrintWriter out) {
        JsonObject report = new JsonObject();
        report.addProperty("label", DemoRun.LABEL);
        report.addProperty("ledgerEngine", ledgerEngine);
        JsonArray orgs = new JsonArray();
        for (OrgPing p : pings) {
            JsonObject org = new JsonObject();
            org.addProperty("org", p.org());
            org.addProperty("mspId", p.mspId());
            org.addProperty("submitMs", millis(p.submitNanos()));
            org.addProperty("evaluateMs", millis(p.evaluateNanos()));
            org.addProperty("pingCount", p.pingCount());
            org.addProperty("txId", p.txId());
            orgs.add(org);
        }
        report.add("orgs", orgs);
        JsonObject json = new JsonObject();
        json.addProperty("cid", blob.ref().cid());
        json.addProperty("size", blob.ref().size());
        json.addProperty("sha256", blob.ref().sha256Hex());
        json.addProperty("addMs", millis(blob.addNanos()));
        json.addProperty("catMs", millis(blob.catNanos()));
        json.add("addedOn", nodeJson(blob.addedOn()));
        json.add("readFrom", nodeJson(blob.readFrom()));
        report.add("blob", json);
        if (training != null) {
            report.add("training", DemoTrainingReport.json(training, verification));
        }
        report.addProperty("totalMs", millis(totalNanos));
        JsonObject network = new JsonObject();
        network.addProperty("kept", stop.kept());
        network.addProperty("stopped", stop.stopped());
        if (!stop.kept()) {
            network.addProperty("downExitStatus", stop.downStatus());
        }
        report.add("network", network);
        JsonArray next = new JsonArray();
        next().forEach(p -> next.add(p.look() + ": " + p.why()));
        next.add(stopSentence());
        report.add("next", next);
        out.println(report);
        out.flush();
    }

    private record Pointer(String look, String why) {}

    private List<Pointer> next() {
        List<Pointer> pointers = new java.util.ArrayList<>();
        if (training != null) {
            String task = training.summary().task().spec().id();
            pointers.add(new Pointer(
                    "out/demo/report.md", "the task's report with charts (medfed report " + task + " --out DIR)"));
            pointers.add(new Pointer(
                    "./medfed provenance " + training.summary().finalModel().cid() + " --profile clinic-user1",
                    "where the final model comes from (--mermaid for a graph)"));
            pointers.add(new Pointer(
                    "./medfed client status --config " + training.directory() + "/hospital/client.yaml",
                    "a node's rounds, epsilon and last problem; its log is in " + where.logs()
                            + "/client-hospital.log"));
        }
        pointers.addAll(List.of(
                new Pointer(where.script() + " status", "health of every process (while the network runs)"),
                new Pointer(
                        where.logs() + "/",
                        "one log per process: the ledger (orderers and peers, or the embedded"
                                + " ledger), chaincode servers, Kubo"),
                new Pointer(
                        where.profiles() + "/",
                        "the connection profiles used above; ./medfed ping measures " + "latency")));
        return pointers;
    }

    String stopSentence() {
        if (stop.kept()) {
            return "The network is still running (--keep): stop it with `" + where.script() + " down`.";
        }
        if (stop.stopped()) {
            return "The network was stopped (`" + where.script() + " down`); ledgers and IPFS repositories are kept.";
        }
        return "Stopping the network failed (`" + where.script() + " down` "
                + (stop.downStatus() < 0 ? "did not finish" : "exited with status " + stop.downStatus())
                + "): check `" + where.script() + " status` and run down again.";
    }

    private static String node(Node node) {
        return node.mspId() + "'s Kubo node " + node.ipfsApi();
    }

    private static JsonObject nodeJson(Node node) {
        JsonObject json = new JsonObject();
        json.addProperty("mspId", node.mspId());
        json.addProperty("ipfsApi", node.ipfsApi().toString());
        return json;
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
