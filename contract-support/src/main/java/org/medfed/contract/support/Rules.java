package org.medfed.contract.support;

import java.util.function.Supplier;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * Runs fl-common's pure rules inside a transaction: a {@link RuleViolation} becomes a failure with its code, and a
 * value the rules refuse as malformed ({@link IllegalArgumentException}) becomes {@link ErrorCode#INVALID_ARGUMENT}.
 * Without this, Fabric would report them without any code.
 */
public final class Rules {
    private Rules() {}

    public static <T> T enforce(Supplier<T> rule) {
        try {
            return rule.get();
        } catch (RuleViolation violation) {
            throw new FlChaincodeException(violation.code(), violation.getMessage(), violation);
        } catch (IllegalArgumentException invalid) {
            throw new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, invalid.getMessage(), invalid);
        }
    }

    public static void enforce(Runnable rule) {
        enforce(() -> {
            rule.run();
            return null;
        });
    }
}
