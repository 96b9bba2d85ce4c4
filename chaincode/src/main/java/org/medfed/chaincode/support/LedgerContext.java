package org.medfed.chaincode.support;

import org.hyperledger.fabric.shim.ChaincodeStub;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.contract.support.FlContext;

/** The per-transaction context of the ledger contracts: one {@link LedgerStore} and one {@link Access} each. */
public class LedgerContext extends FlContext {
    private LedgerStore ledger;
    private Access access;

    public LedgerContext(ChaincodeStub stub) {
        super(stub);
    }

    public LedgerStore ledger() {
        if (ledger == null) {
            ledger = new LedgerStore(getStub());
        }
        return ledger;
    }

    public Access access() {
        if (access == null) {
            access = new Access(caller(), ledger());
        }
        return access;
    }
}
