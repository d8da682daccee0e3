package app.supplyline.session.intake;

import app.supplyline.local.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class SessionResourceTest {

    @Inject
    AgroalDataSource db;

    private final String parentId = UUID.randomUUID().toString();
    private final String token = TestTokens.token(parentId, "parent");
    /** Sessions start at whole minutes in the last hours, like a parent logging this morning's pumpings. */
    private final Instant morning = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(6, ChronoUnit.HOURS);

    static String pumping(Instant start, int minutes, String left, String right) {
        return """
                {"type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":%s,"rightMl":%s,"handsOn":true,
                 "pump":"Spectra S1","flangeSizeMm":24,"notes":"after the 6 am feed"}"""
                .formatted(start.atOffset(java.time.ZoneOffset.ofHours(1)), start.plus(minutes, ChronoUnit.MINUTES)
                        .atOffset(java.time.ZoneOffset.ofHours(1)), left, right);
    }

    private Response post(String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/sessions");
    }

    @Test
    void logsASessionAndPublishesExactlyOneEventWithKeyHeadersAndEnvelope() {
        Response created = post(pumping(morning, 20, "60", "55.5"));
        created.then().statusCode(201)
                .header("Location", containsString("/api/sessions/"))
                .body("type", equalTo("PUMPING"))
                .body("startedAt", equalTo(morning.toString()))
                .body("leftMl", equalTo(60.0f))
                .body("rightMl", equalTo(55.5f))
                .body("totalMl", equalTo(115.5f))
                .body("flangeSizeMm", equalTo(24.0f))
                .body("version", equalTo(1));
        String id = created.path("id");
        given().auth().oauth2(token).get("/api/sessions/" + id).then().statusCode(200)
                .body("flangeSizeMm", equalTo(24.0f)).body("pump", equalTo("Spectra S1"));
        assertTrue(created.header("Location").endsWith(id));

        List<ConsumerRecord<String, String>> records = SessionsTopic.recordsBeforeBarrier(parentId, token, 1);
        assertEquals(1, records.size(), "exactly one record, also once a later record of the parent has arrived");
        ConsumerRecord<String, String> record = records.get(0);
        assertEquals(parentId, record.key());
        assertEquals("1.0", SessionsTopic.header(record, "ce_specversion"));
        assertEquals("app.supplyline.session.pumping-logged.v1", SessionsTopic.header(record, "ce_type"));
        assertEquals("/supplyline/session-service", SessionsTopic.header(record, "ce_source"));
        assertEquals(parentId, SessionsTopic.header(record, "ce_subject"));
        JsonObject body = new JsonObject(record.value());
        assertEquals(SessionsTopic.header(record, "ce_id"), body.getString("eventId"));
        assertEquals(parentId, body.getString("parentId"));
        assertEquals(1L, body.getLong("version"));
        assertEquals(2, body.getInteger("schemaVersion"));
        assertEquals(id, body.getString("sessionId"));
        assertEquals(morning.toString(), body.getJsonObject("session").getString("startedAt"));
        assertEquals(60.0, body.getJsonObject("session").getDouble("leftMl"));
        assertEquals(24.0, body.getJsonObject("session").getDouble("flangeSizeMm"));
    }

    @Test
    void tenSessionsOfOneParentArriveInStreamOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(post(pumping(morning.plus(i * 30L, ChronoUnit.MINUTES), 20, Integer.toString(40 + i), "50"))
                    .then().statusCode(201).extract().path("id"));
        }
        List<ConsumerRecord<String, String>> records = SessionsTopic.recordsBeforeBarrier(parentId, token, 10);
        assertEquals(10, records.size());
        for (int i = 0; i < 10; i++) {
            JsonObject body = new JsonObject(records.get(i).value());
            assertEquals(i + 1L, body.getLong("version"));
            assertEquals(ids.get(i), body.getString("sessionId"));
        }
    }

    @Test
    void anIdempotentRepeatAnswersTheSameAndWritesNothingButAReusedKeyIsRefused() throws SQLException {
        String body = pumping(morning, 20, "60", "50");
        String key = "phone-7f3a-" + UUID.randomUUID();
        String first = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/sessions").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/sessions").then().statusCode(201).body("id", equalTo(first))
                .header("Location", endsWith("/api/sessions/" + first));
        given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(pumping(morning, 20, "61", "50")).post("/api/sessions")
                .then().statusCode(422).contentType("application/problem+json");
        assertEquals(1, count("SELECT count(*) FROM journal_event WHERE parent_id = ?"));
        assertEquals(1, SessionsTopic.recordsBeforeBarrier(parentId, token, 1).size());
    }

    @Test
    void correctionAndDeletionProduceEventsAndLeaveTheOriginalEventsIntact() throws SQLException {
        String id = post(pumping(morning, 20, "60", "50")).then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).get("/api/sessions/" + id).then().statusCode(200).header("ETag", "\"1\"");

        given().auth().oauth2(token).contentType(ContentType.JSON).body(pumping(morning, 25, "70", "50"))
                .put("/api/sessions/" + id).then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(token).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(pumping(morning, 25, "70", "50")).put("/api/sessions/" + id)
                .then().statusCode(200).header("ETag", "\"2\"").body("version", equalTo(2))
                .body("leftMl", equalTo(70.0f));
        given().auth().oauth2(token).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(pumping(morning, 25, "80", "50")).put("/api/sessions/" + id)
                .then().statusCode(412).header("ETag", "\"2\"");

        given().auth().oauth2(token).delete("/api/sessions/" + id).then().statusCode(204);
        given().auth().oauth2(token).get("/api/sessions/" + id).then().statusCode(404);

        assertEquals(3, count("SELECT count(*) FROM journal_event WHERE parent_id = ?"));
        assertEquals(1, count("SELECT count(*) FROM journal_event WHERE parent_id = ? "
                + "AND type = 'app.supplyline.session.pumping-logged.v1' AND (data->'session'->>'leftMl')::numeric = 60"));
        List<ConsumerRecord<String, String>> records = SessionsTopic.recordsBeforeBarrier(parentId, token, 3);
        assertEquals(List.of("app.supplyline.session.pumping-logged.v1", "app.supplyline.session.session-corrected.v1",
                "app.supplyline.session.session-deleted.v1"),
                records.stream().map(r -> SessionsTopic.header(r, "ce_type")).toList());
    }

    @Test
    void theEventStoreRefusesUpdatesAndDeletes() throws SQLException {
        post(pumping(morning, 20, "60", "50")).then().statusCode(201);
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE journal_event SET data = '{}' WHERE parent_id = '" + parentId + "'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertThrows(SQLException.class,
                    () -> s.executeUpdate("DELETE FROM journal_event WHERE parent_id = '" + parentId + "'"));
        }
        assertEquals(1, count("SELECT count(*) FROM journal_event WHERE parent_id = ?"));
    }

    @Test
    void anotherParentsSessionIsNotFoundOnEveryVerb() {
        String id = post(pumping(morning, 20, "60", "50")).then().statusCode(201).extract().path("id");
        String other = TestTokens.token(UUID.randomUUID().toString(), "parent");
        given().auth().oauth2(other).get("/api/sessions/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(other).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(pumping(morning, 25, "1", "1")).put("/api/sessions/" + id).then().statusCode(404);
        given().auth().oauth2(other).delete("/api/sessions/" + id).then().statusCode(404);
        given().auth().oauth2(token).get("/api/sessions/" + id).then().statusCode(200).body("leftMl", equalTo(60.0f));
    }

    @Test
    void onlyParentsLogSessions() {
        given().auth().oauth2(TestTokens.token(parentId, "clinician")).contentType(ContentType.JSON)
                .body(pumping(morning, 20, "60", "50")).post("/api/sessions").then().statusCode(403);
        given().contentType(ContentType.JSON).body(pumping(morning, 20, "60", "50")).post("/api/sessions")
                .then().statusCode(401);
    }

    @Test
    void listsOwnSessionsNewestFirstWithACursor() {
        for (int i = 0; i < 5; i++) {
            post(pumping(morning.plus(i * 30L, ChronoUnit.MINUTES), 20, "50", "50")).then().statusCode(201);
        }
        Response first = given().auth().oauth2(token).queryParam("limit", 3).get("/api/sessions");
        first.then().statusCode(200).body("items.size()", equalTo(3))
                .body("items[0].startedAt", equalTo(morning.plus(120, ChronoUnit.MINUTES).toString()));
        String cursor = first.path("nextCursor");
        given().auth().oauth2(token).queryParam("limit", 3).queryParam("cursor", cursor).get("/api/sessions")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("nextCursor", nullValue())
                .body("items[1].startedAt", equalTo(morning.toString()));
        given().auth().oauth2(token).queryParam("limit", 501).get("/api/sessions").then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    private long count(String sql) throws SQLException {
        return JournalRows.count(db, sql, parentId);
    }
}
