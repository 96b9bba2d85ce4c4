package org.medfed.chaincode.support;

import org.hyperledger.fabric.shim.ChaincodeStub;
import org.medfed.contract.support.FlContract;

/** Base of the ledger contracts: their transactions receive a {@link LedgerContext}. */
public interface LedgerContract extends FlContract {

    @Override
    default LedgerContext createContext(ChaincodeStub stub) {
        return FlContract.context(this, stub, LedgerContext::new);
    }
}
