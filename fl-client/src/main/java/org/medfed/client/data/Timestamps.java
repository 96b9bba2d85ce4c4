package org.medfed.client.data;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reading times as seconds: a plain number (epoch seconds or any monotonic clock) or an ISO-8601 instant. */
final class Timestamps {

    private Timestamps() {}

    static Optional<Double> parse(String raw) {
        String value = raw.strip();
        Optional<Double> number = Numbers.parse(value);
        if (number.isPresent()) {
            return number;
        }
        try {
            return Optional.of(seconds(Instant.parse(value)));
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(seconds(OffsetDateTime.parse(value).toInstant()));
            } catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private static double seconds(Instant instant) {
        return instant.getEpochSecond() + instant.getNano() / 1e9;
    }
}
