package app.supplyline.platform.problem;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseOutageTest {

    @Test
    void refusedAndLostConnectionsAreOutagesWhereverTheyAreWrapped() {
        assertTrue(DatabaseOutage.isCause(new ConnectException("Connection refused")));
        assertTrue(DatabaseOutage.isCause(new CompletionException(new IllegalStateException(new ConnectException("x")))));
        assertTrue(DatabaseOutage.isCause(new CompletionException(ClosedConnectionException.INSTANCE)));
    }

    @Test
    void aServerShuttingDownOrStartingIsAnOutage() {
        assertTrue(DatabaseOutage.isCause(pg("57P01")), "admin_shutdown");
        assertTrue(DatabaseOutage.isCause(pg("57P03")), "cannot_connect_now");
        assertTrue(DatabaseOutage.isCause(pg("08006")), "connection_failure");
    }

    @Test
    void hibernateReactivesSqlExceptionsAreReadByTheirState() {
        // Hibernate Reactive replaces the client's PgException by a java.sql.SQLException without a cause
        assertTrue(DatabaseOutage.isCause(new CompletionException(new SQLException("gone", "57P01", 0))));
        assertFalse(DatabaseOutage.isCause(new CompletionException(new SQLException("dup", "23505", 0))));
        assertTrue(Erased.isCause(new CompletionException(new SQLException("erased", Erased.SQLSTATE, 0))));
        assertTrue(Erased.isCause(new CompletionException(new PgException("erased", "ERROR", Erased.SQLSTATE, null))));
        assertTrue(Erased.isCause(new CompletionException(new Erased.Parent("p-1"))), "no data key left");
        assertFalse(Erased.isCause(new SQLException("dup", "23505", 0)));
    }

    @Test
    void constraintViolationsAndBugsAreNot() {
        assertFalse(DatabaseOutage.isCause(pg("23505")), "unique_violation");
        assertFalse(DatabaseOutage.isCause(pg("57014")), "query_canceled");
        assertFalse(DatabaseOutage.isCause(new NullPointerException()));
        Throwable loop = new RuntimeException();
        assertFalse(DatabaseOutage.isCause(new RuntimeException(loop)));
    }

    private static PgException pg(String sqlState) {
        return new PgException("message", "FATAL", sqlState, null);
    }
}
