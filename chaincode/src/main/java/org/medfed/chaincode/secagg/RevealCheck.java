package org.medfed.chaincode.secagg;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.secagg.Commitments;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.ShareBundle;
import org.medfed.common.secagg.ShareKind;
import org.medfed.contract.support.FlChaincodeException;

/**
 * Whether a survivor's reveal is the one the protocol allows: from a survivor, only shares it was sent by a
 * neighbour, of the kind that owner's fate calls for (seed of a survivor, mask key of a dropout: never both kinds of
 * one owner, which would unmask it), each equal to its owner's commitment. A survivor may leave out shares (one it
 * cannot decrypt, or whose owner cheated on its commitment): withholding is what a dropout does anyway, and t
 * shares of each secret suffice.
 */
final class RevealCheck {

    void check(SecureRoundRecords records, String revealer, List<RevealedShare> shares) {
        if (!records.survivors().contains(revealer)) {
            throw refuse(
                    ErrorCode.NOT_SURVIVOR,
                    "participant " + revealer + " has no masked input in this attempt; only survivors reveal");
        }
        SortedSet<String> holdersOf = records.graph().holders(revealer);
        SortedSet<String> dropouts = records.dropouts();
        SortedSet<String> held = new TreeSet<>();
        for (String owner : holdersOf) {
            ShareBundle bundle = records.shares().get(owner);
            if (bundle != null && bundle.to(revealer).isPresent()) {
                held.add(owner);
            }
        }
        for (RevealedShare share : shares) {
            String owner = share.owner();
            if (!held.contains(owner)) {
                throw refuse(
                        ErrorCode.WRONG_NEIGHBOUR,
                        "participant " + revealer + " was sent no share by " + owner + " in this attempt");
            }
            ShareKind allowed = dropouts.contains(owner) ? ShareKind.KEY : ShareKind.SEED;
            if (share.kind() != allowed) {
                throw refuse(
                        ErrorCode.DOUBLE_REVEAL,
                        owner + " is a " + (allowed == ShareKind.KEY ? "dropout" : "survivor")
                                + ": only its " + allowed.wire() + " share may be revealed, never its "
                                + share.kind().wire() + " share, or both its secrets would be known");
            }
            EncryptedShare sent = records.shares().get(owner).to(revealer).orElseThrow();
            String commitment =
                    Commitments.commit(records.context(), owner, revealer, share.kind(), share.shareBytes());
            if (!commitment.equals(sent.commitment(share.kind()))) {
                throw refuse(
                        ErrorCode.BAD_COMMITMENT,
                        "the " + share.kind().wire() + " share of " + owner + " does not match the commitment "
                                + sent.commitment(share.kind()) + " its owner posted");
            }
        }
    }

    private static FlChaincodeException refuse(ErrorCode code, String message) {
        return new FlChaincodeException(code, message);
    }
}
