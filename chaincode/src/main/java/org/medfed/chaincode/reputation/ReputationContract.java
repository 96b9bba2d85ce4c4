package org.medfed.chaincode.reputation;

import java.util.Map;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.chaincode.support.Records;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.reputation.ReputationScore;
import org.medfed.contract.support.Args;

/**
 * Reads of participants' reputations per task. Scores change only as a side effect of round transactions
 * ({@code round:closeRound}, {@code aggregator:aggregateRound}), whose events list the changes; docs/reputation.md has the rule.
 */
@Contract(name = ContractNames.REPUTATION)
public final class ReputationContract implements LedgerContract {

    /** The current score with the task's threshold and whether the participant is excluded by it. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getReputation(LedgerContext ctx, String taskId, String participantId) {
        Args.id("taskId", taskId);
        Args.participantId("participantId", participantId);
        ctx.access().requireReader();
        Task task = Records.task(ctx.ledger(), taskId);
        ReputationScore score = new ReputationBook(ctx.ledger()).current(task, participantId);
        Map<String, Object> json = score.toJson();
        json.put("threshold", task.spec().reputation().exclusionThreshold());
        json.put("excluded", task.spec().reputation().excludes(score.score()));
        return CanonicalJson.encode(json);
    }

    /** Every change, oldest first: {@code {"taskId", "participantId", "changes": […]}}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getReputationHistory(LedgerContext ctx, String taskId, String participantId) {
        Args.id("taskId", taskId);
        Args.participantId("participantId", participantId);
        ctx.access().requireReader();
        Records.task(ctx.ledger(), taskId);
        return CanonicalJson.encode(Map.of(
                "taskId",
                taskId,
                "participantId",
                participantId,
                "changes",
                new ReputationBook(ctx.ledger())
                        .history(taskId, participantId).stream()
                                .map(ReputationChange::toJson)
                                .toList()));
    }
}
