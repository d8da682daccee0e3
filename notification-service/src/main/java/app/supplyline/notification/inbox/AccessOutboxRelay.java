package app.supplyline.notification.inbox;

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
 * Publishes {@code alert-opened} events (a clinician opened a notification about a parent) to
 * {@code supplyline.access.v1}, key = parent id, in the order they were written ({@link TableOutbox}).
 */
@ApplicationScoped
public class AccessOutboxRelay {

    public static final String CHANNEL = "alert-opened";
    public static final String TYPE = "app.supplyline.notification.alert-opened.v1";
    static final int BATCH = 200;
    /** Any constant shared by every instance of this service; the lock lives in its own database. */
    private static final long RELAY_LOCK = 0xACCE_55L;

    private final TableOutbox outbox;
    private final Vertx vertx;
    private final Duration pollInterval;

    public AccessOutboxRelay(BackgroundTransactions transactions, @Channel(CHANNEL) MutinyEmitter<String> emitter,
            Vertx vertx,
            @ConfigProperty(name = "supplyline.access.poll-interval", defaultValue = "PT1S") Duration pollInterval,
            @ConfigProperty(name = "supplyline.access.source", defaultValue = "/supplyline/notification-service") String source) {
        this.outbox = new TableOutbox("access_outbox", RELAY_LOCK, transactions, emitter, URI.create(source), BATCH);
        this.vertx = vertx;
        this.pollInterval = pollInterval;
    }

    void start(@Observes StartupEvent event) {
        outbox.start(vertx, pollInterval);
    }

    void stop(@Observes ShutdownEvent event) {
        outbox.stop();
    }

    public void nudge() {
        outbox.nudge();
    }
}
