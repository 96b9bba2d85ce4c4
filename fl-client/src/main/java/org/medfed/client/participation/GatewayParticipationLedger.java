package org.medfed.client.participation;

import java.util.Objects;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.TxNames;

/** {@link ParticipationLedger} over the Fabric gateway: evaluate for reads, submit for the update. */
public final class GatewayParticipationLedger implements ParticipationLedger {
    private final TaskLedger tasks;
    private final RoundLedger rounds;
    private final ParticipantLedger participants;
    private final LedgerClient client;
    private String participantId;

    public GatewayParticipationLedger(LedgerClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.tasks = new TaskLedger(client);
        this.rounds = new RoundLedger(client);
        this.participants = new ParticipantLedger(client);
    }

    @Override
    public synchronized String participantId() throws MedfedException {
        if (participantId == null) {
            participantId = participants.caller().value().participantId();
        }
        return participantId;
    }

    @Override
    public Task task(String taskId) throws MedfedException {
        return tasks.get(taskId).value();
    }

    @Override
    public RoundView round(String taskId, long round) throws MedfedException {
        return rounds.get(taskId, round).value();
    }

    @Override
    public void submit(UpdateSubmission submission) throws MedfedException {
        rounds.submitUpdate(submission);
    }

    @Override
    public void closeRound(String taskId, long round) throws MedfedException {
        rounds.close(taskId, round);
    }

    @Override
    public void aggregateRound(String taskId, long round) throws MedfedException {
        client.submit(TxNames.AGGREGATOR_AGGREGATE_ROUND, taskId, Long.toString(round));
    }
}
