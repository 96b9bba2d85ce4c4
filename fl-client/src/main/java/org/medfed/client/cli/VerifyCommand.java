package org.medfed.client.cli;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreFactory;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.verify.RoundVerdict;
import org.medfed.client.verify.RoundVerifier;
import org.medfed.client.verify.VerificationAttester;
import org.medfed.client.view.VerificationView;
import org.medfed.common.codec.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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
            + "3 ledger refused (unknown task, round not aggregated yet; --attest refused), 4 verification failed "
            + "(MISMATCH), 5 inputs pruned by the task's retention policy (PRUNED: not recomputed, not a failure), "
            + "70 internal error.";
    static final String ATTEST = "With --attest, each round recomputed OK is attested on the ledger for the profile's "
            + "organisation (round:attestVerification, an admin of it), which a task's retention policy with "
            + "orVerifiedBy counts.";

    /** Verifies with the profile organisation's Kubo node, closing it afterwards. */
    abstract static class Verifying extends LedgerCommand {
        private final BlobStoreFactory blobStores;
        private LedgerClient ledger;
        protected URI ipfsApi;

        @Option(
                names = "--attest",
                description = "Attest each round recomputed OK for this profile's organisation "
                        + "(round:attestVerification; an admin of the organisation).")
        protected boolean attest;

        Verifying(BlobStoreFactory blobStores) {
            this.blobStores = blobStores;
        }

        protected abstract int verify(RoundVerifier verifier) throws Exception;

        @Override
        protected final int run(LedgerClient ledger) throws Exception {
            ipfsApi = identity.load().ipfsApi();
            this.ledger = ledger;
            return RoundVerifier.overNode(ledger, blobStores, ipfsApi, this::verify);
        }

        /** With --attest, one line per round recomputed OK: attested now, or already by this organisation. */
        protected List<String> attestations(List<RoundVerdict> verdicts) throws MedfedException {
            return attest ? new VerificationAttester(new RoundLedger(ledger)).attest(verdicts) : List.of();
        }

        /** 4 when a round differs, else 5 when a round's inputs were pruned, else 0. */
        protected static int exitCode(List<RoundVerdict> verdicts) {
            if (verdicts.stream().anyMatch(RoundVerdict::mismatch)) {
                return ExitCodes.VERIFICATION_FAILED;
            }
            return verdicts.stream().anyMatch(RoundVerdict::inputsPruned) ? ExitCodes.INPUTS_PRUNED : ExitCodes.OK;
        }
    }

    @Command(
            name = "round",
            footer = {"", VerifyCommand.HOW, "", VerifyCommand.ATTEST, "", VerifyCommand.EXITS},
            description = "Recompute one aggregated round and compare it with the ledger:"
                    + " prints OK, MISMATCH and the first difference, or PRUNED when the task's retention policy"
                    + " released its inputs and this node no longer holds them.")
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
                Map<String, Object> answer = verdict.toJson();
                if (attest) {
                    answer.put("attested", attestations(List.of(verdict)));
                }
                printJson(CanonicalJson.encode(answer));
            } else {
                VerificationView.printRound(out(), verdict, ipfsApi);
                out().flush();
                attestations(List.of(verdict)).forEach(out()::println);
            }
            return exitCode(List.of(verdict));
        }
    }

    @Command(
            name = "task",
            footer = {"", VerifyCommand.HOW, "", VerifyCommand.ATTEST, "", VerifyCommand.EXITS},
            description = "Recompute every aggregated round of a task and compare them with the "
                    + "ledger: a line per round, then the first difference; rounds whose inputs the task's retention"
                    + " policy pruned are listed PRUNED (exit 5 when no round differs).")
    static final class VerifyTask extends Verifying {
        @Parameters(index = "0", paramLabel = "TASK", description = "Task id.")
        private String task;

        VerifyTask(BlobStoreFactory blobStores) {
            super(blobStores);
        }

        @Override
        protected int verify(RoundVerifier verifier) throws Exception {
            List<RoundVerdict> verdicts = verifier.verifyTask(task);
            int exit = exitCode(verdicts);
            if (json) {
                Map<String, Object> answer = new TreeMap<>();
                answer.put("taskId", task);
                answer.put(
                        "result",
                        exit == ExitCodes.OK ? "OK" : exit == ExitCodes.INPUTS_PRUNED ? "PRUNED" : "MISMATCH");
                answer.put("rounds", verdicts.stream().map(RoundVerdict::toJson).toList());
                if (attest) {
                    answer.put("attested", attestations(verdicts));
                }
                printJson(CanonicalJson.encode(answer));
            } else {
                VerificationView.printTask(out(), task, verdicts, ipfsApi);
                out().flush();
                attestations(verdicts).forEach(out()::println);
            }
            return exit;
        }
    }
}
