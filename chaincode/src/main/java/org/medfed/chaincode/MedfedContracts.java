package org.medfed.chaincode;

import java.util.List;
import org.hyperledger.fabric.contract.ContractInterface;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.access.AccessContract;
import org.medfed.chaincode.dataset.DatasetContract;
import org.medfed.chaincode.participant.ParticipantContract;
import org.medfed.chaincode.provenance.ProvenanceContract;
import org.medfed.chaincode.reputation.ReputationContract;
import org.medfed.chaincode.round.RoundContract;
import org.medfed.chaincode.secagg.SecureAggregationContract;
import org.medfed.chaincode.subset.SubsetContract;
import org.medfed.chaincode.system.SystemContract;
import org.medfed.chaincode.task.TaskContract;

/**
 * The contracts of the medfed chaincode, as the shim finds them by scanning the server jar. A JVM that hosts them in
 * process names them instead ({@code InProcessChaincode.contractRouter(id, CONTRACTS)}): scanning a large class path
 * (the CLI's) takes seconds. ContractRegistrationTest keeps this list equal to what the scan finds.
 */
public final class MedfedContracts {
    public static final List<Class<? extends ContractInterface>> CONTRACTS = List.of(
            SystemContract.class,
            ParticipantContract.class,
            DatasetContract.class,
            TaskContract.class,
            RoundContract.class,
            ReputationContract.class,
            ProvenanceContract.class,
            SecureAggregationContract.class,
            AccessContract.class,
            SubsetContract.class,
            AggregatorContract.class);

    private MedfedContracts() {}
}
