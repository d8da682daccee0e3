package app.supplyline.session.intake;

import app.supplyline.local.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An Idempotency-Key, and a batch item's clientId, belong to the parent who sent them: two phones that make up the
 * same key (a counter, a timestamp) each get a session of their own, and never see the other parent's.
 */
@QuarkusTest
class IdempotencyPerParentTest {

    @Inject
    AgroalDataSource db;

    private final String parentA = UUID.randomUUID().toString();
    private final String parentB = UUID.randomUUID().toString();
    private final String tokenA = TestTokens.token(parentA, "parent");
    private final String tokenB = TestTokens.token(parentB, "parent");
    private final Instant morning = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(8, ChronoUnit.HOURS);

    @Test
    void theSameIdempotencyKeyOfTwoParentsCreatesOneSessionForEach() throws SQLException {
        String key = "phone-1-" + UUID.randomUUID();
        String body = SessionResourceTest.pumping(morning, 20, "60", "50");
        String a = create(tokenA, key, body);
        String b = create(tokenB, key, body);
        assertNotEquals(a, b, "parent B got a session of their own, not parent A's answer");

        // a third parent sends another session with that key: a new session, not 422 "key reused"
        String parentC = UUID.randomUUID().toString();
        String c = create(TestTokens.token(parentC, "parent"), key,
                SessionResourceTest.pumping(morning, 25, "70", "45"));
        assertNotEquals(a, c);
        assertNotEquals(b, c);

        // a repeat answers the sender's own session
        assertEquals(a, create(tokenA, key, body));
        assertEquals(b, create(tokenB, key, body));

        given().auth().oauth2(tokenA).get("/api/sessions").then().statusCode(200)
                .body("items.id", equalTo(List.of(a)))
                .body("items[0].startedAt", equalTo(morning.toString()))
                .body("items[0].leftMl", equalTo(60.0f)).body("items[0].rightMl", equalTo(50.0f));
        given().auth().oauth2(tokenB).get("/api/sessions").then().statusCode(200)
                .body("items.id", equalTo(List.of(b)))
                .body("items[0].startedAt", equalTo(morning.toString()))
                .body("items[0].leftMl", equalTo(60.0f)).body("items[0].rightMl", equalTo(50.0f));
        given().auth().oauth2(TestTokens.token(parentC, "parent")).get("/api/sessions").then().statusCode(200)
                .body("items.id", equalTo(List.of(c))).body("items[0].leftMl", equalTo(70.0f));
        given().auth().oauth2(tokenA).get("/api/sessions/" + b).then().statusCode(404);
        given().auth().oauth2(tokenB).get("/api/sessions/" + a).then().statusCode(404);

        for (String parent : List.of(parentA, parentB, parentC)) {
            assertEquals(1, JournalRows.count(db, "SELECT count(*) FROM journal_event WHERE parent_id = ?", parent));
            assertEquals(1, JournalRows.count(db, "SELECT count(*) FROM session WHERE parent_id = ?", parent));
            assertEquals(1, JournalRows.count(db, "SELECT count(*) FROM idempotency_key WHERE parent_id = ?", parent));
        }
    }

    @Test
    void theSameClientIdInBatchesOfTwoParentsCreatesOneSessionForEach() throws SQLException {
        Instant later = morning.plus(3, ChronoUnit.HOURS);
        String batch = "{\"items\":[" + item("offline-1", morning, "60") + "," + item("offline-2", later, "70") + "]}";
        List<String> a = sync(tokenA, batch);
        List<String> b = sync(tokenB, batch);
        assertEquals(2, a.size());
        assertEquals(2, b.size());
        assertTrue(Collections.disjoint(a, b), "parent B got sessions of their own: " + a + " / " + b);

        // each phone lost the answer and sends its batch again: its own sessions, nothing new
        assertEquals(a, sync(tokenA, batch));
        assertEquals(b, sync(tokenB, batch));

        given().auth().oauth2(tokenA).get("/api/sessions").then().statusCode(200)
                .body("items.id", equalTo(List.of(a.get(1), a.get(0))))
                .body("items.startedAt", equalTo(List.of(later.toString(), morning.toString())))
                .body("items.leftMl", equalTo(List.of(70.0f, 60.0f)));
        given().auth().oauth2(tokenB).get("/api/sessions").then().statusCode(200)
                .body("items.id", equalTo(List.of(b.get(1), b.get(0))))
                .body("items.startedAt", equalTo(List.of(later.toString(), morning.toString())))
                .body("items.leftMl", equalTo(List.of(70.0f, 60.0f)));
        for (String parent : List.of(parentA, parentB)) {
            assertEquals(2, JournalRows.count(db, "SELECT count(*) FROM journal_event WHERE parent_id = ?", parent));
            assertEquals(2, JournalRows.count(db, "SELECT count(*) FROM session WHERE parent_id = ?", parent));
            assertEquals(2, JournalRows.count(db, "SELECT count(*) FROM idempotency_key WHERE parent_id = ?", parent));
        }
    }

    /** Creates a session with the key and returns its id, checking that the Location names it. */
    private static String create(String token, String key, String body) {
        Response created = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(body).post("/api/sessions");
        created.then().statusCode(201);
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/sessions/" + id), created.header("Location"));
        return id;
    }

    /** Sends a batch whose items are all stored and returns their ids, in item order. */
    private static List<String> sync(String token, String batch) {
        Response synced = given().auth().oauth2(token).contentType(ContentType.JSON).body(batch)
                .post("/api/sessions/batch");
        synced.then().statusCode(200).body("results.status", equalTo(List.of(201, 201)));
        return synced.path("results.id");
    }

    private static String item(String clientId, Instant start, String leftMl) {
        return """
                {"clientId":"%s","type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":%s}"""
                .formatted(clientId, start, start.plus(20, ChronoUnit.MINUTES), leftMl);
    }
}
