package app.supplyline.platform.problem;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Recognises a failure caused by the database being unreachable rather than by the request: a refused connection,
 * a connection lost mid-query, or the server refusing work while it shuts down or starts up (SQLSTATE class 08,
 * 57P01–57P03). Hibernate Reactive and Mutiny wrap these, so the whole cause chain is searched.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean isCause(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof DatabaseException d && d.getSqlState() != null
                    && (d.getSqlState().startsWith("08") || d.getSqlState().matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
