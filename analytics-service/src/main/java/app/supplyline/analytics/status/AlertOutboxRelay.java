package app.supplyline.analytics.status;

import app.supplyline.platform.work.BackgroundTransactions;
import app.supplyline.platform.work.TableOutbox;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.net.URI;
import java.time.Duration;

/**
 * Publishes the alert outbox (status changes, milestones, consent changes) to {@code supplyline.alerts.v1} in the
 * order it was written ({@link TableOutbox}).
 */
@ApplicationScoped
public class AlertOutboxRelay {

    public static final String CHANNEL = "supply-alerts";
    static final int BATCH = 200;
    /** Any constant shared by every instance of this service; the lock lives in analytics' own database. */
    private static final long RELAY_LOCK = 0x5A1E_47L;

    private final TableOutbox outbox;
    private final Vertx vertx;
    private final Duration pollInterval;

    public AlertOutboxRelay(BackgroundTransactions transactions, @Channel(CHANNEL) MutinyEmitter<String> emitter, Vertx vertx,
            @ConfigProperty(name = "supplyline.alerts.poll-interval", defaultValue = "PT1S") Duration pollInterval,
            @ConfigProperty(name = "supplyline.alerts.source", defaultValue = "/supplyline/analytics-service") String source) {
        this.outbox = new TableOutbox("alert_outbox", RELAY_LOCK, transactions, emitter, URI.create(source), BATCH);
        this.vertx = vertx;
        this.pollInterval = pollInterval;
    }

    void start(@Observes StartupEvent event) {
        outbox.start(vertx, pollInterval);
    }

    void stop(@Observes ShutdownEvent event) {
        outbox.stop();
    }

    /** Asks for a relay pass now; passes never overlap within one instance. */
    public void nudge() {
        outbox.nudge();
    }
}
