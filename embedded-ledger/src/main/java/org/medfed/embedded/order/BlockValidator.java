package org.medfed.embedded.order;

import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.medfed.embedded.chaincode.RangeReads;
import org.medfed.embedded.channel.Channel;
import org.medfed.embedded.channel.TxIds;
import org.medfed.embedded.msp.Identity;
import org.medfed.embedded.msp.IdentityException;
import org.medfed.embedded.msp.Membership;
import org.medfed.embedded.msp.Role;
import org.medfed.embedded.state.Version;
import org.medfed.embedded.state.VersionedValue;
import org.medfed.embedded.store.TxOutcome;

/**
 * Commit-time validation of one block, in transaction order, as a Fabric peer does it: envelope and creator checks
 * (BAD_*), DUPLICATE_TXID, the endorsement policy (MAJORITY of the channel's organisations, each endorsement by a
 * peer of its organisation over the same payload: ENDORSEMENT_POLICY_FAILURE), then MVCC and phantom reads against
 * committed state plus the writes of the block's earlier valid transactions.
 */
final class BlockValidator {

    private final Channel channel;

    BlockValidator(Channel channel) {
        this.channel = channel;
    }

    List<TxOutcome> validate(long blockNum, List<Envelope> envelopes) {
        List<TxOutcome> outcomes = new ArrayList<>();
        Set<String> seenInBlock = new HashSet<>();
        BlockUpdates updates = new BlockUpdates();
        for (int i = 0; i < envelopes.size(); i++) {
            outcomes.add(validateOne(blockNum, i, envelopes.get(i), seenInBlock, updates));
        }
        return outcomes;
    }

    private TxOutcome validateOne(
            long blockNum, int index, Envelope envelope, Set<String> seenInBlock, BlockUpdates updates) {
        Payload payload;
        ChannelHeader header;
        SignatureHeader signatureHeader;
        try {
            payload = Payload.parseFrom(envelope.getPayload());
            header = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            signatureHeader = SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
        } catch (InvalidProtocolBufferException e) {
            return outcome(index, "", TxValidationCode.BAD_PAYLOAD, null, null);
        }
        String txId = header.getTxId();
        if (header.getType() != HeaderType.ENDORSER_TRANSACTION_VALUE) {
            return outcome(index, txId, TxValidationCode.UNKNOWN_TX_TYPE, header, null);
        }
        if (!header.getChannelId().equals(channel.id())) {
            return outcome(index, txId, TxValidationCode.TARGET_CHAIN_NOT_FOUND, header, null);
        }
        Membership membership = channel.membership();
        try {
            // Fabric does not refuse at commit a creator whose certificate expired after it signed.
            Instant signedAt = Instant.ofEpochSecond(
                    header.getTimestamp().getSeconds(), header.getTimestamp().getNanos());
            Identity creator = membership.validate(signatureHeader.getCreator().toByteArray(), signedAt);
            if (!membership.verify(
                    creator,
                    envelope.getPayload().toByteArray(),
                    envelope.getSignature().toByteArray())) {
                return outcome(index, txId, TxValidationCode.BAD_CREATOR_SIGNATURE, header, null);
            }
        } catch (IdentityException e) {
            return outcome(index, txId, TxValidationCode.BAD_CREATOR_SIGNATURE, header, null);
        }
        if (!txId.equals(TxIds.compute(signatureHeader.getNonce(), signatureHeader.getCreator()))) {
            return outcome(index, txId, TxValidationCode.BAD_PROPOSAL_TXID, header, null);
        }
        if (!seenInBlock.add(txId) || channel.store().txStatus(txId) != null) {
            return outcome(index, txId, TxValidationCode.DUPLICATE_TXID, header, null);
        }
        ChaincodeActionPayload actionPayload;
        ChaincodeAction action;
        TxReadWriteSet rwset;
        try {
            Transaction tx = Transaction.parseFrom(payload.getData());
            if (tx.getActionsCount() != 1) {
                return outcome(index, txId, TxValidationCode.BAD_PAYLOAD, header, null);
            }
            actionPayload = ChaincodeActionPayload.parseFrom(tx.getActions(0).getPayload());
            ProposalResponsePayload prp =
                    ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
            action = ChaincodeAction.parseFrom(prp.getExtension());
            rwset = TxReadWriteSet.parseFrom(action.getResults());
        } catch (InvalidProtocolBufferException e) {
            return outcome(index, txId, TxValidationCode.BAD_RWSET, header, null);
        }
        if (!endorsementPolicyMet(actionPayload, membership)) {
            return outcome(index, txId, TxValidationCode.ENDORSEMENT_POLICY_FAILURE, header, null);
        }
        try {
            TxValidationCode mvcc = checkReads(rwset, updates);
            if (mvcc != TxValidationCode.VALID) {
                return outcome(index, txId, mvcc, header, null);
            }
            applyWrites(rwset, updates, new Version(blockNum, index));
        } catch (InvalidProtocolBufferException e) {
            return outcome(index, txId, TxValidationCode.BAD_RWSET, header, null);
        }
        return outcome(index, txId, TxValidationCode.VALID, header, rwset);
    }

