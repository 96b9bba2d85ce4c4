package org.medfed.embedded.chaincode;

import java.time.Duration;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.medfed.embedded.state.StateReader;

/** One organisation's chaincode server, reached over the chaincode protocol (CCaaS). */
public interface ChaincodeInvoker extends AutoCloseable {

    /**
     * Runs a proposal on the chaincode server against {@code state} and returns what it produced. A chaincode
     * ERROR message becomes a response with status 500 and message "transaction returned with failure: ..."
     * (Fabric's wording); only failures to reach or talk to the server throw.
     *
     * @throws ChaincodeUnavailableException the server cannot be reached, did not register, or timed out
     */
    SimulationResult execute(
            String channel,
            String txId,
            SignedProposal proposal,
            ChaincodeInput input,
            StateReader state,
            Duration timeout)
            throws ChaincodeUnavailableException;

    @Override
    void close();
}
