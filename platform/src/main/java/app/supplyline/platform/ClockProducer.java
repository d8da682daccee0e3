package app.supplyline.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.time.Clock;

/**
 * The one source of time of every service: logic takes an injected {@link Clock}, never {@code Instant.now()}, so
 * that tests can set it (an {@code @Alternative} clock) and local days, windows and due times follow it.
 */
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }
}
