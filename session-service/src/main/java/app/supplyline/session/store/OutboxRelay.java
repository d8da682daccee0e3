package app.supplyline.session.store;

import app.supplyline.platform.work.BackgroundTransactions;
import app.supplyline.platform.work.SerialPasses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes committed journal events from the outbox to Kafka ({@code supplyline.sessions.v1}), at least once and in
 * stream order per parent: a relay holds outbox shards (a hash of the parent) with {@code FOR UPDATE SKIP LOCKED},
 * sends their events in position order with the parent id as key, and deletes the rows only after Kafka
 * acknowledged every one of them (acks=all, idempotent producer), in the same transaction. A failed batch is rolled
 * back, once each of its sends has settled, and sent again whole later, so nothing is lost while Kafka is away. The
 * pass that takes an event off the outbox sends it after every earlier event of its parent; a failed pass may have had
 * some later events acknowledged and earlier ones not, so the first copies on the topic are in order only while
 * publishing succeeds (consumers apply events in any order and drop copies by event id).
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel, bound to the sessions topic in application.properties. */
    public static final String CHANNEL = "journal-events";
    static final int BATCH = 500;
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final ParentKeys keys;
    private final BackgroundTransactions transactions;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final URI source;
    private final Duration pollInterval;
    private final Duration linger;
    private final AtomicBoolean lingering = new AtomicBoolean();
    private final Counter published;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingSeconds = new AtomicLong();
    private final SerialPasses passes = new SerialPasses(this::relayOnce, BATCH, this::relayed, this::failed);
    private volatile String lastFailure;
    private long pollTimer = -1;
    private long lagTimer = -1;

    public OutboxRelay(Pool pool, ParentKeys keys, BackgroundTransactions transactions, @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            MutinyEmitter<String> emitter, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "supplyline.outbox.poll-interval", defaultValue = "PT0.1S") Duration pollInterval,
            @ConfigProperty(name = "supplyline.outbox.linger", defaultValue = "PT0.01S") Duration linger,
            @ConfigProperty(name = "supplyline.outbox.source", defaultValue = "/supplyline/session-service") String source) {
        this.pool = pool;
        this.keys = keys;
        this.transactions = transactions;
        this.emitter = emitter;
        this.vertx = vertx;
        this.pollInterval = pollInterval;
        this.linger = linger;
        this.source = URI.create(source);
        this.published = Counter.builder("supplyline.outbox.published").description("Events published to Kafka")
                .register(registry);
        this.failures = Counter.builder("supplyline.outbox.publish.failures")
                .description("Relay batches that failed and will be sent again").register(registry);
        registry.gauge("supplyline.outbox.pending", pending);
        registry.gauge("supplyline.outbox.lag.seconds", oldestPendingSeconds);
    }

    void start(@Observes StartupEvent event) {
        pollTimer = vertx.setPeriodic(pollInterval.toMillis(), id -> nudge());
        lagTimer = vertx.setPeriodic(2000, id -> measureLag());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(lagTimer);
    }

    /**
     * Asks for a relay pass (after a commit) once {@code supplyline.outbox.linger} has passed, so that the commits
     * of that moment leave in one pass, as a Kafka producer's linger.ms gathers a batch: under load a pass per
     * commit would cost PostgreSQL as much as the commits themselves. Passes never run concurrently within one
     * instance.
     */
    public void nudge() {
        if (linger.isZero()) {
            passes.nudge();
        } else if (lingering.compareAndSet(false, true)) {
            vertx.setTimer(linger.toMillis(), id -> {
                lingering.set(false);
                passes.nudge();
            });
        }
    }

    private void relayed(int sent) {
        if (sent > 0) {
            lastFailure = null;
        }
    }

    private void failed(Throwable failure) {
        failures.increment();
        if (lastFailure == null) {
            LOG.warnf("Outbox relay cannot publish (will retry): %s", failure.getMessage());
        }
        lastFailure = failure.getMessage();
    }

    /** Null while the relay keeps up; the last publishing failure while it is degraded. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Events waiting in the outbox, as last measured (every 2 s). */
    public long pending() {
        return pending.get();
    }

    /** Age in seconds of the oldest event waiting, as last measured. */
    public long lagSeconds() {
        return oldestPendingSeconds.get();
    }

    /** One pass: publishes up to {@link #BATCH} events of the shards this instance could lock; returns how many. */
    Uni<Integer> relayOnce() {
        return transactions.run(c -> c.query("SELECT shard FROM outbox_shard FOR UPDATE SKIP LOCKED").execute()
                .chain(shardRows -> {
                    List<Integer> shards = new ArrayList<>();
                    shardRows.forEach(r -> shards.add(r.getInteger(0)));
                    if (shards.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    return c.preparedQuery("""
                                    SELECT o.position, e.event_id, e.parent_id, e.version, e.type, e.schema_version,
                                           e.occurred_at, e.recorded_at, e.data
                                      FROM outbox o JOIN journal_event e ON e.event_id = o.event_id
                                     WHERE o.shard = ANY($1)
                                     ORDER BY o.position
                                     LIMIT $2""")
                            .execute(Tuple.of(shards.toArray(new Integer[0]), BATCH))
                            .chain(rows -> {
                                if (rows.size() == 0) {
                                    return Uni.createFrom().item(0);
                                }
                                List<Long> positions = new ArrayList<>();
                                List<Uni<Void>> sends = new ArrayList<>();
                                java.util.Set<String> parents = new java.util.LinkedHashSet<>();
                                rows.forEach(r -> {
                                    positions.add(r.getLong("position"));
                                    parents.add(r.getString("parent_id"));
                                    sends.add(emitter.sendMessage(message(r)));
                                });
                                // each parent's data key is on its topic before any of their events (DataKeys);
                                // the sends are subscribed in this order, so the producer receives each parent's
                                // events in order; a failed pass ends only once every send of it settled, so none of
                                // its records can still reach the topic after the next pass sent them again
                                return keys.publishPending(c, List.copyOf(parents))
                                        .chain(() -> Uni.join().all(sends).andCollectFailures())
                                        .chain(() -> c.preparedQuery("DELETE FROM outbox WHERE position = ANY($1)")
                                                .execute(Tuple.of(positions.toArray(new Long[0]))))
                                        .invoke(() -> published.increment(positions.size()))
                                        .replaceWith(positions.size());
                            });
                }));
    }

    /** The record: key = parent id, CloudEvents headers, and the event with its envelope as JSON body. */
    private Message<String> message(Row r) {
        String parentId = r.getString("parent_id");
        JsonObject body = new JsonObject()
                .put("eventId", r.getUUID("event_id").toString())
                .put("parentId", parentId)
                .put("version", r.getLong("version"))
                .put("type", r.getString("type"))
                .put("schemaVersion", r.getInteger("schema_version"))
                .put("occurredAt", r.getOffsetDateTime("occurred_at").toInstant().toString())
                .put("recordedAt", r.getOffsetDateTime("recorded_at").toInstant().toString())
                .mergeIn(r.getJsonObject("data"));
        OutgoingCloudEventMetadata<String> cloudEvent = OutgoingCloudEventMetadata.<String>builder()
                .withId(r.getUUID("event_id").toString())
                .withType(r.getString("type"))
                .withSource(source)
                .withSubject(parentId)
                .withTimestamp(r.getOffsetDateTime("recorded_at").atZoneSameInstant(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        return Message.of(body.encode())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(parentId).build())
                .addMetadata(cloudEvent);
    }

    private void measureLag() {
        pool.query("SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox").execute()
                .subscribe().with(rows -> {
                    Row r = rows.iterator().next();
                    pending.set(r.getLong(0));
                    oldestPendingSeconds.set((long) r.getDouble(1).doubleValue());
                }, failure -> LOG.debugf("Cannot measure the outbox lag: %s", failure.getMessage()));
    }
}
