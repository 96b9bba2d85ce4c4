package org.medfed.client.sim;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.gateway.ProposedTransaction;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The simulation's ledger time. The contracts know only the time a transaction's client put in its proposal (as on
 * Fabric, where the peer does not check it), so a simulation moves time by stamping its proposals: a round's
 * deadline passes without waiting for it. The stamped proposal loses its signature; the gateway client signs it
 * again with the caller's key before it is endorsed.
 */
final class LedgerTime {
    private volatile Instant now;

    LedgerTime(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    Instant now() {
        return now;
    }

    void set(Instant time) {
        this.now = Objects.requireNonNull(time, "time");
    }

    /** {@code proposedTransaction} (fabric-gateway's serialized proposal) with this time and no signature. */
    byte[] stamp(byte[] proposedTransaction) {
        try {
            ProposedTransaction proposed = ProposedTransaction.parseFrom(proposedTransaction);
            Proposal proposal = Proposal.parseFrom(proposed.getProposal().getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            Instant time = now;
            ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader()).toBuilder()
                    .setTimestamp(Timestamp.newBuilder()
                            .setSeconds(time.getEpochSecond())
                            .setNanos(time.getNano()))
                    .build();
            Proposal stamped = proposal.toBuilder()
                    .setHeader(header.toBuilder()
                            .setChannelHeader(channelHeader.toByteString())
                            .build()
                            .toByteString())
                    .build();
            return proposed.toBuilder()
                    .setProposal(SignedProposal.newBuilder().setProposalBytes(stamped.toByteString()))
                    .build()
                    .toByteArray();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("fabric-gateway's own proposal does not parse", e);
        }
    }
}
