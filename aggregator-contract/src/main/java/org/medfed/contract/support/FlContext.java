package org.medfed.contract.support;

import java.time.Instant;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;

/** The context every medfed transaction receives: who is calling, and the transaction's own id and time. */
public class FlContext extends Context {

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

    public String txId() {
        return stub.getTxId();
    }

    /** The timestamp the client put in the proposal: every endorser sees the same value, unlike its own clock. */
    public Instant txTimestamp() {
        return stub.getTxTimestamp();
    }
}
