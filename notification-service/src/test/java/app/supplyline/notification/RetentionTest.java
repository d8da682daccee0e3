package app.supplyline.notification;

import app.supplyline.local.testing.Sql;
import app.supplyline.platform.work.Retention;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Purges delete what is past retention — failed pushes after 30 days, processed event ids after 7 — and nothing else. */
@QuarkusTest
class RetentionTest {

    @Inject
    AgroalDataSource db;

    @Inject
    Retention retention;

    @Inject
    Clock clock;

    @Test
    void onlyRowsPastTheirRetentionArePurged() throws Exception {
        String user = "retention-" + UUID.randomUUID();
        String now = "timestamptz '" + clock.instant() + "'"; // the service's clock: the tests' settable one
        UUID subscription = UUID.randomUUID();
        UUID notification = UUID.randomUUID();
        UUID oldEvent = UUID.randomUUID();
        UUID youngEvent = UUID.randomUUID();
        Sql.execute(db, "INSERT INTO processed_event (event_id, processed_at) VALUES ('" + oldEvent + "', " + now + " - interval '7 days 1 minute'),"
                + " ('" + youngEvent + "', " + now + " - interval '6 days 23 hours')");
        Sql.execute(db, "INSERT INTO push_subscription (id, user_id, endpoint, p256dh, auth, created_at) VALUES ('" + subscription
                + "', '" + user + "', 'http://127.0.0.1:1/" + user + "', 'k', 'a', now())");
        Sql.execute(db, "INSERT INTO notification (id, user_id, kind, title, body, data, dedupe_key, created_at) VALUES ('"
                + notification + "', '" + user + "', 'REMINDER', 't', 'b', '{}', '" + user + "', " + now + " - interval '40 days')");
        String delivery = "INSERT INTO push_delivery (notification_id, subscription_id, next_attempt_at, state) VALUES ('"
                + notification + "', '" + subscription + "', " + now + " - interval '%s', '%s')";
        Sql.execute(db, delivery.formatted("30 days 1 minute", "FAILED"));
        Sql.execute(db, delivery.formatted("29 days 23 hours", "FAILED"));
        Map<String, Long> purged;
        // The running dispatcher would claim a due PENDING row, fail to send it and mark it FAILED (young) before the
        // counts below. Held locked, as a sender's claim holds it, the dispatcher's claim (SKIP LOCKED) passes it by;
        // should the dispatcher claim it between its insert and the lock, it is inserted again.
        try (Connection sender = db.getConnection(); Statement s = sender.createStatement()) {
            sender.setAutoCommit(false);
            boolean locked = false;
            for (int attempt = 0; attempt < 5 && !locked; attempt++) {
                Sql.execute(db, delivery.formatted("40 days", "PENDING")); // never purged: still to be sent
                locked = s.executeQuery("SELECT id FROM push_delivery WHERE subscription_id = '" + subscription
                        + "' AND state = 'PENDING' AND next_attempt_at < " + now + " - interval '39 days' FOR UPDATE").next();
            }
            assertTrue(locked, "the dispatcher claimed every PENDING row before it could be locked");
            purged = retention.purgeAll().await().atMost(Duration.ofSeconds(30));
            assertEquals(1, Sql.count(db, "SELECT count(*) FROM push_delivery WHERE subscription_id = '" + subscription
                    + "' AND state = 'PENDING' AND next_attempt_at < " + now + " - interval '39 days'"));
            sender.rollback();
        }
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM push_delivery WHERE subscription_id = '" + subscription
                + "' AND state = 'FAILED' AND next_attempt_at < " + now + " - interval '29 days'"));

        assertTrue(purged.get("processed_event") >= 1, purged.toString());
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM processed_event WHERE event_id = '" + oldEvent + "'"));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM processed_event WHERE event_id = '" + youngEvent + "'"));
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM push_delivery WHERE subscription_id = '" + subscription
                + "' AND state = 'FAILED' AND next_attempt_at < " + now + " - interval '30 days'"));
        Sql.execute(db, "DELETE FROM push_subscription WHERE id = '" + subscription + "'");
    }
}
