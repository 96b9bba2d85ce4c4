package org.medfed.embedded.store;

import org.hyperledger.fabric.protos.peer.TxValidationCode;

/** Where a transaction id was committed and with which validation code. */
public record TxStatus(long blockNum, int txIndex, TxValidationCode code) {}
