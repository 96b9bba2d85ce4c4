package org.medfed.client.sim;

import java.util.List;
import java.util.function.Function;

/**
 * Where a secure task's rounds turn the sites' inputs into the next global model. {@link LedgerSecureRounds} plays
 * each round on the simulation's ledger, as the network does: keys, shares, masked inputs, close, reveals and the
 * chaincode's unmasking and step. {@link SummedSecureRounds} adds the inputs in the clear and takes the same step,
 * a fast path for tuning: masks cancel exactly mod 2^32, so both give the same sum and, through {@code SecureStep},
 * the same model bits ({@code LedgerSecureRoundsTest} checks it).
 */
interface SecureRounds extends AutoCloseable {

    /** The two ways to play a secure task's rounds. */
    enum Engine {
        /** The chaincode, on the simulation's ledger. */
        LEDGER(LedgerSecureRounds::new),
        /** The inputs' sum in the clear. */
        SUMMED(SummedSecureRounds::new);

        private final Function<SecureSetup, SecureRounds> open;

        Engine(Function<SecureSetup, SecureRounds> open) {
            this.open = open;
        }

        /** A new task with {@code setup}, at its first round. */
        SecureRounds open(SecureSetup setup) {
            return open.apply(setup);
        }
    }

    /**
     * Plays the task's next round, every site surviving.
     *
     * @param siteInputs each site's input (grid counts in Z/2^32), in the setup's site order
     * @return the round's new global model
     */
    float[] next(List<int[]> siteInputs);

    @Override
    void close();
}
