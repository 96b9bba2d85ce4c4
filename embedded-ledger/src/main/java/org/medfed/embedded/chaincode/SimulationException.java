package org.medfed.embedded.chaincode;

/** The simulator refused an operation; the message is Fabric's, so the shim's peer-side error reads the same. */
public class SimulationException extends Exception {
    private static final long serialVersionUID = 1L;

    public SimulationException(String message) {
        super(message);
    }
}
