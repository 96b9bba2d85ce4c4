package org.medfed.embedded.store;

import com.google.protobuf.Timestamp;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * The committer's verdict on the transaction at {@code index} of a block. Writes of {@code rwset} are applied only
 * when {@code code} is VALID, at version (block, index); {@code rwset} may be null otherwise. {@code txId} may be
 * empty for an envelope too malformed to carry one (it is then not indexed).
 */
public record TxOutcome(int index, String txId, TxValidationCode code, Timestamp timestamp, TxReadWriteSet rwset) {}
