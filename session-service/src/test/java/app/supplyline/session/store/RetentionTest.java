package app.supplyline.session.store;

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

/** Idempotency answers are purged after 45 days, and not a minute before. */
@QuarkusTest
class RetentionTest {

    @Inject
    AgroalDataSource db;

    @Inject
    Retention retention;

    @Inject
    Clock clock;

    @Test
    void onlyIdempotencyAnswersPastTheirRetentionArePurged() throws Exception {
        String parent = "retention-" + UUID.randomUUID();
        String now = "timestamptz '" + clock.instant() + "'"; // the service's clock, which the purge's cut-off uses
        String row = "INSERT INTO idempotency_key (parent_id, key, request_hash, session_id, body, created_at)"
                + " VALUES ('" + parent + "', '%s', 'h', gen_random_uuid(), '{}', " + now + " - interval '%s')";
        Sql.execute(db, row.formatted("old", "45 days 1 minute"));
        Sql.execute(db, row.formatted("young", "44 days 23 hours"));

        Map<String, Long> purged = retention.purgeAll().await().atMost(Duration.ofSeconds(30));

        assertTrue(purged.get("idempotency_key") >= 1, purged.toString());
        assertEquals(0, Sql.count(db, "SELECT count(*) FROM idempotency_key WHERE parent_id = '" + parent + "' AND key = 'old'"));
        assertEquals(1, Sql.count(db, "SELECT count(*) FROM idempotency_key WHERE parent_id = '" + parent + "' AND key = 'young'"));
    }
}
