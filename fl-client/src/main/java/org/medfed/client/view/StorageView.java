package org.medfed.client.view;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.medfed.client.retention.PruneReport;
import org.medfed.client.retention.StoragePlan;

/** What {@code storage prune} prints: each task's policy and released rounds, each blob, then one summary line. */
public final class StorageView {

    private StorageView() {}

    public static void print(PrintWriter out, StoragePlan plan, PruneReport report) {
        if (!plan.anyPolicy()) {
            out.println("no task on the ledger has a retention policy: nothing to prune (" + plan.tasks()
                    + " task(s) keep every update)");
            return;
        }
        Map<String, List<Long>> released = plan.releasedRounds();
        Map<String, String> policies = plan.rounds().stream()
                .collect(Collectors.toMap(
                        StoragePlan.RoundDecision::taskId, StoragePlan.RoundDecision::policy, (a, b) -> a));
        released.forEach((task, rounds) -> out.println("task " + task + " (" + policies.get(task) + "): "
                + (rounds.isEmpty() ? "no round released yet" : "inputs of round(s) " + join(rounds) + " released")));
        String verb = report.dryRun() ? "would unpin" : "unpinned";
        for (StoragePlan.Release r : report.unpinned()) {
            out.println(verb + "  " + r.cid() + "  " + r.input().wire() + " of " + r.participantId() + ", round "
                    + r.round() + " of task " + r.taskId());
        }
        for (StoragePlan.Release r : plan.withheld()) {
            out.println("kept  " + r.cid() + "  " + r.input().wire() + " of round " + r.round() + " of task "
                    + r.taskId() + ": released, but the same bytes are still referenced elsewhere");
        }
        report.pinFailures().forEach((cid, why) -> out.println("could not pin kept blob " + cid + ": " + why));
        out.println(summary(report));
    }

    /** One line: what was unpinned, pinned and collected, and the repository size before and after. */
    public static String summary(PruneReport report) {
        String notHere = " (" + report.notPinnedHere().size() + " released input(s) not pinned here)";
        if (report.dryRun()) {
            return "dry run: would unpin " + report.unpinned().size() + " blob(s) this node pins" + notHere
                    + " and pin " + report.pinned().size() + " kept model(s) or state(s) it does not pin yet;"
                    + " nothing changed; repository " + report.sizeBefore() + " bytes";
        }
        return "unpinned " + report.unpinned().size() + " blob(s)" + notHere + "; pinned "
                + report.pinned().size()
                + " kept model(s) or state(s); "
                + (report.garbageBlocks() < 0
                        ? "no garbage collection"
                        : "garbage collection removed " + report.garbageBlocks() + " block(s)")
                + "; repository " + report.sizeBefore() + " -> " + report.sizeAfter() + " bytes";
    }

    private static String join(List<Long> rounds) {
        return rounds.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
