package app.supplyline.analytics.status;

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
 * Publishes the alert outbox (status changes, milestones, consent changes) to {@code supplyline.alerts.v1} in the
 * order it was written ({@link TableOutbox}).
 */
@Singleton
public class AlertOutboxRelay extends TableOutbox {

    public static final String CHANNEL = "supply-alerts";
    /** Any constant shared by every instance of this service; the lock lives in analytics' own database. */
    private static final long RELAY_LOCK = 0x5A1E_47L;

    public AlertOutboxRelay(BackgroundTransactions transactions, @Channel(CHANNEL) MutinyEmitter<String> emitter,
            Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "supplyline.alerts.poll-interval", defaultValue = "PT1S") Duration pollInterval,
            @ConfigProperty(name = "supplyline.alerts.source", defaultValue = "/supplyline/analytics-service") String source) {
        super("alert_outbox", RELAY_LOCK, transactions, emitter, vertx, registry, URI.create(source), pollInterval);
    }
}
