package org.medfed.chaincode.ledger;

import org.hyperledger.fabric.shim.ChaincodeStub;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;

/**
 * The only place ledger keys are built: composite keys whose object type is a short lower-case word. Numeric
 * attributes, when they come, are zero-padded so partial-key scans return them in numeric order.
 */
public final class Keys {
    static final String PING = "ping";

    private final ChaincodeStub stub;

    Keys(ChaincodeStub stub) {
        this.stub = stub;
    }

    /** {@code ping~<mspId>}: the last ping from an organisation. */
    public String ping(String mspId) {
        return composite(PING, mspId);
    }

    private String composite(String objectType, String... attributes) {
        try {
            return stub.createCompositeKey(objectType, attributes).toString();
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, "not usable in a ledger key: " + e.getMessage(), e);
        }
    }
}
