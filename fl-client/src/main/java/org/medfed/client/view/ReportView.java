package org.medfed.client.view;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** What {@code report} prints once written: where report.md is, then its charts (the files before it). */
public final class ReportView {

    private ReportView() {}

    /** {@code files} as {@code ReportWriter.write} returns them: the charts, then report.md last. */
    public static void printWritten(PrintWriter out, String task, int rounds, List<Path> files) {
        out.println("report of task " + task + " (" + rounds + " round(s)) written to " + files.get(files.size() - 1));
        files.subList(0, files.size() - 1).forEach(file -> out.println("  " + file.getFileName()));
    }
}
