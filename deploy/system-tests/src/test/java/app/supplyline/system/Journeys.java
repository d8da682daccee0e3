package app.supplyline.system;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;

/** Steps the journeys share, each a user's action over HTTP. */
final class Journeys {

    /**
     * The zone of every journey's parent: one where it is between 12:00 and 13:00 when the tests start (Etc/GMT-N,
     * whole hours from UTC−11 to UTC+12; 13:00–14:00 in the hour where that would be UTC itself), so that no journey crosses its parent's midnight however long the run takes
     * and whenever it starts. Histories are built in local days ("yesterday", "7 days ago") and the services judge
     * complete local days: a run that crossed the parent's midnight would shift every day by one.
     */
    static final ZoneId MIDDAY = middayAt(java.time.Instant.now());

    private final SystemStack stack;

    Journeys(SystemStack stack) {
        this.stack = stack;
    }

    static ZoneId middayAt(java.time.Instant now) {
        int offset = 12 - now.atZone(java.time.ZoneOffset.UTC).getHour(); // -11 .. 12
        if (offset == 0) {
            offset = 1; // 13:xx rather than UTC itself, so that a parent's days never coincide with the server's
        }
        // the Etc/GMT names count the other way: Etc/GMT-2 is UTC+2
        return ZoneId.of("Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
    }

    void profile(String user, ZoneId zone) {
        stack.as(user).contentType(ContentType.JSON).body("{\"timezone\":\"" + zone.getId() + "\",\"preferredUnit\":\"ML\"}")
                .put(stack.session() + "/api/profile").then().statusCode(200);
    }

    /** A device of the local push service registered for the user; returns the device's id there. */
    String phone(String user) {
        Map<String, Object> phone = given().post(stack.push() + "/subscriptions").then().statusCode(201).extract().as(Map.class);
        stack.as(user).contentType(ContentType.JSON).body(phone).post(stack.notification() + "/api/push/subscriptions")
                .then().statusCode(201);
        String endpoint = (String) phone.get("endpoint");
        return endpoint.substring(endpoint.lastIndexOf('/') + 1);
    }

    /** The decrypted payloads that reached the device, of one kind. */
    List<String> pushes(String device, String kind) {
        JsonPath pushes = given().get(stack.push() + "/pushes").then().statusCode(200).extract().jsonPath();
        return pushes.getList("received.findAll { it.subscriptionId == '" + device + "' && it.payload.contains('\"kind\":\""
                + kind + "\"') }.payload");
    }

    List<Object> inbox(String user, String kind) {
        return stack.as(user).get(stack.notification() + "/api/notifications?limit=500").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.kind == '" + kind + "' }");
    }

    /** Joins a new cohort of the clinician; returns the cohort id. */
    String consent(String parent, String clinician) {
        JsonPath cohort = stack.as(clinician).contentType(ContentType.JSON).body("{\"name\":\"Clinic of " + parent + "\"}")
                .post(stack.analytics() + "/api/cohorts").then().statusCode(201).extract().jsonPath();
        stack.as(parent).contentType(ContentType.JSON).body(Map.of("inviteCode", cohort.getString("inviteCode")))
                .post(stack.analytics() + "/api/consents").then().statusCode(201);
        return cohort.getString("id");
    }

    /**
     * Days of pumping as one offline sync: {@code perDay} sessions from 00:30 local, evenly spaced, each side
     * {@code sideMl(daysAgo)}; returns the batch's answer.
     */
    JsonPath pumpingDays(String user, ZoneId zone, int fromDaysAgo, int toDaysAgo, int perDay,
            java.util.function.IntToDoubleFunction sideMl, String prefix) {
        StringBuilder items = new StringBuilder("{\"items\":[");
        LocalDate today = LocalDate.now(zone);
        int n = 0;
        for (int d = fromDaysAgo; d >= toDaysAgo; d--) {
            for (int i = 0; i < perDay; i++) {
                ZonedDateTime start = today.minusDays(d).atTime(0, 30).atZone(zone).plusMinutes(i * (1380L / perDay));
                double side = sideMl.applyAsDouble(d);
                items.append(n++ == 0 ? "" : ",").append("{\"clientId\":\"").append(prefix).append(d).append('-').append(i)
                        .append("\",\"type\":\"PUMPING\",\"startedAt\":\"").append(start.toOffsetDateTime())
                        .append("\",\"endedAt\":\"").append(start.plusMinutes(20).toOffsetDateTime())
                        .append("\",\"leftMl\":").append(side).append(",\"rightMl\":").append(side).append('}');
            }
        }
        return stack.as(user).contentType(ContentType.JSON).body(items.append("]}").toString())
                .post(stack.session() + "/api/sessions/batch").then().statusCode(200).extract().jsonPath();
    }

    /**
     * Makes a reminder due now: day and night intervals of 3 h (the same at any hour the test runs) and a pumping
     * session that ended 3 h 10 min ago.
     */
    void reminderDue(String user) {
        stack.as(user).contentType(ContentType.JSON).body("{\"reminderIntervalMinutes\":180,\"nightIntervalMinutes\":180}")
                .put(stack.notification() + "/api/preferences").then().statusCode(200);
        java.time.OffsetDateTime end = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(190);
        stack.as(user).contentType(ContentType.JSON).body("{\"type\":\"PUMPING\",\"startedAt\":\"" + end.minusMinutes(20)
                        + "\",\"endedAt\":\"" + end + "\",\"leftMl\":60,\"rightMl\":55}")
                .post(stack.session() + "/api/sessions").then().statusCode(201);
    }

    /** 21 days of 8 pumpings a day, ~100 mL and then ~70 mL in the last 7 days: a drop despite regular pumping. */
    JsonPath supplyDrop(String user, ZoneId zone, String prefix) {
        return pumpingDays(user, zone, 21, 1, 8, d -> d > 7 ? 51 : 36, prefix);
    }

    /** The user's id (the token's subject), as the services see it. */
    String subject(String user) {
        return stack.as(user).get(stack.session() + "/api/ping").then().statusCode(200).extract().path("subject");
    }

    JsonPath trend(String user) {
        return stack.as(user).get(stack.analytics() + "/api/trends/me").then().statusCode(200).extract().jsonPath();
    }
}
