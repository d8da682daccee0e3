package app.supplyline.session.account;

import app.supplyline.local.testing.TestTokens;
import app.supplyline.session.intake.EventSchemaTest;
import app.supplyline.session.intake.SessionsTopic;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DELETE /api/me on the session-service's side (ADR-010). */
@QuarkusTest
class AccountErasureTest {

    static final String NOTE = "latch hurts on the left, IBCLC on Friday";
    /** Every session-service table that holds a parent's readable data. */
    static final List<String> TABLES = List.of("session", "idempotency_key", "profile", "check_in", "data_key");

    @Inject
    AgroalDataSource db;

    private final String parentId = UUID.randomUUID().toString();
    private final String otherId = UUID.randomUUID().toString();
    private final Instant morning = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(4, ChronoUnit.HOURS);

    private static String freshToken(String subject, Duration signedInAgo) {
        return TestTokens.sign(TestTokens.claims(subject, "parent")
                .claim("auth_time", Instant.now().minus(signedInAgo).getEpochSecond()));
    }

    private void logEverything(String subject) {
        String token = TestTokens.token(subject, "parent");
        given().auth().oauth2(token).header("Idempotency-Key", "offline-" + UUID.randomUUID())
                .contentType(ContentType.JSON).body("""
                {"type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":50,"rightMl":45,"pump":"Spectra",
                 "notes":"%s"}""".formatted(morning, morning.plus(20, ChronoUnit.MINUTES), NOTE))
                .post("/api/sessions").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"timezone\":\"Europe/Paris\",\"babyBirthDate\":\"" + LocalDate.now().minusDays(20)
                        + "\",\"preferredUnit\":\"ML\"}").put("/api/profile").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"date\":\"" + LocalDate.now().minusDays(1) + "\",\"sleepHours\":5,\"notes\":\"" + NOTE + "\"}")
                .post("/api/check-ins").then().statusCode(201);
    }

    @Test
    void anOldSignInIsAskedToSignInAgainAndNothingIsErased() throws SQLException {
        logEverything(parentId);
        for (String token : List.of(freshToken(parentId, Duration.ofMinutes(6)), TestTokens.token(parentId, "parent"))) {
            given().auth().oauth2(token).delete("/api/me").then().statusCode(401)
                    .contentType("application/problem+json").body("title", equalTo("Sign in again"))
                    .body("detail", containsString("sign in again"));
        }
        assertEquals(5, rows(parentId), "nothing erased");
        assertEquals(0, count("SELECT count(*) FROM erasure WHERE parent_id = '" + parentId + "'"));
        given().auth().oauth2(TestTokens.token(parentId, "clinician")).delete("/api/me").then().statusCode(403);
    }

    @Test
    void erasingLeavesNothingReadableAndEndsTheParentsStream() throws SQLException {
        logEverything(parentId);
        logEverything(otherId);
        String token = freshToken(parentId, Duration.ofMinutes(1));

        given().auth().oauth2(token).delete("/api/me").then().statusCode(204);
        given().auth().oauth2(token).delete("/api/me").then().statusCode(204); // again: nothing more to do

        assertEquals(0, rows(parentId));
        assertEquals(5, rows(otherId), "the other parent keeps everything");
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT data::text, type FROM journal_event WHERE parent_id = '" + parentId
                     + "' ORDER BY version")) {
            String last = null;
            while (rs.next()) {
                assertFalse(rs.getString(1).contains(NOTE), rs.getString(1));
                last = rs.getString(2);
            }
            assertEquals("app.supplyline.session.parent-erased.v1", last);
        }
        // nothing of theirs through the API, and nothing new is written for them
        given().auth().oauth2(token).get("/api/sessions").then().statusCode(200).body("items.size()", equalTo(0));
        given().auth().oauth2(token).get("/api/profile").then().statusCode(200).body("version", equalTo(0));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"type":"NURSING","startedAt":"%s","endedAt":"%s","side":"LEFT"}"""
                .formatted(morning.plus(1, ChronoUnit.HOURS), morning.plus(80, ChronoUnit.MINUTES)))
                .post("/api/sessions").then().statusCode(404);
        assertEquals(0, rows(parentId));

        // the key's tombstone follows; ParentErased is the parent's last record
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM erasure WHERE parent_id = '"
                + parentId + "' AND key_tombstoned_at IS NOT NULL") == 1);
        List<ConsumerRecord<String, String>> records = SessionsTopic.awaitRecords(parentId, 4);
        String erased = records.get(records.size() - 1).value();
        assertEquals("app.supplyline.session.parent-erased.v1", new JsonObject(erased).getString("type"));
        assertEquals(List.of(), EventSchemaTest.SCHEMAS.errors("app.supplyline.session.parent-erased.v1", erased));
        assertTrue(records.stream().noneMatch(r -> r.value().contains(NOTE)));
    }

    /**
     * Another instance erased the parent while this one holds their key in its cache: the database refuses the
     * write (the stream is closed), 404, nothing stored.
     */
    @Test
    void aWriteThroughACachedKeyAfterAnErasureElsewhereIsRefused() throws SQLException {
        logEverything(parentId);
        long before = rows(parentId);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO erasure (parent_id, erased_at) VALUES ('" + parentId + "', now())");
        }
        given().auth().oauth2(TestTokens.token(parentId, "parent")).contentType(ContentType.JSON).body("""
                {"type":"NURSING","startedAt":"%s","endedAt":"%s","side":"LEFT","notes":"%s"}"""
                .formatted(morning.plus(1, ChronoUnit.HOURS), morning.plus(80, ChronoUnit.MINUTES), NOTE))
                .post("/api/sessions").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.token(parentId, "parent")).contentType(ContentType.JSON)
                .body("{\"date\":\"" + LocalDate.now().minusDays(2) + "\",\"sleepHours\":6}")
                .post("/api/check-ins").then().statusCode(404);
        assertEquals(before, rows(parentId), "nothing stored");
    }

    private long rows(String parent) throws SQLException {
        long rows = 0;
        for (String table : TABLES) {
            rows += count("SELECT count(*) FROM " + table + " WHERE parent_id = '" + parent + "'");
        }
        return rows;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
