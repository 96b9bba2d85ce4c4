package org.medfed.client.cli;

import org.medfed.client.ExitCodes;

/**
 * A local input (a spec file, a CSV file, a certificate) is wrong: reported as one line with exit code
 * {@link ExitCodes#USAGE}, before anything is sent to the network.
 */
final class InputException extends Exception {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }

    InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
