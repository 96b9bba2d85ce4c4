package org.medfed.contract.support;

import java.util.function.Function;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.medfed.common.protocol.ErrorCode;

/** Base of every medfed contract: transactions receive an {@link FlContext}, and routing failures carry error codes. */
public interface FlContract extends ContractInterface {

    @Override
    default FlContext createContext(ChaincodeStub stub) {
        return context(this, stub, FlContext::new);
    }

    /**
     * The context {@code create} makes for the caller of {@code stub}, once the call is known to be well-formed: a
     * caller whose certificate cannot be read is {@link ErrorCode#UNKNOWN_IDENTITY}, a call with the wrong number of
     * arguments for its transaction {@link ErrorCode#INVALID_ARGUMENT}. The shim creates the context before it
     * converts the arguments, which makes this the place for both.
     */
    static <C extends FlContext> C context(
            ContractInterface contract, ChaincodeStub stub, Function<ChaincodeStub, C> create) {
        C context;
        try {
            context = create.apply(stub);
        } catch (RuntimeException e) {
            throw new FlChaincodeException(ErrorCode.UNKNOWN_IDENTITY, "cannot read the caller's certificate", e);
        }
        ArgumentCounts.check(contract, stub);
        return context;
    }

    @Override
    default void unknownTransaction(Context ctx) {
        throw new FlChaincodeException(
                ErrorCode.INVALID_ARGUMENT,
                "unknown transaction \"" + ctx.getStub().getFunction() + "\"");
    }
}
