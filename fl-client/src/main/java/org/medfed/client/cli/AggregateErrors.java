package org.medfed.client.cli;

import java.util.Locale;
import org.medfed.client.gateway.MedfedException;

/** What went wrong with {@code round aggregate}, and what to do about it, in one line each. */
final class AggregateErrors {
    private AggregateErrors() {}

    static MedfedException explain(MedfedException e, String task, long round) {
        String what = "round " + round + " of task " + task;
        String advice = switch (e.code()) {
            case "ROUND_NOT_CLOSED" ->
                what + " is not closed yet: close it first with `medfed round close " + task + " " + round
                        + "` (or see `medfed round status " + task + "`)";
            case "QUORUM_NOT_MET" ->
                what + " has too few usable updates after exclusions to aggregate; see the "
                        + "excluded updates with `medfed round status " + task + " " + round + "`";
            case "BLOB_UNAVAILABLE" ->
                "an organisation's Kubo node could not serve a blob of " + what
                        + ", so it did not endorse: check its node (`network/network.sh status`) and that the blobs are "
                        + "pinned, then run the command again";
            case "AGGREGATION_FAILED" -> what + " cannot be aggregated as specified; the reason is above";
            case "STALE_ROUND", "ROUND_NOT_OPEN" ->
                what + " is not the task's current round; see `medfed round " + "status " + task + "`";
            default ->
                mismatch(e)
                        ? "the endorsing organisations computed different aggregates of " + what
                                + ", so nothing was committed: each must read the same blobs from its Kubo node and run the "
                                + "same chaincode version; compare them with `medfed verify round " + task + " " + round
                                + "`"
                        : null;
        };
        if (advice == null) {
            return e;
        }
        String message = e.getMessage() + " — " + advice;
        String txId = e.txId().orElse(null);
        return e.isFromChaincode()
                ? MedfedException.fromChaincode(e.code(), message, txId, e)
                : new MedfedException(e.code(), message, txId, e);
    }

    /** Fabric's gateway refuses endorsements whose write sets differ with "ProposalResponsePayloads do not match". */
    private static boolean mismatch(MedfedException e) {
        String text = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return !e.isFromChaincode() && (text.contains("do not match") || text.contains("mismatch"));
    }
}
