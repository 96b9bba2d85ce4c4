package org.medfed.embedded.order;

import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.medfed.embedded.store.TxOutcome;

/** Told about every block right after it is durably committed, in block order, on the orderer's thread. */
public interface CommitListener {

    void committed(Block block, List<TxOutcome> outcomes);
}
