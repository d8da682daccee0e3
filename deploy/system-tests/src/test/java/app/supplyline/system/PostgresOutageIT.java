package app.supplyline.system;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault: PostgreSQL is stopped. A session POST fails fast with 503 problem+json and Retry-After (no hang, nothing
 * stored); reads fail the same way on every service; once the database is back the services recover by themselves —
 * the next POST is accepted and flows through to analytics.
 */
class PostgresOutageIT extends AgainstTheStack {

    static final Duration FAST = Duration.ofSeconds(5);

    @Test
    void requestsFailFastWith503WhileTheDatabaseIsDownAndRecoverByThemselves() {
        String parent = stack.newUser("parent");
        journeys.profile(parent, ZoneId.of("UTC"));
        String token = stack.token(parent);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5);
        String refused = "{\"type\":\"PUMPING\",\"startedAt\":\"" + start + "\",\"endedAt\":\"" + start.plusMinutes(20)
                + "\",\"leftMl\":61,\"rightMl\":59}";
        String accepted = "{\"type\":\"PUMPING\",\"startedAt\":\"" + start.plusHours(2) + "\",\"endedAt\":\""
                + start.plusHours(2).plusMinutes(20) + "\",\"leftMl\":70,\"rightMl\":65}";

        stack.components().postgres().stop();
        try {
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                Response post = io.restassured.RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(refused).post(stack.session() + "/api/sessions");
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                post.then().statusCode(503).contentType("application/problem+json").header("Retry-After", equalTo("5"))
                        .body("status", equalTo(503));
                assertTrue(took.compareTo(FAST) < 0, "503 within " + FAST + ", took " + took);
            }
            for (String read : new String[] {stack.session() + "/api/sessions", stack.analytics() + "/api/trends/me",
                    stack.notification() + "/api/notifications"}) {
                io.restassured.RestAssured.given().auth().oauth2(token).get(read).then().statusCode(503)
                        .contentType("application/problem+json");
            }
        } finally {
            stack.components().postgres().start();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> io.restassured.RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(accepted).post(stack.session() + "/api/sessions").statusCode() == 201);
        io.restassured.path.json.JsonPath stored = stack.as(parent).get(stack.session() + "/api/sessions").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, stored.getList("items").size(), "only the session accepted after the outage is stored");
        assertEquals(135.0, stored.getDouble("items[0].totalMl"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> journeys.trend(parent).getList("days.removals", Integer.class).stream()
                        .mapToInt(Integer::intValue).sum() == 1);
        assertEquals(1, journeys.trend(parent).getList("days.removals", Integer.class).stream().mapToInt(Integer::intValue).sum());
    }
}
