package org.medfed.embedded.chaincode;

/** The simulator refused an operation; the message is Fabric's, so the shim's peer-side error reads the same. */
public class SimulationException extends Exception {

    public SimulationException(String message) {
        super(message);
    }
}
