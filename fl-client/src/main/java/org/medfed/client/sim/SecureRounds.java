package org.medfed.client.sim;

import java.util.List;

/**
 * Where a secure round's inputs become the next global model: on the network, the masked inputs go to the ledger,
 * which unmasks their sum and takes the step; in the simulation, {@link SummedSecureRounds} adds them in the clear.
 * Masks cancel exactly mod 2^32, so both give the same sum and, through {@code SecureStep}, the same model.
 */
interface SecureRounds {
    /**
     * @param global       the round's global model
     * @param siteInputs   each survivor's input (grid counts, clipped to ±B)
     * @param survivorRows N, the survivors' registered row counts added up
     * @return the next global model
     */
    float[] aggregate(float[] global, List<int[]> siteInputs, long survivorRows);
}
