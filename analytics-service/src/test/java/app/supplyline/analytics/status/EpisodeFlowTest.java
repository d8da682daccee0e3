package app.supplyline.analytics.status;

import app.supplyline.analytics.support.Alerts;
import app.supplyline.analytics.support.InfoLogs;
import app.supplyline.analytics.support.SessionEvents;
import app.supplyline.analytics.support.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static app.supplyline.analytics.support.Api.clinician;
import static app.supplyline.analytics.support.Api.parent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Episodes as a parent lives them, through Kafka, the evaluator and the alert outbox: an episode ends as RECOVERED
 * only back within 10 % of the level before the drop; a level that settles lower ends it as LOWER_LEVEL; volumes
 * that stop end it as "we cannot tell"; a missed day-14 milestone is announced once; a day not yet complete never
 * produces a status. Every alert is valid against its schema and carries the explanation.
 */
@QuarkusTest
class EpisodeFlowTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final LocalDate TODAY = LocalDate.ofInstant(TestClock.START, PARIS);

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anEpisodeEndsAsALowerLevelAndRecoversOnlyBackWithinTenPercentOfTheLevelBefore() {
        String parentId = UUID.randomUUID().toString();
        InfoLogs logs = new InfoLogs();
        // the capture sees a formatted INFO line with its values (a control for the assertion at the end)
        org.jboss.logging.Logger.getLogger("capture-control").infof("control line for %s", parentId);
        String clinicianId = consentToANewCohort(parentId);
        try (logs; SessionEvents events = new SessionEvents(parentId); Alerts alerts = new Alerts()) {
            String episode = seekHelp(events, alerts, parentId);

            // a week at 600 mL/day: up from 560 week over week, but 25 % below the 800 before the drop
            week(events, TODAY, 600);
            clock.set(TestClock.START.plus(Duration.ofDays(7)));
            JsonObject lower = awaitAlert(alerts, parentId, 2);
            assertEquals("WATCH", lower.getString("status"));
            assertEquals(List.of("LOWER_LEVEL"), lower.getJsonArray("reasons").getList());
            assertEquals("LOWER_LEVEL", lower.getString("transition"));
            assertEquals(800.0, lower.getJsonObject("explanation").getDouble("referenceLevel"));
            assertEquals(-25.0, lower.getJsonObject("explanation").getDouble("changeFromReferencePct"));
            assertEquals(List.of(clinicianId), lower.getJsonArray("clinicianIds").getList());
            assertEquals("user-" + parentId, lower.getString("parentDisplayName"));
            parent(parentId).header("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5").get("/api/trends/me").then()
                    .statusCode(200)
                    .body("status", equalTo("WATCH"))
                    .body("explanation.reason", equalTo("LOWER_LEVEL"))
                    .body("explanation.referenceLevel", equalTo(800.0f))
                    .body("explanation.currentLevel", equalTo(600.0f))
                    .body("explanation.why", containsString("à 25 % en dessous de votre niveau d’avant la baisse"));

            // a week at 760 mL/day: within 10 % of 800
            week(events, TODAY.plusDays(7), 760);
            clock.set(TestClock.START.plus(Duration.ofDays(14)));
            JsonObject recovered = awaitAlert(alerts, parentId, 3);
            assertEquals("STABLE", recovered.getString("status"));
            assertEquals("RECOVERED", recovered.getString("transition"));
            assertEquals(episode, lower.getString("episodeId"), "the lower level keeps the episode");
            assertEquals(episode, recovered.getString("episodeId"), "the change that ends it names it");
            parent(parentId).get("/api/trends/me").then().statusCode(200)
                    .body("explanation.transition", equalTo("RECOVERED"))
                    .body("explanation.why", containsString("Back within 10% of your level before the drop"));
            assertEquals(3, alerts.of(parentId).size(), "one alert per change: " + bodies(alerts, parentId));
        }
        // health data stays out of the logs an operator keeps: no status, no reason, no consent of this parent
        assertTrue(logs.lines().contains("capture-control: control line for " + parentId), String.join("\n", logs.lines()));
        assertTrue(logs.lines().stream().filter(line -> !line.startsWith("capture-control: "))
                        .noneMatch(line -> line.contains(parentId) || line.contains("SEEK_HELP")
                                || line.contains("LOWER_LEVEL") || line.contains("RECOVERED") || line.contains("WATCH")),
                String.join("\n", logs.lines()));
    }

    @Test
    void volumesThatStopDuringAnEpisodeMeanWeCannotTellNeverRecovered() {
        String parentId = UUID.randomUUID().toString();
        try (SessionEvents events = new SessionEvents(parentId); Alerts alerts = new Alerts()) {
            seekHelp(events, alerts, parentId);
            for (int d = 0; d < 7; d++) {
                events.nursingDay(TODAY.plusDays(d), PARIS, 8);
            }
            events.flush();
            clock.set(TestClock.START.plus(Duration.ofDays(7)));
            JsonObject unknown = awaitAlert(alerts, parentId, 2);
            assertEquals("INSUFFICIENT_DATA", unknown.getString("status"));
            assertEquals(List.of("NO_RECENT_DATA"), unknown.getJsonArray("reasons").getList());
            assertEquals("NO_RECENT_DATA", unknown.getString("transition"));
            parent(parentId).get("/api/trends/me").then().statusCode(200)
                    .body("explanation.why", containsString("We can no longer tell"));
            assertTrue(bodies(alerts, parentId).stream().noneMatch(a -> "RECOVERED".equals(a.getString("transition"))));
        }
    }

    @Test
    void aPumpingParentWithoutFiveHundredMillilitresByDayFourteenIsToldOnce() {
        String parentId = UUID.randomUUID().toString();
        String clinicianId = consentToANewCohort(parentId);
        LocalDate birth = TODAY.minusDays(16);
        try (SessionEvents events = new SessionEvents(parentId); Alerts alerts = new Alerts()) {
            events.profile("Europe/Paris", birth, null, "EXCLUSIVELY_PUMPING", false, TestClock.START.minus(Duration.ofDays(16)));
            for (LocalDate d = birth.plusDays(1); d.isBefore(TODAY); d = d.plusDays(1)) {
                events.pumpingDay(d, PARIS, 8, 240);
            }
            events.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> milestones(alerts, parentId).size() == 1);
            ConsumerRecord<String, String> record = milestones(alerts, parentId).get(0);
            assertEquals(List.of(), Alerts.SCHEMAS.errors(StatusEvaluator.MILESTONE_TYPE, record.value()));
            assertEquals(StatusEvaluator.MILESTONE_TYPE, Alerts.header(record, "ce_type"));
            JsonObject milestone = Alerts.body(record);
            assertEquals(14, milestone.getInteger("dayOfLife"));
            assertEquals(240.0, milestone.getDouble("bestDayMl"));
            assertEquals(birth.toString(), milestone.getString("babyBirthDate"));
            assertFalse(record.value().contains(birth.toString()) || record.value().contains("user-" + parentId),
                    "the birth date and the shared name are sealed: " + record.value());
            assertEquals(List.of(clinicianId), milestone.getJsonArray("clinicianIds").getList());
            assertEquals("user-" + parentId, milestone.getString("parentDisplayName"));

            // evaluated again (a new profile, the next day): never told twice
            events.profile("Europe/Paris", birth, 700, "EXCLUSIVELY_PUMPING", false, TestClock.START);
            events.pumpingDay(TODAY, PARIS, 8, 260);
            events.flush();
            clock.set(TestClock.START.plus(Duration.ofDays(1)));
            await().atMost(Duration.ofSeconds(30)).until(() -> TODAY.toString().equals(parent(parentId)
                    .get("/api/trends/me").then().extract().path("explanation.currentTo")));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> milestones(alerts, parentId).size() == 1);
            parent(parentId).get("/api/trends/me").then().statusCode(200)
                    .body("milestones.comingToVolume.reachedByDay14", equalTo(false));
            clinician(clinicianId).get("/api/cohorts/" + cohortOf(clinicianId) + "/patients").then().statusCode(200)
                    .body("items[0].babyAgeDays", equalTo(17))
                    .body("items[0].comingToVolume", equalTo("MISSED"));
        }
    }

    /**
     * At 08:00 yesterday is not complete: its one logged session would read as a 26 % drop. Only complete days are
     * judged, so nothing is announced from it; once yesterday is complete (10:00) and logged, it is a 15 % dip.
     */
    @Test
    void aDayStillBeingLoggedNeverProducesAStatus() {
        String parentId = UUID.randomUUID().toString();
        clock.set(TestClock.START.minus(Duration.ofHours(5)));
        try (SessionEvents events = new SessionEvents(parentId); Alerts alerts = new Alerts()) {
            events.profile("Europe/Paris", null, null, TestClock.START.minus(Duration.ofDays(30)));
            for (int d = 15; d >= 2; d--) {
                events.pumpingDay(TODAY.minusDays(d), PARIS, 8, d > 7 ? 800 : 680);
            }
            Instant yesterday = TODAY.minusDays(1).atStartOfDay(PARIS).toInstant().plus(Duration.ofMinutes(30));
            events.pumping(yesterday, 20, 42.5, 42.5);
            events.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> !alerts.of(parentId).isEmpty());
            JsonObject early = Alerts.body(alerts.of(parentId).get(0));
            assertEquals("WATCH", early.getString("status"), early.encode());
            assertEquals(TODAY.minusDays(2).toString(), early.getJsonObject("explanation").getString("currentTo"),
                    "yesterday is not judged before 10:00");

            for (int i = 1; i < 8; i++) {
                events.pumping(yesterday.plus(Duration.ofMinutes(180L * i)), 20, 42.5, 42.5);
            }
            events.flush();
            clock.set(TestClock.START);
            await().atMost(Duration.ofSeconds(60)).until(() -> TODAY.minusDays(1).toString().equals(parent(parentId)
                    .get("/api/trends/me").then().extract().path("explanation.currentTo")));
            parent(parentId).get("/api/trends/me").then().statusCode(200)
                    .body("status", equalTo("WATCH"))
                    .body("explanation.changePct", equalTo(-15.0f));
            assertTrue(bodies(alerts, parentId).stream().noneMatch(a -> "SEEK_HELP".equals(a.getString("status"))),
                    bodies(alerts, parentId).toString());
        }
    }

    /** Two weeks at START: 800 mL/day, then 560: SEEK_HELP with the reference 800; returns the episode id. */
    private static String seekHelp(SessionEvents events, Alerts alerts, String parentId) {
        events.profile("Europe/Paris", null, null, TestClock.START.minus(Duration.ofDays(30)));
        for (int d = 14; d >= 1; d--) {
            events.pumpingDay(TODAY.minusDays(d), PARIS, 8, d > 7 ? 800 : 560);
        }
        events.flush();
        JsonObject alert = awaitAlert(alerts, parentId, 1);
        assertEquals("SEEK_HELP", alert.getString("status"));
        assertEquals("EPISODE_STARTED", alert.getString("transition"));
        assertEquals(800.0, alert.getJsonObject("explanation").getDouble("referenceLevel"));
        return UUID.fromString(alert.getString("episodeId")).toString();
    }

    /** Seven days from {@code from}, logged ahead of the clock so that they are judged together. */
    private static void week(SessionEvents events, LocalDate from, double dailyMl) {
        for (int d = 0; d < 7; d++) {
            events.pumpingDay(from.plusDays(d), PARIS, 8, dailyMl);
        }
        events.flush();
    }

    /** The {@code n}-th status alert of the parent, once there, checked against its schema. */
    private static JsonObject awaitAlert(Alerts alerts, String parentId, int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> statusAlerts(alerts, parentId).size() >= n);
        ConsumerRecord<String, String> record = statusAlerts(alerts, parentId).get(n - 1);
        assertEquals(List.of(), Alerts.SCHEMAS.errors(StatusEvaluator.ALERT_TYPE, record.value()));
        JsonObject body = Alerts.body(record);
        assertEquals(3, body.getInteger("schemaVersion"));
        return body;
    }

    private static List<ConsumerRecord<String, String>> statusAlerts(Alerts alerts, String parentId) {
        return alerts.of(parentId).stream().filter(r -> StatusEvaluator.ALERT_TYPE.equals(Alerts.header(r, "ce_type"))).toList();
    }

    private static List<ConsumerRecord<String, String>> milestones(Alerts alerts, String parentId) {
        return alerts.of(parentId).stream().filter(r -> StatusEvaluator.MILESTONE_TYPE.equals(Alerts.header(r, "ce_type"))).toList();
    }

    private static List<JsonObject> bodies(Alerts alerts, String parentId) {
        return statusAlerts(alerts, parentId).stream().map(Alerts::body).toList();
    }

    private static String consentToANewCohort(String parentId) {
        String clinicianId = "clinician-" + UUID.randomUUID();
        String cohortId = clinician(clinicianId).contentType(ContentType.JSON).body("{\"name\":\"Lactation clinic\"}")
                .post("/api/cohorts").then().statusCode(201).extract().path("id");
        String code = clinician(clinicianId).get("/api/cohorts/" + cohortId).then().extract().path("inviteCode");
        parent(parentId).contentType(ContentType.JSON).body(new JsonObject().put("inviteCode", code).encode())
                .post("/api/consents").then().statusCode(201);
        return clinicianId;
    }

    private static String cohortOf(String clinicianId) {
        return clinician(clinicianId).get("/api/cohorts").then().statusCode(200).extract().path("items[0].id");
    }
}
