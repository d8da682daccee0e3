package app.supplyline.platform.work;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;

/**
 * Shows the service's outbox relays in {@code /q/health} ({@code outbox-relay}): OK, or DEGRADED while rows wait
 * (Kafka away or slow), with each relay's backlog. It never reports DOWN: a broker outage must neither restart the
 * service nor take it out of rotation, since writes are still accepted and will be published when Kafka is back.
 */
@Liveness
@ApplicationScoped
public class OutboxHealth implements HealthCheck {

    /** Rows older than this in an outbox mean its relay is not keeping up. */
    static final Duration LAG_TOLERANCE = Duration.ofSeconds(10);

    private final Instance<Outbox> relays;

    public OutboxHealth(Instance<Outbox> relays) {
        this.relays = relays;
    }

    @Override
    public HealthCheckResponse call() {
        boolean degraded = false;
        boolean several = !relays.isResolvable();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox-relay").up();
        for (Outbox relay : relays) {
            degraded |= relay.lastFailure() != null || relay.lagSeconds() > LAG_TOLERANCE.toSeconds();
            String prefix = several ? relay.name() + "." : "";
            response.withData(prefix + "pending", relay.pending()).withData(prefix + "lagSeconds", relay.lagSeconds());
            if (relay.lastFailure() != null) {
                response.withData(prefix + "lastFailure", relay.lastFailure());
            }
        }
        return response.withData("state", degraded ? "DEGRADED" : "OK").build();
    }
}
