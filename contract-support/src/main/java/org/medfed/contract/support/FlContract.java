package org.medfed.contract.support;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.medfed.common.protocol.ErrorCode;

/** Base of every medfed contract: transactions receive an {@link FlContext}, and routing failures carry error codes. */
public interface FlContract extends ContractInterface {

    @Override
    default FlContext createContext(ChaincodeStub stub) {
        try {
            return new FlContext(stub);
        } catch (RuntimeException e) {
            throw new FlChaincodeException(ErrorCode.UNKNOWN_IDENTITY, "cannot read the caller's certificate", e);
        }
    }

    @Override
    default void unknownTransaction(Context ctx) {
        throw new FlChaincodeException(
                ErrorCode.INVALID_ARGUMENT,
                "unknown transaction \"" + ctx.getStub().getFunction() + "\"");
    }
}
