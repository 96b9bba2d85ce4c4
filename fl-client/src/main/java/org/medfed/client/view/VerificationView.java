package org.medfed.client.view;

import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.medfed.client.verify.Difference;
import org.medfed.client.verify.RoundVerdict;

/** What {@code verify round} and {@code verify task} print, and the demo after its training. */
public final class VerificationView {

    private VerificationView() {}

    /** OK with what was recomputed, MISMATCH and the first difference, or PRUNED and why. */
    public static void printRound(PrintWriter out, RoundVerdict verdict, URI ipfsApi) {
        String of = "round " + verdict.round() + " of task " + verdict.taskId();
        if (verdict.inputsPruned()) {
            out.println("PRUNED  " + of + ": " + verdict.pruned() + " (recorded model "
                    + verdict.recorded().globalModel().sha256() + ", checked against " + ipfsApi + ")");
        } else if (verdict.ok()) {
            var state = verdict.recomputed().optimizerState();
            var control = verdict.recomputed().controlVariate();
            out.println("OK  " + of + ": model " + verdict.recomputed().sha256()
                    + (state == null ? "" : " and optimizer state " + state.sha256())
                    + (control == null ? "" : " and control variate " + control.sha256())
                    + " recomputed bit for bit from " + verdict.updates() + " updates ("
                    + verdict.recorded().contributions().size() + " contributions with the same quality scores, "
                    + verdict.recorded().excluded().size() + " excluded) with the blobs of " + ipfsApi);
        } else {
            out.println("MISMATCH  " + of + ": the first difference");
            printDifference(out, verdict.difference());
        }
    }

    /** A line per round, then OK, or MISMATCH and the first difference. */
    public static void printTask(PrintWriter out, String task, List<RoundVerdict> verdicts, URI ipfsApi) {
        if (verdicts.isEmpty()) {
            out.println("task " + task + " has no aggregated round yet: nothing to verify");
            return;
        }
        Table table = Table.of("round", "result", "recorded model sha256", "updates", "contributions", "excluded");
        for (RoundVerdict v : verdicts) {
            table.row(
                    v.round(),
                    v.result(),
                    v.recorded().globalModel().sha256(),
                    v.updates(),
                    v.recorded().contributions().size(),
                    v.recorded().excluded().size());
        }
        table.print(out);
        out.println();
        RoundVerdict failed = firstFailure(verdicts);
        List<RoundVerdict> pruned =
                verdicts.stream().filter(RoundVerdict::inputsPruned).toList();
        if (failed == null && pruned.isEmpty()) {
            out.println("OK  " + verdicts.size() + " aggregated round(s) of task " + task
                    + " recomputed bit for bit with the blobs of " + ipfsApi);
        } else if (failed == null) {
            out.println("PRUNED  " + (verdicts.size() - pruned.size()) + " of " + verdicts.size()
                    + " aggregated round(s) of task " + task + " recomputed bit for bit with the blobs of " + ipfsApi
                    + "; inputs of round(s) "
                    + pruned.stream().map(v -> String.valueOf(v.round())).collect(Collectors.joining(", "))
                    + " pruned by the task's retention policy: their recorded aggregates cannot be recomputed here;"
                    + " their records and hashes remain (`verify round` says why for each)");
        } else {
            long count = verdicts.stream().filter(RoundVerdict::mismatch).count();
            out.println("MISMATCH  " + count + " of " + verdicts.size() + " aggregated round(s) of task " + task
                    + " differ; the first difference, in round " + failed.round() + ":");
            printDifference(out, failed.difference());
        }
    }

    /** The first round that did not match, or null; a round whose inputs were pruned did not fail. */
    public static RoundVerdict firstFailure(List<RoundVerdict> verdicts) {
        return verdicts.stream().filter(RoundVerdict::mismatch).findFirst().orElse(null);
    }

    private static void printDifference(PrintWriter out, Difference difference) {
        Table.fields()
                .row("field", difference.field())
                .row("recorded", difference.recorded())
                .row("recomputed", difference.recomputed())
                .print(out);
    }
}
