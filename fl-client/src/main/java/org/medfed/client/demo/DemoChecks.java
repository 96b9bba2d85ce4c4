package org.medfed.client.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.LedgerConnector;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileException;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.provenance.LineageLoader;
import org.medfed.client.provenance.LineageTree;
import org.medfed.client.report.ReportCollector;
import org.medfed.client.report.ReportData;
import org.medfed.client.report.ReportWriter;
import org.medfed.client.verify.RoundVerdict;
import org.medfed.client.verify.RoundVerifier;
import org.medfed.client.view.ReportView;
import org.medfed.client.view.VerificationView;

/**
 * What the demo checks once its task is done, as a researcher of the Clinic would (a consortium member, not the
 * nodes that trained): every round recomputed from the Clinic's Kubo node, the final model's lineage, the report.
 * Each step prints what {@code ./medfed verify task}, {@code provenance} and {@code report} print for that profile
 * (they share these views), so the demo's output says which command to run again by hand.
 */
final class DemoChecks {

    static final String PROFILE = "clinic-user1";

    @FunctionalInterface
    private interface Step {
        void run(LedgerClient ledger) throws Exception;
    }

    private final ConnectionProfile profile;
    private final LedgerConnector connector;
    private final BlobStoreFactory blobStores;
    private final PrintWriter progress;
    /** The line the last failed step printed. */
    private String lastError;

    DemoChecks(
            ConnectionProfile profile, LedgerConnector connector, BlobStoreFactory blobStores, PrintWriter progress) {
        this.profile = profile;
        this.connector = connector;
        this.blobStores = blobStores;
        this.progress = progress;
    }

    /** Every aggregated round recomputed with the Clinic's blobs; returns the demo report's "verify" line. */
    String verify(String task) {
        boolean[] matched = {false};
        int exit = step(
                ledger -> {
                    BlobStore store = blobStores.open(profile.ipfsApi());
                    try {
                        List<RoundVerdict> verdicts =
                                new RoundVerifier(ledger, RoundVerifier.source(store)).verifyTask(task);
                        VerificationView.printTask(progress, task, verdicts, profile.ipfsApi());
                        matched[0] = VerificationView.firstFailure(verdicts) == null;
                    } finally {
                        if (store instanceof AutoCloseable closeable) {
                            closeable.close();
                        }
                    }
                },
                "verify",
                "task",
                task);
        if (exit != ExitCodes.OK) {
            return "exit " + exit + ": " + lastError;
        }
        return matched[0]
                ? "OK: every round recomputed from the Clinic's IPFS node matches the ledger"
                : "exit " + ExitCodes.VERIFICATION_FAILED + ": MISMATCH, see the verify step's first difference above";
    }

    /** The final model's lineage as a tree, back to the task's initial model. */
    void provenance(String model) {
        step(
                ledger ->
                        LineageTree.render(LineageLoader.on(ledger).load(model)).forEach(progress::println),
                "provenance",
                model);
    }

    /** The task's report with its charts, written to {@code dir}. */
    void report(String task, Path dir) {
        step(
                ledger -> {
                    ReportData data = ReportCollector.on(ledger).collect(task);
                    List<Path> files =
                            ReportWriter.write(data, dir.toAbsolutePath().normalize());
                    ReportView.printWritten(progress, task, data.rounds().size(), files);
                },
                "report",
                task,
                "--out",
                dir.toString());
    }

    /** Runs one step as the profile; a failure is one line, as the command would print it, and its exit code. */
    private int step(Step step, String... command) {
        progress.println("==> ./medfed " + String.join(" ", command) + " --profile " + PROFILE);
        progress.flush();
        int exit = ExitCodes.OK;
        try (LedgerClient ledger = connector.open(profile)) {
            step.run(ledger);
        } catch (MedfedException e) {
            exit = failed(e.describe(), ExitCodes.of(e));
        } catch (ProfileException e) {
            exit = failed(e.getMessage(), ExitCodes.USAGE);
        } catch (Exception e) {
            exit = failed("internal error: " + e, ExitCodes.INTERNAL);
        }
        progress.flush();
        return exit;
    }

    private int failed(String line, int exitCode) {
        lastError = "error: " + line;
        progress.println(lastError);
        return exitCode;
    }
}
