package app.supplyline.system;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journey 3, as parent2 meets reminders: a session that ended 3 h 10 min ago while quiet hours cover now gives no
 * reminder — it is due at their end; once the quiet hours are removed, exactly one REMINDER arrives (after the 30 s
 * a change settles, within the scheduler's 15 s tick), on the phone (decrypted) and in the inbox, and the gap is
 * marked reminded.
 */
class ReminderJourneyIT extends AgainstTheStack {

    private static JsonPath nextReminder() {
        return stack.as("parent2").get(stack.notification() + "/api/reminders/next").then().statusCode(200).extract()
                .jsonPath();
    }

    /** Day and night alike, so that the test means the same at any hour it runs. */
    static final String INTERVALS = "{\"reminderIntervalMinutes\":180,\"nightIntervalMinutes\":180";

    @Test
    void quietHoursHoldTheReminderBackAndItComesOnceWhenTheyAreLifted() {
        LocalTime now = LocalTime.now(Journeys.MIDDAY).truncatedTo(ChronoUnit.MINUTES);
        journeys.profile("parent2", Journeys.MIDDAY);
        stack.as("parent2").contentType(ContentType.JSON)
                .body(INTERVALS + ",\"quietHours\":{\"start\":\"" + now.minusHours(1) + "\",\"end\":\"" + now.plusHours(1) + "\"}}")
                .put(stack.notification() + "/api/preferences").then().statusCode(200);
        String phone = journeys.phone("parent2");

        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(190);
        stack.as("parent2").contentType(ContentType.JSON).body("{\"type\":\"PUMPING\",\"startedAt\":\"" + end.minusMinutes(20)
                        + "\",\"endedAt\":\"" + end + "\",\"leftMl\":60,\"rightMl\":55}")
                .post(stack.session() + "/api/sessions").then().statusCode(201);

        // the reminder of this gap is due at the end of the quiet hours (an hour from now), not before: the scheduler
        // cannot send it sooner, and nothing has been sent
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonPath next = nextReminder();
            return next.getString("lastRemovalEndedAt") != null
                    && end.toInstant().truncatedTo(ChronoUnit.MILLIS).equals(java.time.Instant
                            .parse(next.getString("lastRemovalEndedAt")).truncatedTo(ChronoUnit.MILLIS))
                    && next.getString("dueAt") != null
                    && java.time.Instant.parse(next.getString("dueAt")).isAfter(java.time.Instant.now().plus(Duration.ofMinutes(55)));
        });
        assertEquals(0, journeys.pushes(phone, "REMINDER").size());
        assertEquals(0, journeys.inbox("parent2", "REMINDER").size());

        stack.as("parent2").contentType(ContentType.JSON).body(INTERVALS + "}").put(stack.notification() + "/api/preferences")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> journeys.pushes(phone, "REMINDER").size() == 1);
        assertTrue(journeys.pushes(phone, "REMINDER").get(0).contains("Time to nurse or pump"), journeys.pushes(phone, "REMINDER").get(0));
        // one reminder per gap: the gap is marked reminded and nothing more is due for it
        await().atMost(Duration.ofSeconds(30)).until(() -> nextReminder().getBoolean("remindedForLastRemoval")
                && nextReminder().getString("dueAt") == null);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> journeys.pushes(phone, "REMINDER").size() == 1);
        assertEquals(1, journeys.inbox("parent2", "REMINDER").size());
    }
}
