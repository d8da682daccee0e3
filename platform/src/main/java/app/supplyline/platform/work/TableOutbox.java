package app.supplyline.platform.work;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * An {@link Outbox} whose table holds its records whole — {@code position} (bigserial), {@code event_id},
 * {@code parent_id}, {@code type}, {@code occurred_at} and {@code data} (the body) — and is small enough for one
 * relay at a time: a pass claims the table with a transaction-scoped advisory lock ({@code lock}, in the service's
 * own database), so the rows leave in the order they were written.
 */
public abstract class TableOutbox extends Outbox {

    /** Rows sent in one pass: no more than an emitter's default buffer (128) holds, whatever the sink's demand. */
    static final int BATCH = 100;

    private final long lock;

    /**
     * @param table  the outbox table (a name from the code, never from input)
     * @param lock   any constant shared by every instance of the service
     */
    protected TableOutbox(String table, long lock, BackgroundTransactions transactions, MutinyEmitter<String> emitter,
            Vertx vertx, MeterRegistry registry, URI source, Duration pollInterval) {
        super(table, table, "occurred_at", BATCH, transactions, emitter, vertx, registry, source, pollInterval,
                Duration.ZERO);
        this.lock = lock;
    }

    @Override
    protected Uni<List<Row>> claim(SqlConnection c, int batch) {
        return c.preparedQuery("SELECT pg_try_advisory_xact_lock($1)").execute(Tuple.of(lock))
                .chain(locked -> !locked.iterator().next().getBoolean(0) ? Uni.createFrom().item(List.<Row>of())
                        : c.preparedQuery("SELECT position, event_id, parent_id, type, occurred_at AS at, data FROM "
                                        + table() + " ORDER BY position LIMIT $1")
                                .execute(Tuple.of(batch))
                                .map(Outbox::list));
    }
}
