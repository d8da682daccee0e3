package app.supplyline.system;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journeys 4 and 5: a drop reaches SEEK_HELP; the parent then corrects the last week's sessions (they had typed the
 * volumes wrong) and the supply is back: STABLE, one RECOVERED to the parent and to the clinician. Deleting a session
 * takes it out of its day.
 */
class RecoveryJourneyIT extends AgainstTheStack {


    @Test
    void correctionsRecoverTheSupplyOnceAndDeletionsLeaveTheirDay() {
        ZoneId zone = Journeys.MIDDAY;
        String parent = stack.newUser("parent");
        String clinician = stack.newUser("clinician");
        journeys.profile(parent, zone);
        String phone = journeys.phone(parent);
        journeys.consent(parent, clinician);
        JsonPath batch = journeys.pumpingDays(parent, zone, 14, 1, 8, d -> d > 7 ? 50 : 35, "j4-");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "SEEK_HELP".equals(journeys.trend(parent).getString("status")));
        await().atMost(Duration.ofSeconds(60)).until(() -> journeys.pushes(phone, "SEEK_HELP").size() == 1);

        // the last 7 days' 56 sessions are the batch's items 56..111: corrected to the baseline volumes
        List<Map<String, Object>> results = batch.getList("results");
        for (int i = 56; i < 112; i++) {
            String id = (String) results.get(i).get("id");
            Map<String, Object> session = stack.as(parent).get(stack.session() + "/api/sessions/" + id).then()
                    .statusCode(200).extract().as(Map.class);
            stack.as(parent).contentType(ContentType.JSON).header("If-Match", "\"1\"")
                    .body(Map.of("type", "PUMPING", "startedAt", session.get("startedAt"), "endedAt", session.get("endedAt"),
                            "leftMl", 50, "rightMl", 50))
                    .put(stack.session() + "/api/sessions/" + id).then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "STABLE".equals(journeys.trend(parent).getString("status")));
        assertEquals(0.0, journeys.trend(parent).getDouble("changePct"));
        await().atMost(Duration.ofSeconds(60)).until(() -> journeys.pushes(phone, "RECOVERED").size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> journeys.inbox(clinician, "RECOVERED").size() == 1);
        assertEquals(1, journeys.inbox(clinician, "CLINICIAN_ALERT").size());
        assertEquals(1, journeys.inbox(parent, "SEEK_HELP").size());

        // deleting yesterday's first session: yesterday holds 7
        String yesterdaysFirst = (String) results.get(104).get("id");
        stack.as(parent).delete(stack.session() + "/api/sessions/" + yesterdaysFirst).then().statusCode(204);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<Integer> sessions = journeys.trend(parent).getList("days.pumpingSessions", Integer.class);
            return sessions.get(sessions.size() - 2) == 7;
        });
        List<Float> totals = journeys.trend(parent).getList("days.totalMl", Float.class);
        assertTrue(Math.abs(totals.get(totals.size() - 2) - 700f) < 0.01, totals.toString());
    }
}
