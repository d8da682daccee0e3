package app.supplyline.session.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import java.time.Duration;

/**
 * Shows the relay's state in {@code /q/health}: OK, or DEGRADED while events wait (Kafka away or slow). It never
 * reports DOWN: a broker outage must neither restart the service nor take it out of rotation, since sessions are
 * still accepted and will be published when Kafka is back.
 */
@Liveness
@ApplicationScoped
public class OutboxRelayHealth implements HealthCheck {

    /** Events older than this in the outbox mean the relay is not keeping up. */
    static final Duration LAG_TOLERANCE = Duration.ofSeconds(10);

    private final OutboxRelay relay;

    public OutboxRelayHealth(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        boolean degraded = relay.lastFailure() != null || relay.lagSeconds() > LAG_TOLERANCE.toSeconds();
        var response = HealthCheckResponse.named("outbox-relay").up()
                .withData("state", degraded ? "DEGRADED" : "OK")
                .withData("pending", relay.pending())
                .withData("lagSeconds", relay.lagSeconds());
        if (relay.lastFailure() != null) {
            response.withData("lastFailure", relay.lastFailure());
        }
        return response.build();
    }
}
