package app.supplyline.system;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

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
class SupplyDropJourneyIT extends AgainstTheStack {

    static final ZoneId ZONE = Journeys.MIDDAY;

    @Test
    void aDropDespiteRegularPumpingReachesTheParentAndTheirClinicianOnce() {
        String parentId = stack.as("parent1").get(stack.session() + "/api/ping").then().statusCode(200)
                .extract().path("subject");
        stack.as("parent1").contentType(ContentType.JSON)
                .body("{\"timezone\":\"" + ZONE.getId() + "\",\"babyBirthDate\":\"" + LocalDate.now(ZONE).minusWeeks(16)
                        + "\",\"preferredUnit\":\"ML\"}")
                .put(stack.session() + "/api/profile").then().statusCode(200);

        // a phone registered with Supplyline, consent to the clinician's cohort, then 21 days of 8 pumpings
        // (~100 mL, then ~70 mL in the last 7 days) in one offline sync
        String phone = journeys.phone("parent1");
        String cohort = journeys.consent("parent1", "clinician1");
        journeys.pumpingDays("parent1", ZONE, 21, 1, 8, d -> d > 7 ? 51 : 36, "j1-");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "SEEK_HELP".equals(stack.as("parent1").get(stack.analytics() + "/api/trends/me").then().extract().path("status")));
        JsonPath trend = stack.as("parent1").get(stack.analytics() + "/api/trends/me").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("SUPPLY_DROP"), trend.getList("reasons"));
        assertTrue(trend.getDouble("changePct") <= -28 && trend.getDouble("changePct") >= -32, "change " + trend.getDouble("changePct"));
        assertEquals(7, trend.getInt("regularDays"));

        // exactly one SEEK_HELP push on the phone, decrypted, in plain words
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> journeys.pushes(phone, "SEEK_HELP").size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> journeys.inbox("clinician1", "CLINICIAN_ALERT").size() == 1);
        String payload = journeys.pushes(phone, "SEEK_HELP").get(0);
        assertTrue(payload.contains("Your pumped volume is lower") && payload.contains("lactation consultant"), payload);
        assertEquals(1, journeys.inbox("parent1", "SEEK_HELP").size());

        // the clinician sees the parent first, reads the trend; the parent sees that read
        stack.as("clinician1").get(stack.analytics() + "/api/cohorts/" + cohort + "/patients?sort=risk")
                .then().statusCode(200).body("items[0].parentId", equalTo(parentId)).body("items[0].status", equalTo("SEEK_HELP"));
        stack.as("clinician1").get(stack.analytics() + "/api/cohorts/" + cohort + "/patients/" + parentId + "/trends")
                .then().statusCode(200).body("status", equalTo("SEEK_HELP"));
        List<String> reads = stack.as("parent1").get(stack.analytics() + "/api/consents/" + cohort + "/access-log")
                .then().statusCode(200).extract().jsonPath().getList("items.resource");
        assertTrue(reads.contains("trends") && reads.contains("patient-list"), reads.toString());

        // nothing more arrives: still one push and one alert each a little later
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals(1, journeys.pushes(phone, "SEEK_HELP").size());
        assertEquals(1, journeys.inbox("clinician1", "CLINICIAN_ALERT").size());
    }
}
