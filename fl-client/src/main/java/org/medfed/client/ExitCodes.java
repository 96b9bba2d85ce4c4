package org.medfed.client;

import org.medfed.client.gateway.MedfedException;

/**
 * Stable process exit codes of every medfed command (cli, bench), and the same numbers for the same meanings in the
 * network scripts (network/scripts/exit-codes.sh). Scripts depend on them, so never renumber. The table, once:
 * docs/cli.md, "Exit codes".
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** Bad arguments or a missing/invalid connection profile. */
    public static final int USAGE = 1;
    /** A peer or node could not be reached, or did not answer in time. */
    public static final int NETWORK_UNAVAILABLE = 2;
    /**
     * The ledger refused the call: a chaincode error code, access denied, or a transaction that did not commit. (The
     * scripts: a registry refused to serve Fabric.)
     */
    public static final int LEDGER_REFUSED = 3;
    /** Downloaded data did not match what the ledger records. */
    public static final int VERIFICATION_FAILED = 4;
    /**
     * {@code verify}: a round could not be recomputed because its task's retention policy released its inputs and
     * the node no longer holds them; its record and hashes remain. Not a verification failure.
     */
    public static final int INPUTS_PRUNED = 5;
    /** A bug or an unexpected failure in this program (sysexits EX_SOFTWARE). */
    public static final int INTERNAL = 70;

    private ExitCodes() {}

    public static int of(MedfedException e) {
        if (e.isNetworkUnavailable()) {
            return NETWORK_UNAVAILABLE;
        }
        return !e.isFromChaincode() && MedfedException.INTERNAL.equals(e.code()) ? INTERNAL : LEDGER_REFUSED;
    }
}
