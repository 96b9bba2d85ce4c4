package org.medfed.embedded.msp;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The window in which a certificate is valid (X.509 notBefore and notAfter, to the second). */
public record Validity(Instant notBefore, Instant notAfter) {

    public Validity {
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("notAfter " + notAfter + " is not after notBefore " + notBefore);
        }
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * cryptogen's window: from {@code now} rounded to the minute less five minutes (so peers with a slightly late
     * clock accept new certificates), for 3650 days.
     */
    public static Validity cryptogenDefault(Instant now) {
        Instant start = now.plusSeconds(30).truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(5));
        return new Validity(start, start.plus(Duration.ofDays(3650)));
    }
}
