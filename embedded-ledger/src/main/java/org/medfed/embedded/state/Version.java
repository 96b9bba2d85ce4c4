package org.medfed.embedded.state;

/** The height at which a value was written: block number and the transaction's index in that block (Fabric's). */
public record Version(long blockNum, long txNum) {

    public org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version toProto() {
        return org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder()
                .setBlockNum(blockNum)
                .setTxNum(txNum)
                .build();
    }

    /** Null for a proto that is absent (a read of a key that did not exist). */
    public static Version of(org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version proto, boolean present) {
        return present ? new Version(proto.getBlockNum(), proto.getTxNum()) : null;
    }
}
