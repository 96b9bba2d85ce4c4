package org.medfed.contract.support;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.contract.execution.ExecutionFactory;
import org.hyperledger.fabric.contract.execution.InvocationRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.medfed.common.protocol.ErrorCode;

/**
 * Refuses a call that passes more or fewer arguments than its transaction method takes. The shim converts the
 * arguments after it has created the context: a short list fails there with an index out of bounds, which reaches
 * the client as "Unexpected error" without any code (fabric-chaincode-java issue 230, open), and the surplus of a
 * long list is dropped without a word. Found by ContractRoutingFuzzTest.
 */
final class ArgumentCounts {
    /**
     * Each contract class's transactions (by the name the shim routes) and their argument counts, the context not
     * counted. Derived from the class alone, so every endorser computes the same.
     */
    private static final ClassValue<Map<String, Integer>> COUNTS = new ClassValue<>() {
        @Override
        protected Map<String, Integer> computeValue(Class<?> contract) {
            Map<String, Integer> counts = new HashMap<>();
            for (Method method : contract.getMethods()) {
                Transaction transaction = method.getAnnotation(Transaction.class);
                if (transaction != null) {
                    String name = transaction.name().isEmpty() ? method.getName() : transaction.name();
                    counts.put(name, method.getParameterCount() - 1);
                }
            }
            return Map.copyOf(counts);
        }
    };

    private ArgumentCounts() {}

    /** @throws FlChaincodeException ({@code INVALID_ARGUMENT}) if the called transaction takes another count */
    static void check(ContractInterface contract, ChaincodeStub stub) {
        if (stub.getArgs().isEmpty()) {
            return; // the router answers a call without a function name itself, before any contract
        }
        // Parsed as the shim parses it, so this names the transaction the router will call.
        InvocationRequest request = ExecutionFactory.getInstance().createRequest(stub);
        Integer expected = COUNTS.get(contract.getClass()).get(request.getMethod());
        int given = request.getArgs().size();
        if (expected != null && given != expected) {
            throw new FlChaincodeException(
                    ErrorCode.INVALID_ARGUMENT,
                    "\"" + stub.getFunction() + "\" takes " + expected + " argument" + (expected == 1 ? "" : "s")
                            + ", got " + given);
        }
    }
}
