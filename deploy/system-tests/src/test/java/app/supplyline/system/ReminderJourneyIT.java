package app.supplyline.system;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journey 3, as parent2 meets reminders: a session that ended 3 h 10 min ago while quiet hours cover now gives no
 * reminder; once the quiet hours are removed, exactly one REMINDER arrives within the scheduler's tick, on the
 * phone (decrypted) and in the inbox.
 */
class ReminderJourneyIT {

    static SystemStack stack;
    /** Day and night alike, so that the test means the same at any hour it runs. */
    static final String INTERVALS = "{\"reminderIntervalMinutes\":180,\"nightIntervalMinutes\":180";

    @BeforeAll
    static void stack() {
        stack = SystemStack.get();
    }

    @Test
    void quietHoursHoldTheReminderBackAndItComesOnceWhenTheyAreLifted() {
        LocalTime now = LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES);
        stack.as("parent2").contentType(ContentType.JSON).body("{\"timezone\":\"UTC\",\"preferredUnit\":\"ML\"}")
                .put(stack.session() + "/api/profile").then().statusCode(200);
        stack.as("parent2").contentType(ContentType.JSON)
                .body(INTERVALS + ",\"quietHours\":{\"start\":\"" + now.minusHours(1) + "\",\"end\":\"" + now.plusHours(1) + "\"}}")
                .put(stack.notification() + "/api/preferences").then().statusCode(200);
        Map<String, Object> phone = given().post(stack.push() + "/subscriptions").then().statusCode(201).extract().as(Map.class);
        String endpoint = (String) phone.get("endpoint");
        stack.as("parent2").contentType(ContentType.JSON).body(phone).post(stack.notification() + "/api/push/subscriptions")
                .then().statusCode(201);

        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(190);
        stack.as("parent2").contentType(ContentType.JSON).body("{\"type\":\"PUMPING\",\"startedAt\":\"" + end.minusMinutes(20)
                        + "\",\"endedAt\":\"" + end + "\",\"leftMl\":60,\"rightMl\":55}")
                .post(stack.session() + "/api/sessions").then().statusCode(201);

        // two scheduler ticks (15 s) inside the quiet hours: nothing
        await().pollDelay(Duration.ofSeconds(35)).atMost(Duration.ofSeconds(40)).until(() -> true);
        assertEquals(0, reminders(endpoint).size());
        assertEquals(0, inboxReminders().size());

        stack.as("parent2").contentType(ContentType.JSON).body(INTERVALS + "}").put(stack.notification() + "/api/preferences")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> reminders(endpoint).size() == 1);
        assertTrue(reminders(endpoint).get(0).contains("Time to pump"), reminders(endpoint).get(0));
        await().pollDelay(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(25)).until(() -> true);
        assertEquals(1, reminders(endpoint).size(), "one reminder per gap");
        assertEquals(1, inboxReminders().size());
    }

    private static List<String> reminders(String endpoint) {
        String id = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        JsonPath pushes = given().get(stack.push() + "/pushes").then().statusCode(200).extract().jsonPath();
        return pushes.getList("received.findAll { it.subscriptionId == '" + id + "' && it.payload.contains('REMINDER') }.payload");
    }

    private static List<Object> inboxReminders() {
        return stack.as("parent2").get(stack.notification() + "/api/notifications").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.kind == 'REMINDER' }");
    }
}
