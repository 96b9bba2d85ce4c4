package org.medfed.embedded.chaincode;

import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * What one organisation's chaincode server produced for a proposal: the chaincode's response (status, message,
 * payload), the read-write set (namespaces and keys sorted, Fabric's encoding) and the chaincode event, if any,
 * already carrying chaincode id and tx id as a peer fills them in.
 */
public record SimulationResult(Response response, TxReadWriteSet rwset, ChaincodeEvent event) {

    /** Message prefix of a transaction the shim answered with ERROR (it did not complete): Fabric's wording. */
    public static final String FAILED_TO_RUN = "transaction returned with failure: ";

    /** The shim answered ERROR rather than COMPLETED: the peer reports it as a failure to simulate. */
    public boolean failedToRun() {
        return response.getStatus() == 500
                && response.getMessage().startsWith(FAILED_TO_RUN)
                && event == null
                && rwset.getNsRwsetCount() == 0;
    }

    public boolean endorsable() {
        return response.getStatus() < 400;
    }
}
