package org.medfed.client.verify;

import java.util.ArrayList;
import java.util.List;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.common.model.RoundVerification;
import org.medfed.common.protocol.ErrorCode;

/**
 * {@code verify --attest}: each round recomputed OK is attested on the ledger for the caller's organisation
 * ({@code round:attestVerification}, which names the recomputed model so the ledger can check it is the recorded
 * one). A round the organisation attested before is said so, not an error: attesting is idempotent. Rounds that
 * differ or whose inputs were pruned are never attested.
 */
public final class VerificationAttester {
    private final RoundLedger rounds;

    public VerificationAttester(RoundLedger rounds) {
        this.rounds = rounds;
    }

    /** One line per round recomputed OK. */
    public List<String> attest(List<RoundVerdict> verdicts) throws MedfedException {
        List<String> lines = new ArrayList<>();
        for (RoundVerdict verdict : verdicts) {
            if (!verdict.ok()) {
                continue;
            }
            String of = "round " + verdict.round() + " of task " + verdict.taskId();
            try {
                RoundVerification v = rounds.attestVerification(
                                verdict.taskId(),
                                verdict.round(),
                                verdict.recomputed().sha256())
                        .value();
                lines.add("attested  " + of + " verified OK by " + v.mspId() + " [tx " + v.txId() + "]");
            } catch (MedfedException e) {
                if (!e.isFromChaincode() || !ErrorCode.ALREADY_EXISTS.name().equals(e.code())) {
                    throw e;
                }
                lines.add("attested already  " + of + ": " + e.getMessage());
            }
        }
        return lines;
    }
}
