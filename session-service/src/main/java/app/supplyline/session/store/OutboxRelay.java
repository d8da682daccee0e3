package app.supplyline.session.store;

import app.supplyline.platform.work.BackgroundTransactions;
import app.supplyline.platform.work.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes committed journal events from the outbox to Kafka ({@code supplyline.sessions.v1}) with the platform's
 * {@link Outbox}: several instances share the load by outbox shards (a hash of the parent), each pass holding the
 * shards it could lock with {@code FOR UPDATE SKIP LOCKED} and sending their events in position order. Each
 * parent's data key is published before any of their events ({@link ParentKeys#publishPending}). The pass that
 * takes an event off the outbox sends it after every earlier event of its parent; a failed pass may have had some
 * later events acknowledged and earlier ones not, so the first copies on the topic are in order only while
 * publishing succeeds (consumers apply events in any order and drop copies by event id).
 */
@Singleton
public class OutboxRelay extends Outbox {

    /** The outgoing channel, bound to the sessions topic in application.properties. */
    public static final String CHANNEL = "journal-events";
    /** Events sent in one pass at most (the emitter buffers 2,048). */
    static final int BATCH = 500;

    private final ParentKeys keys;

    public OutboxRelay(ParentKeys keys, BackgroundTransactions transactions,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
            MutinyEmitter<String> emitter, Vertx vertx, MeterRegistry registry,
            @ConfigProperty(name = "supplyline.outbox.poll-interval", defaultValue = "PT0.1S") Duration pollInterval,
            @ConfigProperty(name = "supplyline.outbox.linger", defaultValue = "PT0.01S") Duration linger,
            @ConfigProperty(name = "supplyline.outbox.source", defaultValue = "/supplyline/session-service") String source) {
        super("journal", "outbox", "created_at", BATCH, transactions, emitter, vertx, registry, URI.create(source),
                pollInterval, linger);
        this.keys = keys;
    }

    @Override
    protected Uni<List<Row>> claim(SqlConnection c, int batch) {
        return c.query("SELECT shard FROM outbox_shard FOR UPDATE SKIP LOCKED").execute().chain(shardRows -> {
            List<Integer> shards = new ArrayList<>();
            shardRows.forEach(r -> shards.add(r.getInteger(0)));
            if (shards.isEmpty()) {
                return Uni.createFrom().item(List.<Row>of());
            }
            return c.preparedQuery("""
                            SELECT o.position, e.event_id, e.parent_id, e.version, e.type, e.schema_version,
                                   e.occurred_at, e.recorded_at, e.recorded_at AS at, e.data
                              FROM outbox o JOIN journal_event e ON e.event_id = o.event_id
                             WHERE o.shard = ANY($1)
                             ORDER BY o.position
                             LIMIT $2""")
                    .execute(Tuple.of(shards.toArray(new Integer[0]), batch))
                    .map(Outbox::list);
        });
    }

    /** Each parent's data key is on its topic before any of their events (DataKeys). */
    @Override
    protected Uni<Void> beforeSend(SqlConnection c, List<String> parentIds) {
        return keys.publishPending(c, parentIds);
    }

    /** The event with its envelope. */
    @Override
    protected String body(Row r) {
        return new JsonObject()
                .put("eventId", r.getUUID("event_id").toString())
                .put("parentId", r.getString("parent_id"))
                .put("version", r.getLong("version"))
                .put("type", r.getString("type"))
                .put("schemaVersion", r.getInteger("schema_version"))
                .put("occurredAt", r.getOffsetDateTime("occurred_at").toInstant().toString())
                .put("recordedAt", r.getOffsetDateTime("recorded_at").toInstant().toString())
                .mergeIn(r.getJsonObject("data"))
                .encode();
    }
}
