package app.supplyline.notification.push;

import app.supplyline.local.LocalPushService;
import app.supplyline.local.testing.LocalPushTestResource;
import app.supplyline.local.testing.Sql;
import app.supplyline.notification.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static app.supplyline.notification.support.Api.register;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A claim that cannot proceed never freezes delivery: with push_delivery locked by the test (SHARE mode: readers pass,
 * the claim's UPDATE waits), each claim statement is cancelled by the background statement timeout (2 s in tests)
 * instead of waiting, the backlog check shows the pushes DEGRADED while readiness stays UP, and once the lock is gone
 * the next pass delivers and the check is OK again. The service clock is the tests' settable one: the push falls due
 * and ages by moving it.
 */
@QuarkusTest
class StalledClaimTest {

    static LocalPushService push;

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @BeforeAll
    static void startPushService() {
        push = LocalPushTestResource.service();
    }

    @Test
    void aBlockedClaimEndsWithinTheTimeoutTheLagShowsAndTheNextPassDelivers() throws Exception {
        String parentId = UUID.randomUUID().toString();
        LocalPushService.Subscription phone = push.subscribe();
        register(parentId, "parent", phone);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO notification (id, user_id, kind, title, body, data, dedupe_key, created_at) VALUES ('"
                    + UUID.randomUUID() + "', '" + parentId + "', 'REMINDER', 'Time to pump', 'It has been a while', '{}', '"
                    + "stall-" + UUID.randomUUID() + "', now())");
        }
        // a push due in a minute of the service's clock; the lock is taken, then the clock moves 70 s on
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO push_delivery (notification_id, subscription_id, next_attempt_at)"
                    + " SELECT n.id, p.id, timestamptz '" + clock.instant().plusSeconds(60) + "'"
                    + " FROM notification n, push_subscription p"
                    + " WHERE n.user_id = '" + parentId + "' AND p.user_id = '" + parentId + "'");
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> "OK".equals(backlog().getString("data.'pushes.state'"))); // not due yet
        try (Connection holder = db.getConnection(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute("LOCK TABLE push_delivery IN SHARE MODE");
            clock.set(clock.instant().plusSeconds(70));
            // the claim is blocked: a pass waits on the lock…
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Sql.count(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%WITH due AS MATERIALIZED%'"
                            + " AND query NOT LIKE '%pg_stat_activity%' AND wait_event_type = 'Lock'") > 0);
            // …never longer than the timeout (2 s, with a margin for the poll), while the lag grows and shows
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Sql.count(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%WITH due AS MATERIALIZED%'"
                            + " AND query NOT LIKE '%pg_stat_activity%' AND state = 'active'"
                            + " AND now() - query_start > interval '3 seconds'") == 0);
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                    .until(() -> "DEGRADED".equals(backlog().getString("data.'pushes.state'")));
            JsonPath ready = RestAssured.get("/q/health/ready").then().statusCode(200).extract().jsonPath();
            assertEquals("UP", ready.getString("status"), "readiness stays UP while a queue is late");
            assertTrue(backlog().getInt("data.'pushes.oldestDueAgeSeconds'") >= 10, backlog().prettify());
            assertEquals(0, push.received(phone.id()).size(), "nothing sent while the claim is blocked");
            holder.rollback();
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> push.received(phone.id()).size() == 1);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> "OK".equals(backlog().getString("data.'pushes.state'")));
        assertEquals(0, backlog().getInt("data.'pushes.oldestDueAgeSeconds'"));
    }

    private static JsonPath backlog() {
        JsonPath ready = RestAssured.get("/q/health/ready").then().extract().jsonPath();
        return new JsonPath(ready.prettify()).setRootPath("checks.find { it.name == 'background-work' }");
    }
}
