package app.supplyline.platform.work;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox relay of every service: publishes the rows of an outbox table to Kafka, at least once and in the order
 * they were written per parent. A pass {@linkplain #claim claims} a batch in a transaction (rows this instance alone
 * may send: locked shards, or the table's advisory lock), sends each row with the parent id as key and CloudEvents
 * headers (binary mode), and deletes the rows only after Kafka acknowledged every one of them (acks=all, idempotent
 * producer), in the same transaction. A failed pass rolls back once each of its sends has settled, and is sent again
 * whole later, so nothing is lost while Kafka is away (consumers drop copies by event id).
 * <p>
 * Passes never overlap within an instance ({@link SerialPasses}); they run every {@code pollInterval} and after a
 * commit's {@link #nudge()}, which waits {@code linger} so that the commits of that moment leave in one pass, as a
 * Kafka producer's linger.ms gathers a batch. Metrics, tagged {@code outbox=<name>}:
 * {@code supplyline.outbox.published}, {@code .publish.failures}, {@code .pending} and {@code .lag.seconds};
 * {@link OutboxHealth} shows the state. A service's relay is a {@code @Singleton} subclass: its table, claim, channel
 * and source.
 */
public abstract class Outbox {

    private final String name;
    private final int batch;
    private final String table;
    private final String createdColumn;
    private final BackgroundTransactions transactions;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final URI source;
    private final Duration pollInterval;
    private final Duration linger;
    private final AtomicBoolean lingering = new AtomicBoolean();
    private final SerialPasses passes;
    private final Counter published;
    private final Counter failures;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();
    private final Logger log;
    private volatile String lastFailure;
    private long pollTimer = -1;
    private long lagTimer = -1;

    /**
     * @param name          the relay's name in metrics, health and logs
     * @param table         the outbox table (a name from the code, never from input): a {@code position} column
     *                      orders it, and {@code createdColumn} tells a row's age
     * @param batch         rows sent in one pass at most (a full pass is followed by another at once)
     * @param source        the CloudEvents source of the records
     * @param pollInterval  how often a pass runs without a nudge
     * @param linger        how long a nudge waits to gather the commits of that moment (zero: a pass at once)
     */
    protected Outbox(String name, String table, String createdColumn, int batch, BackgroundTransactions transactions,
            MutinyEmitter<String> emitter, Vertx vertx, MeterRegistry registry, URI source, Duration pollInterval,
            Duration linger) {
        this.name = name;
        this.batch = batch;
        this.table = table;
        this.createdColumn = createdColumn;
        this.transactions = transactions;
        this.emitter = emitter;
        this.vertx = vertx;
        this.source = source;
        this.pollInterval = pollInterval;
        this.linger = linger;
        this.log = Logger.getLogger(Outbox.class.getName() + "." + name);
        this.passes = new SerialPasses(this::relayOnce, batch, this::relayed, this::failed);
        Tags tags = Tags.of("outbox", name);
        this.published = Counter.builder("supplyline.outbox.published").tags(tags)
                .description("Events published to Kafka").register(registry);
        this.failures = Counter.builder("supplyline.outbox.publish.failures").tags(tags)
                .description("Relay passes that failed and will be sent again").register(registry);
        registry.gauge("supplyline.outbox.pending", tags, pending);
        registry.gauge("supplyline.outbox.lag.seconds", tags, lagSeconds);
    }

    /**
     * Claims up to {@code batch} rows that this instance alone may send now, in the order they must leave, with the
     * columns {@code position}, {@code event_id}, {@code parent_id}, {@code type}, {@code at} (the CloudEvents time)
     * and what {@link #body} reads; none when another instance holds them.
     */
    protected abstract Uni<List<Row>> claim(SqlConnection c, int batch);

    /** The rows of a result, for {@link #claim}. */
    protected static List<Row> list(RowSet<Row> rows) {
        List<Row> list = new ArrayList<>(rows.size());
        rows.forEach(list::add);
        return list;
    }

    /** The record's body: by default the row's {@code data} column. */
    protected String body(Row row) {
        return row.getJsonObject("data").encode();
    }

    /** Work in the pass's transaction before any record of these parents is sent (none by default). */
    protected Uni<Void> beforeSend(SqlConnection c, List<String> parentIds) {
        return Uni.createFrom().voidItem();
    }

    protected void start(@Observes StartupEvent event) {
        pollTimer = vertx.setPeriodic(pollInterval.toMillis(), id -> passes.nudge());
        lagTimer = vertx.setPeriodic(2000, id -> measureLag());
    }

    protected void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(pollTimer);
        vertx.cancelTimer(lagTimer);
    }

    /** Asks for a pass after a commit, once {@code linger} has passed; passes never overlap within one instance. */
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

    public String name() {
        return name;
    }

    /** The outbox table (a name from the code). */
    protected final String table() {
        return table;
    }

    /** Null while the relay keeps up; the last publishing failure while it is degraded. */
    public String lastFailure() {
        return lastFailure;
    }

    /** Rows waiting, as last measured (every 2 s). */
    public long pending() {
        return pending.get();
    }

    /** Age in seconds of the oldest row waiting, as last measured. */
    public long lagSeconds() {
        return lagSeconds.get();
    }

    /** One pass: publishes up to {@code batch} claimed rows; returns how many. */
    public Uni<Integer> relayOnce() {
        return transactions.run(c -> claim(c, batch).chain(rows -> {
            if (rows.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            List<Long> positions = new ArrayList<>(rows.size());
            List<Message<String>> messages = new ArrayList<>(rows.size());
            LinkedHashSet<String> parents = new LinkedHashSet<>();
            rows.forEach(r -> {
                positions.add(r.getLong("position"));
                parents.add(r.getString("parent_id"));
                messages.add(message(r));
            });
            // the sends are subscribed in claim order, so the producer receives each parent's rows in order; a failed
            // pass ends only once every send of it settled, so none of its records can still reach the topic after
            // the next pass sent them again
            return beforeSend(c, List.copyOf(parents))
                    .chain(() -> Uni.join().all(messages.stream().map(emitter::sendMessage).toList())
                            .andCollectFailures())
                    .chain(() -> c.preparedQuery("DELETE FROM " + table + " WHERE position = ANY($1)")
                            .execute(Tuple.of((Object) positions.toArray(new Long[0]))))
                    .invoke(() -> published.increment(positions.size()))
                    .replaceWith(positions.size());
        }));
    }

    private Message<String> message(Row r) {
        String parentId = r.getString("parent_id");
        return Message.of(body(r))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(parentId).build())
                .addMetadata(OutgoingCloudEventMetadata.<String>builder()
                        .withId(r.getUUID("event_id").toString())
                        .withType(r.getString("type"))
                        .withSource(source)
                        .withSubject(parentId)
                        .withTimestamp(r.getOffsetDateTime("at").atZoneSameInstant(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .build());
    }

    /** A pass that succeeded, with rows or none (another instance holds them, or none wait), ends a failure. */
    private void relayed(int sent) {
        lastFailure = null;
    }

    private void failed(Throwable failure) {
        failures.increment();
        if (lastFailure == null) {
            log.warnf("The %s outbox relay cannot publish (will retry): %s", name, failure.getMessage());
        }
        lastFailure = failure.getMessage();
    }

    private void measureLag() {
        transactions.run(c -> c.query("SELECT count(*), coalesce(extract(epoch FROM now() - min(" + createdColumn
                        + ")), 0) FROM " + table).execute())
                .subscribe().with(rows -> {
                    Row r = rows.iterator().next();
                    pending.set(r.getLong(0));
                    lagSeconds.set((long) r.getDouble(1).doubleValue());
                }, failure -> log.debugf("Cannot measure the %s outbox's lag: %s", name, failure.getMessage()));
    }
}
