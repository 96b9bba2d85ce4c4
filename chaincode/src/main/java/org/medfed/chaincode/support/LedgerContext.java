package org.medfed.chaincode.support;

import java.util.Map;
import java.util.function.Function;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.medfed.chaincode.ledger.Keys;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.common.codec.JsonRecord;
import org.medfed.contract.support.Args;
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

    /**
     * The whole of a {@code list*} transaction over the records under {@code range}: its page size and bookmark
     * checked, the caller a reader, then one page as canonical JSON (see {@link LedgerStore#listing}).
     */
    public <T extends JsonRecord> String listing(
            Function<Keys, CompositeKey> range,
            String pageSize,
            String bookmark,
            Function<Map<String, Object>, T> decoder) {
        Args.Paging paging = Args.paging(pageSize, bookmark);
        access().requireReader();
        return ledger().listing(range.apply(ledger().keys()), paging, decoder);
    }
}
