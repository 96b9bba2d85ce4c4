package org.medfed.client.participation;

import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.RoundView;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateSubmission;

/** What a client node reads from and writes to the ledger, as the node's own identity. */
public interface ParticipationLedger {

    /** This node's participant id (SHA-256 of its MSP id and certificate subject). */
    String participantId() throws MedfedException;

    Task task(String taskId) throws MedfedException;

    /** The round and the participants whose updates it has accepted. */
    RoundView round(String taskId, long round) throws MedfedException;

    /** Submits (endorse, order, commit) the update; returns once committed. */
    void submit(UpdateSubmission submission) throws MedfedException;

    /** {@code round:closeRound}: any active participant may close a round that is complete or past its deadline. */
    void closeRound(String taskId, long round) throws MedfedException;

    /** {@code aggregator:aggregateRound}: every endorsing organisation recomputes the aggregate from IPFS. */
    void aggregateRound(String taskId, long round) throws MedfedException;
}
