package app.supplyline.platform.work;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * An outbox table published to Kafka in the order its rows were written: one relay at a time (a transaction-scoped
 * advisory lock, {@code lock}, in the service's own database) sends a batch — key = parent id, CloudEvents binary
 * mode — and deletes the rows only after Kafka acknowledged all of them. A failure rolls back and the batch is sent
 * again later (at least once; consumers deduplicate on the event id). The table has the columns {@code position}
 * (bigserial), {@code event_id}, {@code parent_id}, {@code type}, {@code occurred_at} and {@code data} (the body).
 * A service's relay is a {@code @Singleton} subclass naming its table, lock, channel and source; it passes every
 * {@code pollInterval} from start, and after each {@link #nudge()}.
 */
public abstract class TableOutbox {

    /** Rows sent in one pass. */
    public static final int BATCH = 200;

    private final String table;
    private final long lock;
    private final BackgroundTransactions transactions;
    private final MutinyEmitter<String> emitter;
    private final URI source;
    private final Vertx vertx;
    private final Duration pollInterval;
    private final SerialPasses passes;
    private long timer = -1;

    /**
     * @param table  the outbox table (a name from the code, never from input)
     * @param lock   any constant shared by every instance of the service
     * @param source the CloudEvents source of the records
     */
    protected TableOutbox(String table, long lock, BackgroundTransactions transactions, MutinyEmitter<String> emitter,
            Vertx vertx, Duration pollInterval, URI source) {
        this.table = table;
        this.lock = lock;
        this.transactions = transactions;
        this.emitter = emitter;
        this.source = source;
        this.vertx = vertx;
        this.pollInterval = pollInterval;
        Logger log = Logger.getLogger(TableOutbox.class.getName() + "." + table);
        this.passes = new SerialPasses(this::relayOnce, BATCH, sent -> { },
                failure -> log.warnf("The %s relay cannot publish (will retry): %s", table, failure.getMessage()));
    }

    protected void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> nudge());
    }

    protected void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Asks for a relay pass now (after a commit); passes never overlap within one instance. */
    public void nudge() {
        passes.nudge();
    }

    Uni<Integer> relayOnce() {
        return transactions.run(c -> c.preparedQuery("SELECT pg_try_advisory_xact_lock($1)")
                .execute(Tuple.of(lock))
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(0)
                        : c.preparedQuery("SELECT position, event_id, parent_id, type, occurred_at, data FROM " + table
                                        + " ORDER BY position LIMIT $1")
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
                                            .chain(() -> c.preparedQuery("DELETE FROM " + table + " WHERE position = ANY($1)")
                                                    .execute(Tuple.of((Object) positions.toArray(new Long[0]))))
                                            .replaceWith(positions.size());
                                })));
    }

    private Message<String> message(Row r) {
        String parentId = r.getString("parent_id");
        return Message.of(r.getJsonObject("data").encode())
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
