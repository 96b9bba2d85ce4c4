package org.medfed.contract.support;

import org.medfed.common.protocol.ErrorCode;

/** Validation of transaction arguments; every failure is {@link ErrorCode#INVALID_ARGUMENT}. */
public final class Args {
    private Args() {
    }

    /** A non-empty, well-formed string of at most {@code maxLength} Unicode code points. */
    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw invalid(name + " is required");
        }
        if (!isWellFormed(value)) {
            throw invalid(name + " contains an unpaired surrogate");
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw invalid(name + " must be at most " + maxLength + " characters, got " + length);
        }
        return value;
    }

    private static boolean isWellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static FlChaincodeException invalid(String message) {
        return new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
