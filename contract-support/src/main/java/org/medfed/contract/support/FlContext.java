package org.medfed.contract.support;

import java.time.Instant;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.medfed.common.protocol.ErrorCode;

/**
 * The context every medfed transaction receives: who is calling, and the transaction's own id and time. A new
 * context is created for each transaction, so it is the place for per-transaction data.
 */
public class FlContext extends Context {
    private CallerIdentity caller;

    public FlContext(ChaincodeStub stub) {
        super(stub);
    }

    /** The MSP of the caller's certificate; not {@code stub.getMspId()}, which names the peer's organisation. */
    public String callerMspId() {
        return getClientIdentity().getMSPID();
    }

    /** {@code x509::<subject DN>::<issuer DN>} of the caller's certificate. */
    public String callerId() {
        return getClientIdentity().getId();
    }

    /** The caller's MSP, subject and NodeOU role, read once per transaction. */
    public CallerIdentity caller() {
        if (caller == null) {
            try {
                caller = CallerIdentity.of(getClientIdentity());
            } catch (IllegalArgumentException e) {
                throw new FlChaincodeException(
                        ErrorCode.UNKNOWN_IDENTITY, "cannot read the caller's certificate: " + e.getMessage(), e);
            }
        }
        return caller;
    }

    public String txId() {
        return stub.getTxId();
    }

    /** The timestamp the client put in the proposal: every endorser sees the same value, unlike its own clock. */
    public Instant txTimestamp() {
        return stub.getTxTimestamp();
    }
}
