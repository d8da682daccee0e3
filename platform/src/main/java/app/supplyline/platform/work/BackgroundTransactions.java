package app.supplyline.platform.work;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.function.Function;

/**
 * Transactions of background passes (claims, relays, evaluations, purges) with a statement timeout shorter than the
 * pool's ({@code supplyline.db.statement-timeout}, for request work): a pass whose statement hangs — a plan gone
 * wrong, a lock held elsewhere — is cancelled by PostgreSQL, its transaction rolls back, and the next pass tries
 * again. The timeout is PostgreSQL's {@code statement_timeout} syntax ({@code 10s}, {@code 500ms}).
 */
@ApplicationScoped
public class BackgroundTransactions {

    private final Pool pool;
    private final String timeout;

    public BackgroundTransactions(Pool pool,
            @ConfigProperty(name = "supplyline.db.background-statement-timeout", defaultValue = "10s") String timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    public <T> Uni<T> run(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(c -> c.preparedQuery("SELECT set_config('statement_timeout', $1, true)")
                .execute(Tuple.of(timeout))
                .chain(() -> work.apply(c)));
    }

    public String timeout() {
        return timeout;
    }
}
