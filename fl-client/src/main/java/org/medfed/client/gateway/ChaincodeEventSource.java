package org.medfed.client.gateway;

import java.util.OptionalLong;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;

/** A ledger connection that can also stream chaincode events; tests stand in a scripted stream. */
public interface ChaincodeEventSource {

    /**
     * Events from {@code startBlock}, or from the next block when empty. Failures while iterating arrive as runtime
     * exceptions, which {@link #errorMapper()} explains.
     */
    CloseableIterator<ChaincodeEvent> chaincodeEvents(OptionalLong startBlock);

    ErrorMapper errorMapper();
}
