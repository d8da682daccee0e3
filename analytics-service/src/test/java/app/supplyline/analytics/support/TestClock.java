package app.supplyline.analytics.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: fixed at {@link #START} unless a test moves it, so that local days, windows and
 * the midnight sweep do not depend on when the build runs. Tests that move it put it back.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends Clock {

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
