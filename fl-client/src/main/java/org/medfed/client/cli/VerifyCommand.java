package org.medfed.client.cli;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.verify.RoundVerdict;
import org.medfed.client.verify.RoundVerifier;
import org.medfed.client.view.VerificationView;
import org.medfed.common.codec.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "verify",
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
        private final BlobStoreFactory blobStores;
        protected URI ipfsApi;

        Verifying(BlobStoreFactory blobStores) {
            this.blobStores = blobStores;
        }

        protected abstract int verify(RoundVerifier verifier) throws Exception;

        @Override
        protected final int run(LedgerClient ledger) throws Exception {
            ipfsApi = identity.load().ipfsApi();
            return RoundVerifier.overNode(ledger, blobStores, ipfsApi, this::verify);
        }
    }

    @Command(
            name = "round",
            footer = {"", VerifyCommand.HOW, "", VerifyCommand.EXITS},
            description = "Recompute one aggregated round and compare it with the ledger:"
                    + " prints OK, or MISMATCH and the first difference.")
    static final class VerifyRound extends Verifying {
        @Mixin
        private TaskRound taskRound;

        VerifyRound(BlobStoreFactory blobStores) {
            super(blobStores);
        }

        @Override
        protected int verify(RoundVerifier verifier) throws Exception {
            RoundVerdict verdict = verifier.verify(taskRound.task(), taskRound.round());
            if (json) {
                printJson(CanonicalJson.encode(verdict.toJson()));
            } else {
                VerificationView.printRound(out(), verdict, ipfsApi);
            }
            return verdict.ok() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }

    @Command(
            name = "task",
            footer = {"", VerifyCommand.HOW, "", VerifyCommand.EXITS},
            description = "Recompute every aggregated round of a task and compare them with the "
                    + "ledger: a line per round, then the first difference.")
    static final class VerifyTask extends Verifying {
        @Parameters(index = "0", paramLabel = "TASK", description = "Task id.")
        private String task;

        VerifyTask(BlobStoreFactory blobStores) {
            super(blobStores);
        }

        @Override
        protected int verify(RoundVerifier verifier) throws Exception {
            List<RoundVerdict> verdicts = verifier.verifyTask(task);
            RoundVerdict failed = VerificationView.firstFailure(verdicts);
            if (json) {
                Map<String, Object> answer = new TreeMap<>();
                answer.put("taskId", task);
                answer.put("result", failed == null ? "OK" : "MISMATCH");
                answer.put("rounds", verdicts.stream().map(RoundVerdict::toJson).toList());
                printJson(CanonicalJson.encode(answer));
            } else {
                VerificationView.printTask(out(), task, verdicts, ipfsApi);
            }
            return failed == null ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
        }
    }
}
