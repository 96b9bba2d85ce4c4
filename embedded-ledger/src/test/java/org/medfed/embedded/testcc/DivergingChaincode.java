package org.medfed.embedded.testcc;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeBase;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ResponseUtils;
import org.medfed.embedded.chaincode.InProcessChaincode;

/**
 * The test contract as one organisation runs it when its {@code diverge} answer is its own: what
 * {@link TestContract#DIVERGE_ENV} does for a server process, for organisations hosted in one JVM, which share an
 * environment.
 */
public final class DivergingChaincode extends ChaincodeBase {

    private final ChaincodeBase contracts;
    private final String answer;

    public DivergingChaincode(String chaincodeId, String answer) {
        // The shim's own way to name a chaincode without CORE_CHAINCODE_ID_NAME; it needs a name to start.
        processCommandLineOptions(new String[] {"--id", chaincodeId});
        this.contracts = InProcessChaincode.contractRouter(chaincodeId);
        this.answer = answer;
    }

    @Override
    public Response init(ChaincodeStub stub) {
        return invoke(stub);
    }

    @Override
    public Response invoke(ChaincodeStub stub) {
        return "diverge".equals(stub.getFunction())
                ? ResponseUtils.newSuccessResponse(answer.getBytes(StandardCharsets.UTF_8))
                : contracts.invoke(stub);
    }
}
