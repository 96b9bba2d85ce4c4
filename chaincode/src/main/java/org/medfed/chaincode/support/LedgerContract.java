package org.medfed.chaincode.support;

import org.hyperledger.fabric.shim.ChaincodeStub;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.FlContract;

/** Base of the ledger contracts: their transactions receive a {@link LedgerContext}. */
public interface LedgerContract extends FlContract {

    @Override
    default LedgerContext createContext(ChaincodeStub stub) {
        try {
            return new LedgerContext(stub);
        } catch (RuntimeException e) {
            throw new FlChaincodeException(ErrorCode.UNKNOWN_IDENTITY, "cannot read the caller's certificate", e);
        }
    }
}
