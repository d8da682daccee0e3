package app.supplyline.session.journal;

import java.math.BigDecimal;
import java.time.Duration;

/** Bounds a session must respect; the service fills them from configuration ({@code supplyline.sessions.*}). */
public record SessionLimits(Duration maxDuration, Duration maxFutureSkew, Duration maxAge, BigDecimal maxVolumePerSideMl,
        int maxNotesLength, int maxPumpLength) {

    /** The documented defaults: 3 h, 5 min, 1 year, 500 mL per side, 1000 characters of notes, 200 of pump. */
    public static SessionLimits defaults() {
        return new SessionLimits(Duration.ofHours(3), Duration.ofMinutes(5), Duration.ofDays(366),
                new BigDecimal("500"), 1000, 200);
    }
}