    /**
     * MAJORITY Endorsement: distinct organisations with a valid endorsement by one of their peers over the
     * proposal response payload (signature over payload ‖ endorser identity).
     */
    private boolean endorsementPolicyMet(ChaincodeActionPayload actionPayload, Membership membership) {
        byte[] prp = actionPayload.getAction().getProposalResponsePayload().toByteArray();
        Set<String> orgs = new HashSet<>();
        for (Endorsement e : actionPayload.getAction().getEndorsementsList()) {
            try {
                Identity endorser = membership.validate(e.getEndorser().toByteArray(), Instant.now());
                if (endorser.role() != Role.PEER || !channel.mspIds().contains(endorser.mspId())) {
                    continue;
                }
                byte[] signed = concat(prp, e.getEndorser().toByteArray());
                if (membership.verify(endorser, signed, e.getSignature().toByteArray())) {
                    orgs.add(endorser.mspId());
                }
            } catch (IdentityException ignored) {
                // an endorsement by an unknown or invalid identity counts for nothing
            }
        }
        return orgs.size() >= channel.majority();
    }

    private TxValidationCode checkReads(TxReadWriteSet rwset, BlockUpdates updates)
            throws InvalidProtocolBufferException {
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            KVRWSet kv = KVRWSet.parseFrom(ns.getRwset());
            for (KVRead read : kv.getReadsList()) {
                if (updates.exists(ns.getNamespace(), read.getKey())) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
                VersionedValue committed = channel.store().get(ns.getNamespace(), read.getKey());
                Version readVersion = Version.of(read.getVersion(), read.hasVersion());
                Version committedVersion = committed == null ? null : committed.version();
                if (!java.util.Objects.equals(readVersion, committedVersion)) {
                    return TxValidationCode.MVCC_READ_CONFLICT;
                }
            }
            for (RangeQueryInfo range : kv.getRangeQueriesInfoList()) {
                if (!rangeUnchanged(ns.getNamespace(), range, updates)) {
                    return TxValidationCode.PHANTOM_READ_CONFLICT;
                }
            }
        }
        return TxValidationCode.VALID;
    }

    /**
     * Fabric's range validators: the same keys at the same versions and nothing more, compared read by read, or by
     * the Merkle summary that stands for more than 50 reads.
     */
    private boolean rangeUnchanged(String namespace, RangeQueryInfo range, BlockUpdates updates) {
        // An iterator the chaincode did not exhaust recorded the last key it saw as the end key, inclusive.
        boolean includeEnd = !range.getItrExhausted();
        try (CombinedRange now = new CombinedRange(
                channel.store(), updates, namespace, range.getStartKey(), range.getEndKey(), includeEnd)) {
            if (range.hasReadsMerkleHashes()) {
                RangeReads reads = new RangeReads();
                for (CombinedRange.Entry e = now.next(); e != null; e = now.next()) {
                    reads.add(KVRead.newBuilder()
                            .setKey(e.key())
                            .setVersion(e.version().toProto())
                            .build());
                }
                return reads.writeTo(RangeQueryInfo.newBuilder())
                        .build()
                        .getReadsMerkleHashes()
                        .equals(range.getReadsMerkleHashes());
            }
            CombinedRange.Entry current = now.next();
            for (KVRead read : range.getRawReads().getKvReadsList()) {
                if (current == null
                        || !current.key().equals(read.getKey())
                        || !current.version().equals(Version.of(read.getVersion(), read.hasVersion()))) {
                    return false;
                }
                current = now.next();
            }
            return current == null;
        }
    }

    private static void applyWrites(TxReadWriteSet rwset, BlockUpdates updates, Version version)
            throws InvalidProtocolBufferException {
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            for (KVWrite w : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                updates.put(
                        ns.getNamespace(),
                        w.getKey(),
                        w.getIsDelete() ? null : w.getValue().toByteArray(),
                        version);
            }
        }
    }

    private static TxOutcome outcome(
            int index, String txId, TxValidationCode code, ChannelHeader header, TxReadWriteSet rwset) {
        return new TxOutcome(
                index,
                txId,
                code,
                header == null ? com.google.protobuf.Timestamp.getDefaultInstance() : header.getTimestamp(),
                rwset);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
