package app.supplyline.notification.support;

import app.supplyline.local.testing.SettableClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** The service's clock in tests (see {@link SettableClock}); tests that move it put it back. */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestClock extends SettableClock {
}
