package org.medfed.client.participation;

import java.util.List;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.DatasetUses;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.client.ledger.SubsetView;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.RevealedShare;

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

    /** A registered dataset; a masked input declares its registered row count. */
    DatasetDescription dataset(String datasetId) throws MedfedException;

    /** {@code dataset:listDatasetUses}: the holders' decisions on the task's use of the datasets it admits. */
    DatasetUses datasetUses(String taskId) throws MedfedException;

    /** {@code subset:getSubset}: where a two-stage task's shared subset stands. */
    default SubsetView subset(String taskId) throws MedfedException {
        throw new IllegalStateException("this ledger does not serve shared subsets (task " + taskId + ")");
    }

    /** {@code aggregator:warmUp}: stage 1 of a two-stage task, once its shared subset is ready. */
    default void warmUp(String taskId) throws MedfedException {
        throw new IllegalStateException("this ledger does not serve shared subsets (task " + taskId + ")");
    }

    /** {@code secagg:getSecureRound}: the current attempt of a secure round. */
    SecureRoundView secureRound(String taskId, long round) throws MedfedException;

    /** {@code secagg:postKeys}: this node's mask and share public keys (base64) for the round's current attempt. */
    void postKeys(String taskId, long round, String maskKey, String shareKey) throws MedfedException;

    /** {@code secagg:postShares}: one encrypted share pair per neighbour. */
    void postShares(String taskId, long round, List<EncryptedShare> shares) throws MedfedException;

    /** {@code secagg:revealShares}: the shares this survivor holds, in clear, one per owner. */
    void revealShares(String taskId, long round, List<RevealedShare> shares) throws MedfedException;
}
