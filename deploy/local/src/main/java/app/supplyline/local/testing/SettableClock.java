package app.supplyline.local.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand: fixed at {@link #START} unless set, so local days, due times and sweeps do not depend
 * on when the build runs. Each service's tests make it their {@code Clock} bean (a CDI alternative).
 */
public class SettableClock extends Clock {

    public static final Instant START = Instant.parse("2026-11-20T12:00:00Z");

    private volatile Instant now = START;

    public void set(Instant instant) {
        now = instant;
    }

    public void reset() {
        now = START;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
