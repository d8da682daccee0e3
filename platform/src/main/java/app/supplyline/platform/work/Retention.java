package app.supplyline.platform.work;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every {@link Purge} of the service every {@code supplyline.retention.interval} (the first a minute after the
 * start): batches of
 * {@code supplyline.retention.batch} rows, each its own short background transaction, until a batch comes back
 * short. Instances may purge side by side: a row is deleted once whoever gets there first.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);

    private final List<Purge> purges;
    private final BackgroundTransactions transactions;
    private final Vertx vertx;
    private final Clock clock;
    private final Duration interval;
    private final int batch;
    private final SerialPasses passes;
    private long timer = -1;

    public Retention(Instance<Purge> purges, BackgroundTransactions transactions, Vertx vertx, Clock clock,
            @ConfigProperty(name = "supplyline.retention.interval", defaultValue = "PT1H") Duration interval,
            @ConfigProperty(name = "supplyline.retention.batch", defaultValue = "1000") int batch) {
        this.purges = purges.stream().toList();
        this.transactions = transactions;
        this.vertx = vertx;
        this.clock = clock;
        this.interval = interval;
        this.batch = batch;
        this.passes = new SerialPasses(() -> purgeAll().map(deleted -> 0), 1, count -> { },
                failure -> LOG.warnf("Purge failed (the next one retries): %s", failure.getMessage()));
    }

    void start(@Observes StartupEvent event) {
        if (!purges.isEmpty()) {
            // the first purge a minute after the start, so that an instance restarted often still purges
            timer = vertx.setPeriodic(Math.min(interval.toMillis(), 60_000), interval.toMillis(), id -> passes.nudge());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Purges everything past its retention now; answers the rows deleted per purge. */
    public Uni<Map<String, Long>> purgeAll() {
        Map<String, Long> deleted = new LinkedHashMap<>();
        return Multi.createFrom().iterable(purges)
                .onItem().transformToUniAndConcatenate(p -> purge(p, clock.instant().minus(p.keep()).atOffset(ZoneOffset.UTC), 0)
                        .invoke(n -> deleted.put(p.name(), n)))
                .collect().last()
                .invoke(() -> deleted.forEach((name, n) -> {
                    if (n > 0) {
                        LOG.infof("Purged %d rows of %s past retention", n, name);
                    }
                }))
                .replaceWith(deleted);
    }

    private Uni<Long> purge(Purge p, OffsetDateTime cutOff, long sofar) {
        return transactions.run(c -> c.preparedQuery(p.sql()).execute(Tuple.of(cutOff, batch)))
                .chain(rows -> rows.rowCount() < batch ? Uni.createFrom().item(sofar + rows.rowCount())
                        : purge(p, cutOff, sofar + rows.rowCount()));
    }
}
