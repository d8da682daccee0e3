package app.supplyline.system;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Journeys 6 and 7: an offline sync of 500 sessions with 3 bad ones stores the 497 others, the trend counts exactly
 * those, and the export gives them all back, in JSON and in CSV.
 */
class OfflineSyncAndExportJourneyIT extends AgainstTheStack {


    @Test
    void fiveHundredSessionsWithThreeBadOnesGiveFourHundredNinetySevenEverywhere() {
        String parent = stack.newUser("parent");
        journeys.profile(parent, Journeys.MIDDAY);
        StringBuilder items = new StringBuilder("{\"items\":[");
        LocalDate today = LocalDate.now(Journeys.MIDDAY);
        double expectedMl = 0;
        for (int n = 0; n < 500; n++) {
            ZonedDateTime start = today.minusDays(63 - n / 8).atTime(0, 30).atZone(Journeys.MIDDAY).plusHours(3L * (n % 8));
            String left = "40";
            String type = "PUMPING";
            String end = start.plusMinutes(20).toOffsetDateTime().toString();
            if (n == 10) {
                left = "-5";
            } else if (n == 20) {
                end = start.minusMinutes(5).toOffsetDateTime().toString();
            } else if (n == 30) {
                type = "BOTTLE";
            } else {
                expectedMl += 40 + 35;
            }
            items.append(n == 0 ? "" : ",").append("{\"clientId\":\"sync-").append(n).append("\",\"type\":\"").append(type).append("\",\"startedAt\":\"")
                    .append(start.toOffsetDateTime()).append("\",\"endedAt\":\"").append(end).append("\",\"leftMl\":")
                    .append(left).append(",\"rightMl\":35}");
        }
        JsonPath answer = stack.as(parent).contentType("application/json").body(items.append("]}").toString())
                .post(stack.session() + "/api/sessions/batch").then().statusCode(200).extract().jsonPath();
        List<Integer> statuses = answer.getList("results.status", Integer.class);
        assertEquals(497, statuses.stream().filter(s -> s == 201).count());
        assertEquals(List.of(10, 20, 30), answer.getList("results.findAll { it.status == 400 }.index", Integer.class));

        double expected = expectedMl;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<Float> totals = stack.as(parent).get(stack.analytics() + "/api/trends/me?days=90").then().statusCode(200)
                    .extract().jsonPath().getList("days.totalMl", Float.class);
            return Math.abs(totals.stream().mapToDouble(Float::doubleValue).sum() - expected) < 0.5;
        });
        List<Integer> removals = stack.as(parent).get(stack.analytics() + "/api/trends/me?days=90").then()
                .extract().jsonPath().getList("days.removals", Integer.class);
        assertEquals(497, removals.stream().mapToInt(Integer::intValue).sum());

        JsonPath export = stack.as(parent).get(stack.session() + "/api/export").then().statusCode(200).extract().jsonPath();
        assertEquals(497, export.getList("sessions").size());
        assertEquals(Journeys.MIDDAY.getId(), export.getString("profile.timezone"));
        String csv = stack.as(parent).accept("text/csv").get(stack.session() + "/api/export").then().statusCode(200).extract().asString();
        assertEquals(497, csv.lines().filter(l -> l.startsWith("SESSION")).count());
    }
}
