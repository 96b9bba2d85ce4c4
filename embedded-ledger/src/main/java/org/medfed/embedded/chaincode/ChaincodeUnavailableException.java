package org.medfed.embedded.chaincode;

/** The chaincode server could not be reached or did not answer; the message says which and why. */
public class ChaincodeUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChaincodeUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChaincodeUnavailableException(String message) {
        super(message);
    }
}
