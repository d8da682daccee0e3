package app.supplyline.system;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journey 1, as parent1 and clinician1 meet Supplyline: a profile, a phone subscribed to push, consent to the
 * clinician's cohort, three weeks of pumping logged in one offline sync (8 a day, about 100 mL each, then about
 * 70 mL in the last week). Then the parent's trend says SEEK_HELP, exactly one SEEK_HELP push arrives on the phone
 * (decrypted by the push service) and in the inbox, the clinician gets exactly one alert, sees the parent first in
 * the cohort, and the parent sees that read in the access log.
 */
class SupplyDropJourneyIT {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static SystemStack stack;

    @BeforeAll
    static void stack() {
        stack = SystemStack.get();
    }

    @Test
    void aDropDespiteRegularPumpingReachesTheParentAndTheirClinicianOnce() {
        String parentId = stack.as("parent1").get(stack.session() + "/api/ping").then().statusCode(200)
                .extract().path("subject");
        stack.as("parent1").contentType(ContentType.JSON)
                .body("{\"timezone\":\"Europe/Paris\",\"babyBirthDate\":\"" + LocalDate.now(PARIS).minusWeeks(16)
                        + "\",\"preferredUnit\":\"ML\"}")
                .put(stack.session() + "/api/profile").then().statusCode(200);

        // a phone: the push service gives the subscription, the parent registers it with Supplyline
        Map<String, Object> phone = given().post(stack.push() + "/subscriptions").then().statusCode(201).extract().as(Map.class);
        String phoneEndpoint = (String) phone.get("endpoint");
        stack.as("parent1").contentType(ContentType.JSON).body(phone).post(stack.notification() + "/api/push/subscriptions")
                .then().statusCode(201);

        JsonPath cohort = stack.as("clinician1").contentType(ContentType.JSON).body("{\"name\":\"Journey clinic\"}")
                .post(stack.analytics() + "/api/cohorts").then().statusCode(201).extract().jsonPath();
        stack.as("parent1").contentType(ContentType.JSON).body(Map.of("inviteCode", cohort.getString("inviteCode")))
                .post(stack.analytics() + "/api/consents").then().statusCode(201);

        // 21 days, 8 pumpings a day from 00:30 every 3 h, ~100 mL then ~70 mL in the last 7 days, one offline sync
        StringBuilder items = new StringBuilder("{\"items\":[");
        LocalDate today = LocalDate.now(PARIS);
        int n = 0;
        for (int d = 21; d >= 1; d--) {
            for (int i = 0; i < 8; i++) {
                ZonedDateTime start = today.minusDays(d).atTime(0, 30).atZone(PARIS).plusHours(3L * i);
                double side = d > 7 ? 50 + (i % 3) : 35 + (i % 3);
                items.append(n++ == 0 ? "" : ",").append("{\"clientId\":\"j1-").append(d).append('-').append(i)
                        .append("\",\"type\":\"PUMPING\",\"startedAt\":\"").append(start.toOffsetDateTime())
                        .append("\",\"endedAt\":\"").append(start.plusMinutes(20).toOffsetDateTime())
                        .append("\",\"leftMl\":").append(side).append(",\"rightMl\":").append(side).append('}');
            }
        }
        stack.as("parent1").contentType(ContentType.JSON).body(items.append("]}").toString())
                .post(stack.session() + "/api/sessions/batch").then().statusCode(200);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "SEEK_HELP".equals(stack.as("parent1").get(stack.analytics() + "/api/trends/me").then().extract().path("status")));
        JsonPath trend = stack.as("parent1").get(stack.analytics() + "/api/trends/me").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("SUPPLY_DROP"), trend.getList("reasons"));
        assertTrue(trend.getDouble("changePct") <= -28 && trend.getDouble("changePct") >= -32, "change " + trend.getDouble("changePct"));
        assertEquals(7, trend.getInt("regularDays"));

        // exactly one SEEK_HELP push on the phone, decrypted, in plain words
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> seekHelpPushes(phoneEndpoint).size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> inbox("clinician1", "CLINICIAN_ALERT").size() == 1);
        String payload = seekHelpPushes(phoneEndpoint).get(0);
        assertTrue(payload.contains("Your supply has dropped") && payload.contains("lactation consultant"), payload);
        assertEquals(1, inbox("parent1", "SEEK_HELP").size());

        // the clinician sees the parent first, reads the trend; the parent sees that read
        stack.as("clinician1").get(stack.analytics() + "/api/cohorts/" + cohort.getString("id") + "/patients?sort=risk")
                .then().statusCode(200).body("items[0].parentId", equalTo(parentId)).body("items[0].status", equalTo("SEEK_HELP"));
        stack.as("clinician1").get(stack.analytics() + "/api/cohorts/" + cohort.getString("id") + "/patients/" + parentId + "/trends")
                .then().statusCode(200).body("status", equalTo("SEEK_HELP"));
        List<String> reads = stack.as("parent1").get(stack.analytics() + "/api/consents/" + cohort.getString("id") + "/access-log")
                .then().statusCode(200).extract().jsonPath().getList("items.resource");
        assertTrue(reads.contains("trends") && reads.contains("patient-list"), reads.toString());

        // nothing more arrives: still one push and one alert each a little later
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals(1, seekHelpPushes(phoneEndpoint).size());
        assertEquals(1, inbox("clinician1", "CLINICIAN_ALERT").size());
    }

    private static List<String> seekHelpPushes(String endpoint) {
        String id = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        JsonPath pushes = given().get(stack.push() + "/pushes").then().statusCode(200).extract().jsonPath();
        return pushes.getList("received.findAll { it.subscriptionId == '" + id + "' && it.payload.contains('SEEK_HELP') }.payload");
    }

    private static List<Object> inbox(String user, String kind) {
        return stack.as(user).get(stack.notification() + "/api/notifications?limit=500").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.kind == '" + kind + "' }");
    }
}
