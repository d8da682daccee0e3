package app.supplyline.analytics.status;

import app.supplyline.platform.work.BackgroundTransactions;
import app.supplyline.platform.work.SerialPasses;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the status changes of the alert outbox to {@code supplyline.alerts.v1} (key = parent id, CloudEvents
 * binary mode) in the order they were written: one relay at a time holds a transaction-scoped advisory lock, sends
 * a batch, and deletes the rows only after Kafka acknowledged all of them. A failure rolls back and the batch is
 * sent again later (at least once; consumers deduplicate on the event id).
 */
@ApplicationScoped
public class AlertOutboxRelay {

    public static final String CHANNEL = "supply-alerts";
    static final int BATCH = 200;
    /** Any constant shared by every instance of this service; the lock lives in analytics' own database. */
    private static final long RELAY_LOCK = 0x5A1E_47L;
    private static final Logger LOG = Logger.getLogger(AlertOutboxRelay.class);

    private final BackgroundTransactions transactions;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final Duration pollInterval;
    private final URI source;
    private final SerialPasses passes = new SerialPasses(this::relayOnce, BATCH, sent -> { },
            failure -> LOG.warnf("Alert relay cannot publish (will retry): %s", failure.getMessage()));
    private long timer = -1;

    public AlertOutboxRelay(BackgroundTransactions transactions, @Channel(CHANNEL) MutinyEmitter<String> emitter, Vertx vertx,
            @ConfigProperty(name = "supplyline.alerts.poll-interval", defaultValue = "PT1S") Duration pollInterval,
            @ConfigProperty(name = "supplyline.alerts.source", defaultValue = "/supplyline/analytics-service") String source) {
        this.transactions = transactions;
        this.emitter = emitter;
        this.vertx = vertx;
        this.pollInterval = pollInterval;
        this.source = URI.create(source);
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> nudge());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Asks for a relay pass now; passes never overlap within one instance. */
    public void nudge() {
        passes.nudge();
    }

    Uni<Integer> relayOnce() {
        return transactions.run(c -> c.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(RELAY_LOCK))
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(0)
                        : c.preparedQuery("""
                                        SELECT position, event_id, parent_id, type, occurred_at, data FROM alert_outbox
                                         ORDER BY position LIMIT $1""")
                                .execute(Tuple.of(BATCH))
                                .chain(rows -> {
                                    List<Long> positions = new ArrayList<>();
                                    List<Uni<Void>> sends = new ArrayList<>();
                                    rows.forEach(r -> {
                                        positions.add(r.getLong("position"));
                                        sends.add(emitter.sendMessage(message(r)));
                                    });
                                    if (sends.isEmpty()) {
                                        return Uni.createFrom().item(0);
                                    }
                                    // a failed pass ends once every send settled: none of its records can still
                                    // reach the topic after the next pass sent them again
                                    return Uni.join().all(sends).andCollectFailures()
                                            .chain(() -> c.preparedQuery("DELETE FROM alert_outbox WHERE position = ANY($1)")
                                                    .execute(Tuple.of((Object) positions.toArray(new Long[0]))))
                                            .replaceWith(positions.size());
                                })));
    }

    private Message<String> message(Row r) {
        String parentId = r.getString("parent_id");
        JsonObject body = r.getJsonObject("data");
        return Message.of(body.encode())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(parentId).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(r.getUUID("event_id").toString())
                        .withType(r.getString("type"))
                        .withSource(source)
                        .withSubject(parentId)
                        .withTimestamp(r.getOffsetDateTime("occurred_at").atZoneSameInstant(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build());
    }
}
