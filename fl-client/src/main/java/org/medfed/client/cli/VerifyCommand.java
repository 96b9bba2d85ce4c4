package org.medfed.client.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.verify.Difference;
import org.medfed.client.verify.RoundVerdict;
import org.medfed.client.verify.RoundVerifier;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify",
        description = "Recompute aggregated rounds from IPFS with the aggregator's own code and compare them with the "
                + "ledger.",
        subcommands = {VerifyCommand.VerifyRound.class, VerifyCommand.VerifyTask.class})
final class VerifyCommand extends GroupCommand {
    static final String HOW = "Reads each round's exact input (aggregator:getRoundInput) and record "
            + "(round:getAggregation), fetches every blob from the profile organisation's Kubo node, recomputes with "
            + "fl-common and compares contributions, quality scores, exclusions, and the model's SHA-256 and CID.";
    static final String EXITS = "Exit codes: 0 ok, 1 usage or profile error, 2 network or IPFS node unavailable, "
            + "3 ledger refused (unknown task, round not aggregated yet), 4 verification failed (MISMATCH), "
            + "70 internal error.";

    /** Verifies with the profile organisation's Kubo node, closing it afterwards. */
    abstract static class Verifying extends LedgerCommand {
        protected URI ipfsApi;

        protected abstract int verify(LedgerClient ledger, RoundVerifier verifier) throws Exception;

        @Override
        protected final int run(LedgerClient ledger) throws Exception {
            ipfsApi = identity.load().ipfsApi();
            BlobStore store = root().blobStores().open(ipfsApi);
            try {
                return verify(ledger, new RoundVerifier(ledger, RoundVerifier.source(store)));
            } finally {
                if (store instanceof AutoCloseable closeable) {
                    closeable.close();
                }
            }
        }

        static void printDifference(PrintWriter out, Difference difference) {
            Table.fields().row("field", difference.field()).row("recorded", difference.recorded())
                    .row("recomputed", difference.recomputed()).print(out);
        }
    }

    @Command(name = "round", footer = {"", VerifyCommand.HOW, "", VerifyCommand.EXITS},
            description = "Recompute one aggregated round and compare it with the ledger:"
            + " prints OK, or MISMATCH and the first difference.")
    static final class VerifyRound extends Verifying {
        @Parameters(index = "0", paramLabel = "TASK", description = "Task id.")
        private String task;

        @Parameters(index = "1", paramLabel = "ROUND", description = "Round number.")
        private Long round;

        @Override
        protected boolean prepare() {
            RoundCommand.checkRound(this, round);
            return true;
        }

        @Override
        protected int verify(LedgerClient ledger, RoundVerifier verifier) throws Exception {
            RoundVerdict verdict = verifier.verify(task, round);
            if (json) {
                printJson(CanonicalJson.encode(verdict.toJson()));
            } else if (verdict.ok()) {
                var state = verdict.recomputed().optimizerState();
                out().println("OK  round " + round + " of task " + task + ": model " + verdict.recomputed().sha256()
                        + (state == null ? "" : " and optimizer state " + state.sha256())
                        + " recomputed bit for bit from " + verdict.updates() + " updates ("
                        + verdict.recorded().contributions().size() + " contributions with the same quality scores, "
                        + verdict.recorded().excluded().size() + " excluded) with the blobs of " + ipfsApi);
            } else {
                out().println("MISMATCH  round " + round + " of task " + task + ": the first difference");
                printDifference(out(), verdict.difference());
            }
            return verdict.ok() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }

    @Command(name = "task", footer = {"", VerifyCommand.HOW, "", VerifyCommand.EXITS},
            description = "Recompute every aggregated round of a task and compare them with the "
            + "ledger: a line per round, then the first difference.")
    static final class VerifyTask extends Verifying {
        @Parameters(index = "0", paramLabel = "TASK", description = "Task id.")
        private String task;

        @Override
        protected int verify(LedgerClient ledger, RoundVerifier verifier) throws Exception {
            Task found = new TaskLedger(ledger).get(task).value();
            long last = found.status() == TaskStatus.COMPLETED ? found.currentRound() : found.currentRound() - 1;
            List<RoundVerdict> verdicts = new ArrayList<>();
            for (long round = 1; round <= last; round++) {
                verdicts.add(verifier.verify(task, round));
            }
            RoundVerdict failed = verdicts.stream().filter(v -> !v.ok()).findFirst().orElse(null);
            if (json) {
                Map<String, Object> answer = new TreeMap<>();
                answer.put("taskId", task);
                answer.put("result", failed == null ? "OK" : "MISMATCH");
                answer.put("rounds", verdicts.stream().map(RoundVerdict::toJson).toList());
                printJson(CanonicalJson.encode(answer));
            } else {
                print(verdicts, failed);
            }
            return failed == null ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }

        private void print(List<RoundVerdict> verdicts, RoundVerdict failed) {
            if (verdicts.isEmpty()) {
                out().println("task " + task + " has no aggregated round yet: nothing to verify");
                return;
            }
            Table table = Table.of("round", "result", "recorded model sha256", "updates", "contributions", "excluded");
            for (RoundVerdict v : verdicts) {
                table.row(v.round(), v.ok() ? "OK" : "MISMATCH", v.recorded().globalModel().sha256(), v.updates(),
                        v.recorded().contributions().size(), v.recorded().excluded().size());
            }
            table.print(out());
            out().println();
            if (failed == null) {
                out().println("OK  " + verdicts.size() + " aggregated round(s) of task " + task
                        + " recomputed bit for bit with the blobs of " + ipfsApi);
            } else {
                long count = verdicts.stream().filter(v -> !v.ok()).count();
                out().println("MISMATCH  " + count + " of " + verdicts.size() + " aggregated round(s) of task " + task
                        + " differ; the first difference, in round " + failed.round() + ":");
                printDifference(out(), failed.difference());
            }
        }
    }
}
