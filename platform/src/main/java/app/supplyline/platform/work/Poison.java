package app.supplyline.platform.work;

import app.supplyline.platform.problem.DatabaseOutage;
import io.smallrye.mutiny.Uni;
import io.vertx.sqlclient.DatabaseException;
import org.jboss.logging.Logger;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Tells a record that can never be applied (a poison record) from a failure that passes. Only failures the record
 * itself causes count: the database refusing its data (SQLSTATE class 22, data exception, and 23, integrity
 * constraint) or the consumer's reading code refusing it ({@link IllegalArgumentException},
 * {@link DateTimeException}). Everything else — a database that is unreachable, restarting or slow (statement
 * timeout), a pool timeout, Kafka, a bug of ours — is retried without limit, so neither an outage nor a regression
 * sends good records to a dead-letter topic.
 */
public final class Poison {

    private static final Logger LOG = Logger.getLogger(Poison.class);

    private Poison() {
    }

    public static boolean isCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        boolean refusedByCode = false;
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof DatabaseException d) {
                // the database's verdict wins, however our code wrapped it
                String state = d.getSqlState();
                return state != null && (state.startsWith("22") || state.startsWith("23"));
            }
            if (DatabaseOutage.isCause(t)) {
                return false;
            }
            // a consumer's reading code says "this record is unusable" with these; a NullPointerException and the
            // like are bugs of ours, which must hold the partition (and show) rather than dead-letter every record
            refusedByCode |= t instanceof IllegalArgumentException || t instanceof DateTimeException;
        }
        return refusedByCode;
    }

    /**
     * Runs {@code work} until it succeeds: transient failures are retried with back-off for as long as they last;
     * failures of the record itself are tried {@code maxAttempts} times in all, then the last one is passed on.
     */
    public static <T> Uni<T> attempts(Supplier<Uni<T>> work, int maxAttempts, String what) {
        return Uni.createFrom().<T>deferred(work::get)
                .onFailure(f -> !isCause(f)).invoke(f -> LOG.warnf("Cannot apply %s (will retry): %s", what, f.getMessage()))
                .onFailure(f -> !isCause(f)).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(30)).indefinitely()
                .onFailure(Poison::isCause).invoke(f -> LOG.warnf("%s refused (attempts at most %d): %s", what, maxAttempts,
                        f.getMessage()))
                .onFailure(Poison::isCause).retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1))
                .atMost(Math.max(0, maxAttempts - 1));
    }
}
