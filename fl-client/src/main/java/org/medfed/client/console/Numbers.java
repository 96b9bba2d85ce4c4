package org.medfed.client.console;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers as the console shows them: six significant digits, no exponent, no trailing zeros. */
final class Numbers {
    private Numbers() {}

    static String of(BigDecimal value) {
        return value == null
                ? "-"
                : value.round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
