package app.supplyline.session.intake;

import app.supplyline.session.journal.SessionLimits;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.math.BigDecimal;
import java.time.Duration;

/** Bounds of a session ({@code supplyline.sessions.*}); the defaults are the documented product choices. */
@ConfigMapping(prefix = "supplyline.sessions")
public interface SessionConfig {

    /** Longest session accepted. */
    @WithDefault("PT3H")
    Duration maxDuration();

    /** How far in the future a start may be (clock skew between phone and server). */
    @WithDefault("PT5M")
    Duration maxFutureSkew();

    /** How far back a session may be logged. */
    @WithDefault("P366D")
    Duration maxAge();

    /** Largest volume per side, in mL. */
    @WithDefault("500")
    BigDecimal maxVolumePerSideMl();

    @WithDefault("1000")
    int maxNotesLength();

    default SessionLimits limits() {
        return new SessionLimits(maxDuration(), maxFutureSkew(), maxAge(), maxVolumePerSideMl(), maxNotesLength(), 200);
    }
}
