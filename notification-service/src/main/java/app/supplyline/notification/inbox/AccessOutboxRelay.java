package app.supplyline.notification.inbox;

import app.supplyline.platform.work.BackgroundTransactions;
import app.supplyline.platform.work.TableOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.net.URI;
import java.time.Duration;

/**
 * Publishes {@code alert-opened} events (a clinician opened a notification about a parent) to
 * {@code supplyline.access.v1}, key = parent id, in the order they were written ({@link TableOutbox}).
 */
@Singleton
public class AccessOutboxRelay extends TableOutbox {

    public static final String CHANNEL = "alert-opened";
    public static final String TYPE = "app.supplyline.notification.alert-opened.v1";
    /** Any constant shared by every instance of this service; the lock lives in its own database. */
    private static final long RELAY_LOCK = 0xACCE_55L;

    public AccessOutboxRelay(BackgroundTransactions transactions, @Channel(CHANNEL) MutinyEmitter<String> emitter,
            Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "supplyline.access.poll-interval", defaultValue = "PT1S") Duration pollInterval,
            @ConfigProperty(name = "supplyline.access.source", defaultValue = "/supplyline/notification-service") String source) {
        super("access_outbox", RELAY_LOCK, transactions, emitter, vertx, registry, URI.create(source), pollInterval);
    }
}
