package app.supplyline.platform.work;

import io.smallrye.mutiny.Uni;
import io.vertx.core.impl.NoStackTraceTimeoutException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PoisonTest {

    @Test
    void dataTheDatabaseRefusesAndUnreadableValuesArePoison() {
        assertTrue(Poison.isCause(pg("22021")), "character_not_in_repertoire (a NUL in a text)");
        assertTrue(Poison.isCause(pg("22003")), "numeric_value_out_of_range");
        assertTrue(Poison.isCause(pg("23514")), "check_violation");
        assertTrue(Poison.isCause(new CompletionException(new IllegalArgumentException("not a session event"))));
        assertTrue(Poison.isCause(new java.time.DateTimeException("bad zone")));
    }

    @Test
    void outagesTimeoutsAndEverythingUnknownAreNot() {
        assertFalse(Poison.isCause(new ConnectException("Connection refused")));
        assertFalse(Poison.isCause(ClosedConnectionException.INSTANCE));
        assertFalse(Poison.isCause(pg("57P01")), "admin_shutdown");
        assertFalse(Poison.isCause(pg("57014")), "query_canceled: a statement timeout");
        assertFalse(Poison.isCause(pg("40001")), "serialization_failure");
        assertFalse(Poison.isCause(pg("53300")), "too_many_connections");
        assertFalse(Poison.isCause(new NoStackTraceTimeoutException("pool timeout")));
        assertFalse(Poison.isCause(new IllegalStateException("unknown")));
        assertFalse(Poison.isCause(new NullPointerException()), "a bug of ours holds the partition, it is no poison");
        // the database's own verdict wins over a wrapping exception of ours
        assertFalse(Poison.isCause(new IllegalArgumentException(pg("08006"))));
    }

    @Test
    void aPoisonFailureIsTriedMaxAttemptsTimesThenPassedOn() {
        AtomicInteger tries = new AtomicInteger();
        Uni<String> work = Poison.attempts(() -> {
            tries.incrementAndGet();
            return Uni.createFrom().failure(pg("22021"));
        }, 3, "a record");
        assertThrows(PgException.class, () -> work.await().atMost(Duration.ofSeconds(10)));
        assertEquals(3, tries.get());
    }

    @Test
    void transientFailuresDoNotCountAsAttempts() {
        AtomicInteger tries = new AtomicInteger();
        String result = Poison.attempts(() -> tries.incrementAndGet() <= 4
                ? Uni.createFrom().<String>failure(new ConnectException("Connection refused"))
                : Uni.createFrom().item("applied"), 2, "a record").await().atMost(Duration.ofSeconds(30));
        assertEquals("applied", result);
        assertEquals(5, tries.get(), "four outage failures, then success: none counted against the 2 attempts");
    }

    private static PgException pg(String sqlState) {
        return new PgException("message", "ERROR", sqlState, null);
    }
}
