package app.supplyline.analytics.status;

import app.supplyline.analytics.support.Alerts;
import app.supplyline.analytics.support.SessionEvents;
import app.supplyline.analytics.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static app.supplyline.analytics.support.Api.clinician;
import static app.supplyline.analytics.support.Api.parent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Session events in, status out: the trend API reflects the events, a drop despite regular pumping announces
 * SEEK_HELP exactly once on supplyline.alerts.v1 (also when every event arrives twice), and the windows move at
 * local midnight without any new event.
 */
@QuarkusTest
class SupplyStatusFlowTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate TODAY = LocalDate.ofInstant(TestClock.START, PARIS);

    @Inject
    AgroalDataSource db;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** Two weeks: B at {@code baselineMl} a day, then C at {@code currentMl}, {@code perDay} pumpings a day. */
    static void twoWeeks(SessionEvents events, int perDay, double baselineMl, double currentMl) {
        events.profile("Europe/Paris", null, null, TestClock.START.minus(Duration.ofDays(30)));
        for (int d = 14; d >= 1; d--) {
            events.pumpingDay(TODAY.minusDays(d), PARIS, perDay, d > 7 ? baselineMl : currentMl);
        }
        events.flush();
    }

    @Test
    void aDropDespiteRegularPumpingAnnouncesSeekHelpOnceEvenWhenEventsArriveTwice() throws Exception {
        String parentId = UUID.randomUUID().toString();
        String clinicianId = "clinician-" + UUID.randomUUID();
        String cohortId = clinician(clinicianId).contentType(ContentType.JSON).body("{\"name\":\"Lactation clinic\"}")
                .post("/api/cohorts").then().statusCode(201).extract().path("id");
        String code = clinician(clinicianId).get("/api/cohorts/" + cohortId).then().extract().path("inviteCode");
        parent(parentId).contentType(ContentType.JSON).body(new JsonObject().put("inviteCode", code).encode())
                .post("/api/consents").then().statusCode(201);

        try (SessionEvents events = new SessionEvents(parentId); Alerts alerts = new Alerts()) {
            twoWeeks(events, 8, 800, 560);
            await().atMost(Duration.ofSeconds(60)).until(() -> seekHelpAlerts(alerts, parentId).size() == 1);

            parent(parentId).get("/api/trends/me?days=14").then().statusCode(200)
                    .body("status", equalTo("SEEK_HELP"))
                    .body("reasons", contains("SUPPLY_DROP"))
                    .body("currentAvgMl", equalTo(560.0f))
                    .body("baselineAvgMl", equalTo(800.0f))
                    .body("changePct", equalTo(-30.0f))
                    .body("removalsPerDay", equalTo(8.0f))
                    .body("regularDays", equalTo(7))
                    .body("adherencePct", equalTo(100.0f))
                    .body("longestGapHours", equalTo(2.7f))
                    .body("timezone", equalTo("Europe/Paris"))
                    .body("days", hasSize(14))
                    .body("days[0].date", equalTo(TODAY.minusDays(13).toString()))
                    .body("days[12].totalMl", equalTo(560.0f))
                    .body("days[12].leftMl", equalTo(280.0f))
                    .body("days[12].pumpingSessions", equalTo(8))
                    .body("days[12].longestGapMinutes", equalTo(160))
                    .body("days[13].date", equalTo(TODAY.toString()))
                    .body("days[13].removals", equalTo(0));

            // every event again (an at-least-once relay), then a profile change that makes analytics evaluate anew
            events.redeliverAll();
            clock.set(TestClock.START.plus(Duration.ofMinutes(5)));
            events.profile("Europe/Paris", null, null, TestClock.START);
            events.flush();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    count("SELECT count(*) FROM supply_status WHERE parent_id = ? AND evaluated_at = '2026-11-20T12:05:00Z'", parentId) == 1
                            && count("SELECT count(*) FROM alert_outbox WHERE parent_id = ?", parentId) == 0);
            alerts.of(parentId);

            List<ConsumerRecord<String, String>> seekHelp = seekHelpAlerts(alerts, parentId);
            assertEquals(1, seekHelp.size(), "one SEEK_HELP alert, whatever was delivered twice");
            ConsumerRecord<String, String> record = seekHelp.get(0);
            JsonObject alert = Alerts.body(record);
            assertEquals(List.of(), Alerts.SCHEMAS.errors(StatusEvaluator.ALERT_TYPE, record.value()));
            assertEquals(parentId, record.key());
            assertEquals(alert.getString("eventId"), Alerts.header(record, "ce_id"));
            assertEquals(StatusEvaluator.ALERT_TYPE, Alerts.header(record, "ce_type"));
            assertEquals(parentId, Alerts.header(record, "ce_subject"));
            assertEquals(List.of("SUPPLY_DROP"), alert.getJsonArray("reasons").getList());
            assertEquals(List.of(clinicianId), alert.getJsonArray("clinicianIds").getList());
            assertNotNull(UUID.fromString(alert.getString("episodeId")));
            assertEquals(TODAY.toString(), alert.getString("evaluatedFor"));
            // the alert carries the figures of the moment it was decided, which may be before the last pumping of
            // yesterday arrived: what matters is that they are the figures of a SEEK_HELP
            assertTrue(alert.getJsonObject("metrics").getDouble("changePct") <= -20.0, alert.encode());
            assertTrue(alert.getJsonObject("metrics").getInteger("regularDays") >= 5, alert.encode());
        }
    }

    /**
     * The alert names the clinicians who have the parent's consent when it is decided: a clinician whose cohort the
     * parent left before the drop is not among them, the one the parent still shares with is.
     */
    @Test
    void aSeekHelpAlertNamesOnlyTheCliniciansWhoseConsentIsStillActive() {
        String parentId = UUID.randomUUID().toString();
        String revoked = "clinician-" + UUID.randomUUID();
        String consenting = "clinician-" + UUID.randomUUID();
        String revokedCohort = joinCohortOf(parentId, revoked, "Maternity ward");
        String consentingCohort = joinCohortOf(parentId, consenting, "Lactation clinic");
        parent(parentId).delete("/api/consents/" + revokedCohort).then().statusCode(204);
        parent(parentId).get("/api/consents").then().statusCode(200).body("items.cohortId", contains(consentingCohort));

        try (SessionEvents events = new SessionEvents(parentId); Alerts alerts = new Alerts()) {
            twoWeeks(events, 8, 800, 560);
            await().atMost(Duration.ofSeconds(60)).until(() -> seekHelpAlerts(alerts, parentId).size() == 1);

            JsonObject alert = Alerts.body(seekHelpAlerts(alerts, parentId).get(0));
            assertEquals(List.of(consenting), alert.getJsonArray("clinicianIds").getList(), alert.encode());
            assertEquals("user-" + parentId, alert.getString("parentDisplayName"));
            for (ConsumerRecord<String, String> record : alerts.of(parentId)) {
                assertEquals(List.of(consenting), Alerts.body(record).getJsonArray("clinicianIds").getList(),
                        record.value());
            }
        }
    }

    /** Creates a cohort of {@code clinicianId} and has the parent join it with its invite code; its id. */
    private static String joinCohortOf(String parentId, String clinicianId, String name) {
        String cohortId = clinician(clinicianId).contentType(ContentType.JSON)
                .body(new JsonObject().put("name", name).encode())
                .post("/api/cohorts").then().statusCode(201).extract().path("id");
        String code = clinician(clinicianId).get("/api/cohorts/" + cohortId).then().statusCode(200)
                .extract().path("inviteCode");
        parent(parentId).contentType(ContentType.JSON).body(new JsonObject().put("inviteCode", code).encode())
                .post("/api/consents").then().statusCode(201);
        return cohortId;
    }

    @Test
    void theSameDropWithTooFewRemovalsIsWatchForFrequencyAndNeverSeekHelp() {
        String parentId = UUID.randomUUID().toString();
        try (SessionEvents events = new SessionEvents(parentId); Alerts alerts = new Alerts()) {
            twoWeeks(events, 4, 800, 560);
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.of(parentId).stream()
                    .anyMatch(r -> "WATCH".equals(Alerts.body(r).getString("status"))));
            parent(parentId).get("/api/trends/me").then().statusCode(200)
                    .body("status", equalTo("WATCH"))
                    .body("reasons", contains("FREQUENCY_LOW"))
                    .body("regularDays", equalTo(0))
                    .body("changePct", equalTo(-30.0f))
                    .body("days", hasSize(28));
            assertEquals(0, seekHelpAlerts(alerts, parentId).size());
        }
    }

    @Test
    void theWindowsMoveAtLocalMidnightWithoutNewEvents() throws Exception {
        String parentId = UUID.randomUUID().toString();
        try (SessionEvents events = new SessionEvents(parentId); Alerts alerts = new Alerts()) {
            twoWeeks(events, 8, 800, 800);
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.of(parentId).stream()
                    .anyMatch(r -> "STABLE".equals(Alerts.body(r).getString("status"))));

            // four days later with nothing logged, C holds only three days with volume
            clock.set(TestClock.START.plus(Duration.ofDays(4)));
            await().atMost(Duration.ofSeconds(60)).until(() -> alerts.of(parentId).stream()
                    .anyMatch(r -> "INSUFFICIENT_DATA".equals(Alerts.body(r).getString("status"))));
            JsonObject last = Alerts.body(alerts.of(parentId).getLast());
            assertEquals("STABLE", last.getString("previousStatus"));
            assertEquals(TODAY.plusDays(4).toString(), last.getString("evaluatedFor"));
            assertEquals(1, count("SELECT count(*) FROM supply_status WHERE parent_id = ? AND evaluated_for = '"
                    + TODAY.plusDays(4) + "'", parentId));
        }
    }

    /**
     * An offline sync seen half-applied — a day with 2 of its 8 sessions reads as a 24 % drop — is not evaluated
     * until the parent's events have settled: the whole sync is a 15 % dip (WATCH), and no SEEK_HELP is announced.
     */
    @Test
    void aSyncSeenHalfAppliedIsEvaluatedOnlyOnceItHasSettled() {
        String parentId = UUID.randomUUID().toString();
        try (SessionEvents events = new SessionEvents(parentId); Alerts alerts = new Alerts()) {
            events.profile("Europe/Paris", null, null, TestClock.START.minus(Duration.ofDays(30)));
            for (int d = 14; d >= 2; d--) {
                events.pumpingDay(TODAY.minusDays(d), PARIS, 8, d > 7 ? 800 : 680);
            }
            java.time.Instant lastDay = TODAY.minusDays(1).atStartOfDay(PARIS).toInstant().plus(Duration.ofMinutes(30));
            for (int i = 0; i < 2; i++) {
                events.pumping(lastDay.plus(Duration.ofMinutes(180L * i)), 20, 42.5, 42.5);
            }
            events.flush();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> removals(parentId) == 13 * 8 + 2);

            // the rest of the sync arrives while the first part settles
            for (int i = 2; i < 8; i++) {
                events.pumping(lastDay.plus(Duration.ofMinutes(180L * i)), 20, 42.5, 42.5);
            }
            events.flush();
            // evaluated half-way it would be SEEK_HELP, and hysteresis would keep it there at -15 %
            await().atMost(Duration.ofSeconds(60)).until(() -> "WATCH".equals(
                    parent(parentId).get("/api/trends/me").then().statusCode(200).extract().path("status")));
            parent(parentId).get("/api/trends/me").then().body("changePct", equalTo(-15.0f));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> seekHelpAlerts(alerts, parentId).isEmpty());
        }
    }

    private static int removals(String parentId) {
        return parent(parentId).get("/api/trends/me?days=28").then().statusCode(200).extract().jsonPath()
                .getList("days.removals", Integer.class).stream().mapToInt(Integer::intValue).sum();
    }

    private static List<ConsumerRecord<String, String>> seekHelpAlerts(Alerts alerts, String parentId) {
        return alerts.of(parentId).stream().filter(r -> "SEEK_HELP".equals(Alerts.body(r).getString("status"))).toList();
    }

    private long count(String sql, String parentId) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
