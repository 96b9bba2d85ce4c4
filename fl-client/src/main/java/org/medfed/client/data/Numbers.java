package org.medfed.client.data;

import java.util.Optional;
import java.util.regex.Pattern;

/** Decimal numbers as written in CSV files; not {@code NaN}, {@code Infinity} or Java's hex and suffix forms. */
final class Numbers {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?");

    private Numbers() {}

    static Optional<Double> parse(String raw) {
        String value = raw.strip();
        if (!DECIMAL.matcher(value).matches()) {
            return Optional.empty();
        }
        double x = Double.parseDouble(value);
        return Double.isFinite(x) ? Optional.of(x) : Optional.empty();
    }
}
