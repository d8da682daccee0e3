package app.supplyline.platform.problem;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Recognises a failure caused by the database being unreachable rather than by the request: a refused connection,
 * a connection lost mid-query, or the server refusing work while it shuts down or starts up (SQLSTATE class 08,
 * 57P01–57P03). Hibernate Reactive and Mutiny wrap these (Hibernate Reactive as a {@link SQLException} carrying the
 * SQLSTATE), so the whole cause chain is searched.
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
            // the SQL client's DatabaseException; Hibernate Reactive puts the state into a java.sql.SQLException
            String state = t instanceof DatabaseException d ? d.getSqlState()
                    : t instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && (state.startsWith("08") || state.matches("57P0[123]"))) {
                return true;
            }
        }
        return false;
    }
}
