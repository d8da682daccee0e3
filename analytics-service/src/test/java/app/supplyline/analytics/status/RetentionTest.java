package app.supplyline.analytics.status;

import app.supplyline.local.testing.Sql;
import app.supplyline.platform.work.Retention;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Processed event ids are purged after 7 days of the service's clock, and not a minute before. */
@QuarkusTest
class RetentionTest {

    @Inject
    AgroalDataSource db;

    @Inject
    Retention retention;

    @Inject
    Clock clock;

    @Test
    void onlyProcessedEventIdsPastTheirRetentionArePurged() throws Exception {
        UUID old = UUID.randomUUID();
        UUID young = UUID.randomUUID();
        String now = "timestamptz '" + clock.instant() + "'";
        Sql.execute(db, "INSERT INTO processed_event (event_id, processed_at) VALUES ('" + old + "', " + now
                + " - interval '7 days 1 minute'), ('" + young + "', " + now + " - interval '6 days 23 hours')");

        Map<String, Long> purged = retention.purgeAll().await().atMost(Duration.ofSeconds(30));

        assertTrue(purged.get("processed_event") >= 1, purged.toString());
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM processed_event WHERE event_id = '" + old + "'"));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM processed_event WHERE event_id = '" + young + "'"));
    }
}
