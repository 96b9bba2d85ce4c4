package org.medfed.client.participation;

import java.util.List;
import java.util.Objects;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.DatasetUses;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.SecAggLedger;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.ledger.SubsetView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.TxNames;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.RevealedShare;

/** {@link ParticipationLedger} over the Fabric gateway: evaluate for reads, submit for the writes. */
public final class GatewayParticipationLedger implements ParticipationLedger {
    private final TaskLedger tasks;
    private final RoundLedger rounds;
    private final ParticipantLedger participants;
    private final DatasetLedger datasets;
    private final SecAggLedger secagg;
    private final SubsetLedger subsets;
    private final LedgerClient client;
    private String participantId;

    public GatewayParticipationLedger(LedgerClient client) {
        this.client = Objects.requireNonNull(client, "client");
        this.tasks = new TaskLedger(client);
        this.rounds = new RoundLedger(client);
        this.participants = new ParticipantLedger(client);
        this.datasets = new DatasetLedger(client);
        this.subsets = new SubsetLedger(client);
        this.secagg = new SecAggLedger(client);
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

    @Override
    public DatasetDescription dataset(String datasetId) throws MedfedException {
        return datasets.get(datasetId).value();
    }

    @Override
    public DatasetUses datasetUses(String taskId) throws MedfedException {
        return datasets.uses(taskId).value();
    }

    @Override
    public SubsetView subset(String taskId) throws MedfedException {
        return subsets.subset(taskId).value();
    }

    @Override
    public void warmUp(String taskId) throws MedfedException {
        subsets.warmUp(taskId);
    }

    @Override
    public SecureRoundView secureRound(String taskId, long round) throws MedfedException {
        return secagg.secureRound(taskId, round).value();
    }

    @Override
    public void postKeys(String taskId, long round, String maskKey, String shareKey) throws MedfedException {
        secagg.postKeys(taskId, round, maskKey, shareKey);
    }

    @Override
    public void postShares(String taskId, long round, List<EncryptedShare> shares) throws MedfedException {
        secagg.postShares(taskId, round, shares);
    }

    @Override
    public void revealShares(String taskId, long round, List<RevealedShare> shares) throws MedfedException {
        secagg.revealShares(taskId, round, shares);
    }
}
