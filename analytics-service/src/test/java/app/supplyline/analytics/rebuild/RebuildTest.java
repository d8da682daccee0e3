package app.supplyline.analytics.rebuild;

import app.supplyline.analytics.support.Alerts;
import app.supplyline.analytics.support.SessionEvents;
import app.supplyline.analytics.status.ErasureTest;
import app.supplyline.analytics.support.TestClock;
import app.supplyline.local.testing.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static app.supplyline.analytics.support.Api.as;
import static app.supplyline.analytics.support.Api.parent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dropping the projections and replaying the topic gives the same answers, byte for byte, and no new alert — also
 * when the projections were damaged before (the rebuild repairs them from the topic, it does not leave them be).
 */
@QuarkusTest
class RebuildTest {

    static final ZoneId ZONE = ZoneId.of("America/New_York");

    @Inject
    AgroalDataSource db;

    @Test
    void aRebuildReplaysTheTopicIntoTheSameStateAsLive() throws Exception {
        String parentId = UUID.randomUUID().toString();
        // 07:00 in New York: the last complete day is the day before yesterday (complete-day grace 10:00), so the
        // history is laid out relative to that day
        LocalDate today = java.time.LocalDateTime.ofInstant(TestClock.START, ZONE).minusHours(10).toLocalDate();
        String erasedId = UUID.randomUUID().toString();
        try (SessionEvents events = new SessionEvents(parentId); SessionEvents erased = new SessionEvents(erasedId);
             Alerts alerts = new Alerts()) {
            // a parent who deleted their account: the replay finds no key for them and brings nothing back
            erased.profile(ZONE.getId(), today.minusDays(30), 900, TestClock.START.minus(Duration.ofDays(40)));
            erased.pumpingDay(today.minusDays(1), ZONE, 8, 700);
            erased.erase(TestClock.START);
            events.profile(ZONE.getId(), today.minusDays(30), 900, TestClock.START.minus(Duration.ofDays(40)));
            for (int d = 21; d >= 1; d--) {
                events.pumpingDay(today.minusDays(d), ZONE, 8, d > 7 ? 850 : 640 + d);
                events.checkIn(today.minusDays(d), 5.0 + (d % 4), 2000 + 100 * (d % 3), 1 + d % 5,
                        TestClock.START.minus(Duration.ofDays(d)));
            }
            // a correction and a deletion, so the replay has versions to respect
            var corrected = events.pumping(today.minusDays(2).atTime(23, 0).atZone(ZONE).toInstant(), 15, 30, 30);
            events.correct(corrected, 2, today.minusDays(2).atTime(23, 0).atZone(ZONE).toInstant(), 15, 45, 40);
            var deleted = events.pumping(today.minusDays(3).atTime(23, 30).atZone(ZONE).toInstant(), 15, 100, 100);
            events.delete(deleted, 2, TestClock.START);
            events.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.of(parentId).stream()
                    .anyMatch(r -> "SEEK_HELP".equals(Alerts.body(r).getString("status"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM status_due") == 0);
            String liveTrend = trend(parentId);
            String liveEpisode = episode(parentId);
            String liveInsights = parent(parentId).get("/api/insights/me").then().statusCode(200).extract().asString();
            int alertsBefore = alerts.of(parentId).size();

            // projections the rebuild must repair, not merely leave as they were: check-ins changed and removed
            // (insights only, so no status moves meanwhile), and a corrected session put back to its first version
            Sql.execute(db, "UPDATE check_in SET sleep_hours = 0, water_ml = 0, version = 1 WHERE parent_id = '"
                    + parentId + "' AND local_date > '" + today.minusDays(10) + "'");
            Sql.execute(db, "DELETE FROM check_in WHERE parent_id = '" + parentId + "' AND local_date <= '"
                    + today.minusDays(15) + "'");
            String corruptInsights = parent(parentId).get("/api/insights/me").then().statusCode(200).extract().asString();
            assertNotEquals(liveInsights, corruptInsights, "the corruption shows before the rebuild");
            Sql.execute(db, "UPDATE removal SET left_ml = 30, right_ml = 30, version = 1 WHERE session_id = '"
                    + corrected + "'");
            assertNotEquals(liveTrend, trend(parentId), "the reverted correction shows before the rebuild");

            as("admin-" + UUID.randomUUID(), "admin").post("/api/admin/rebuild").then().statusCode(202)
                    .header("Location", org.hamcrest.Matchers.endsWith("/api/admin/rebuild"))
                    // a small topic may be replayed before the answer is written
                    .body("state", org.hamcrest.Matchers.oneOf("RUNNING", "DONE"))
                    .body("startedAt", org.hamcrest.Matchers.notNullValue());
            await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(as("admin-1", "admin")
                    .get("/api/admin/rebuild").then().statusCode(200).extract().path("state")));
            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM status_due") == 0
                    && count("SELECT count(*) FROM alert_outbox") == 0);

            assertEquals(liveTrend, trend(parentId));
            for (String table : ErasureTest.TABLES) {
                assertEquals(0, count("SELECT count(*) FROM " + table + " WHERE parent_id = '" + erasedId + "'"), table);
            }
            assertEquals(liveEpisode, episode(parentId), "the same status, episode, reference and explanation");
            assertEquals(liveInsights, parent(parentId).get("/api/insights/me").then().statusCode(200).extract().asString());
            long replayed = ((Number) as("admin-1", "admin").get("/api/admin/rebuild").then().extract().path("replayedEvents")).longValue();
            assertTrue(replayed >= events.sent().size(), "replayed " + replayed + " events");
            alerts.of(parentId);
            assertEquals(alertsBefore, alerts.of(parentId).size(), "a rebuild announces nothing that did not change");
        }
    }

    private static String trend(String parentId) {
        return parent(parentId).get("/api/trends/me?days=60").then().statusCode(200).extract().asString();
    }

    /** What the status rules keep between evaluations, as one line. */
    private String episode(String parentId) throws SQLException {
        String sql = "SELECT concat_ws('|', status, reasons::text, episode_id::text, reference_level::text, reference_kind,"
                + " phase_since::text, milestone_announced_at IS NOT NULL, explanation::text) FROM supply_status"
                + " WHERE parent_id = '" + parentId + "'";
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            String row = rs.getString(1);
            assertTrue(row.startsWith("SEEK_HELP|{SUPPLY_DROP}|") && row.contains("|DAILY_TOTAL|"), row);
            return row;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
