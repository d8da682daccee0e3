package app.supplyline.session.intake;

import app.supplyline.local.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every bad input gets a clear problem+json naming the field, and changes nothing: no row, no event. */
@QuarkusTest
class SessionBadInputTest {

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(3, ChronoUnit.HOURS);
    private static final String JSON = "application/json";

    @Inject
    AgroalDataSource db;

    static String session(String type, Instant start, Instant end, String volumes) {
        return "{\"type\":\"" + type + "\",\"startedAt\":\"" + start + "\",\"endedAt\":\"" + end + "\"" + volumes + "}";
    }

    static String pumping(String volumes) {
        return session("PUMPING", START, START.plus(20, ChronoUnit.MINUTES), volumes);
    }

    static Stream<Arguments> badInputs() {
        Instant end = START.plus(20, ChronoUnit.MINUTES);
        return Stream.of(
                Arguments.of("end before start", JSON, session("PUMPING", START, START.minusSeconds(60), ",\"leftMl\":50"), 400, "endedAt"),
                Arguments.of("longer than 3 hours", JSON, session("NURSING", START.minus(2, ChronoUnit.HOURS), START.plus(61, ChronoUnit.MINUTES), ",\"side\":\"LEFT\""), 400, "endedAt"),
                Arguments.of("start in the future", JSON, session("PUMPING", Instant.now().plus(10, ChronoUnit.MINUTES), Instant.now().plus(30, ChronoUnit.MINUTES), ",\"leftMl\":50"), 400, "startedAt"),
                Arguments.of("start over a year ago", JSON, session("PUMPING", START.minus(400, ChronoUnit.DAYS), end.minus(400, ChronoUnit.DAYS), ",\"leftMl\":50"), 400, "startedAt"),
                Arguments.of("negative volume", JSON, pumping(",\"leftMl\":-5,\"rightMl\":50"), 400, "leftMl"),
                Arguments.of("volume over 500 mL", JSON, pumping(",\"leftMl\":50,\"rightMl\":501"), 400, "rightMl"),
                Arguments.of("more than one decimal", JSON, pumping(",\"leftMl\":50.25"), 400, "leftMl"),
                Arguments.of("volume NaN", JSON, pumping(",\"leftMl\":NaN"), 400, null),
                Arguments.of("volume 1e1000000 (a million-digit number in 9 characters)", JSON, pumping(",\"leftMl\":1e1000000"), 400, "leftMl"),
                Arguments.of("volume 1e1000000 in ounces", JSON, pumping(",\"leftMl\":1e1000000,\"unit\":\"OZ\""), 400, "leftMl"),
                Arguments.of("volume 1e-1000000", JSON, pumping(",\"leftMl\":1e-1000000"), 400, "leftMl"),
                Arguments.of("volume of 10,000 digits", JSON, pumping(",\"rightMl\":" + "9".repeat(10_000)), 400, "rightMl"),
                Arguments.of("volume of 40 significant digits", JSON, pumping(",\"leftMl\":1.000000000000000000000000000000000000001"), 400, "leftMl"),
                Arguments.of("volume not a number", JSON, pumping(",\"leftMl\":\"sixty\""), 400, "leftMl"),
                Arguments.of("volume as a string", JSON, pumping(",\"leftMl\":\"60\""), 400, "leftMl"),
                Arguments.of("pumping without any volume", JSON, pumping(""), 400, "leftMl"),
                Arguments.of("nursing with a volume", JSON, session("NURSING", START, end, ",\"side\":\"LEFT\",\"leftMl\":20"), 400, "leftMl"),
                Arguments.of("nursing without a side", JSON, session("NURSING", START, end, ""), 400, "side"),
                Arguments.of("unknown type", JSON, session("BOTTLE", START, end, ",\"leftMl\":50"), 400, "type"),
                Arguments.of("unknown side", JSON, session("NURSING", START, end, ",\"side\":\"MIDDLE\""), 400, "side"),
                Arguments.of("unknown unit", JSON, pumping(",\"leftMl\":2,\"unit\":\"CUP\""), 400, "unit"),
                Arguments.of("unknown field", JSON, pumping(",\"leftMl\":50,\"mood\":\"tired\""), 400, "mood"),
                Arguments.of("id in the body", JSON, pumping(",\"leftMl\":50,\"id\":\"" + UUID.randomUUID() + "\""), 400, "id"),
                Arguments.of("parentId in the body", JSON, pumping(",\"leftMl\":50,\"parentId\":\"someone-else\""), 400, "parentId"),
                Arguments.of("version in the body", JSON, pumping(",\"leftMl\":50,\"version\":7"), 400, "version"),
                Arguments.of("time without offset", JSON, "{\"type\":\"PUMPING\",\"startedAt\":\"2026-11-27T07:00:00\",\"endedAt\":\"2026-11-27T07:20:00\",\"leftMl\":50}", 400, "startedAt"),
                Arguments.of("impossible date", JSON, "{\"type\":\"PUMPING\",\"startedAt\":\"2026-02-30T07:00:00Z\",\"endedAt\":\"2026-02-30T07:20:00Z\",\"leftMl\":50}", 400, "startedAt"),
                Arguments.of("flange size under 10 mm", JSON, pumping(",\"leftMl\":50,\"flangeSizeMm\":8"), 400, "flangeSizeMm"),
                Arguments.of("flange size over 40 mm", JSON, pumping(",\"leftMl\":50,\"flangeSizeMm\":41"), 400, "flangeSizeMm"),
                Arguments.of("flange size with two decimals", JSON, pumping(",\"leftMl\":50,\"flangeSizeMm\":24.25"), 400, "flangeSizeMm"),
                Arguments.of("flange size of 1e1000000", JSON, pumping(",\"leftMl\":50,\"flangeSizeMm\":1e1000000"), 400, "flangeSizeMm"),
                Arguments.of("flange size as text", JSON, pumping(",\"leftMl\":50,\"flangeSizeMm\":\"24 mm\""), 400, "flangeSizeMm"),
                Arguments.of("nursing with a flange size", JSON, session("NURSING", START, end, ",\"side\":\"LEFT\",\"flangeSizeMm\":24"), 400, "flangeSizeMm"),
                Arguments.of("notes over 1000 characters", JSON, pumping(",\"leftMl\":50,\"notes\":\"" + "é".repeat(1001) + "\""), 400, "notes"),
                Arguments.of("duplicate keys", JSON, pumping(",\"leftMl\":50,\"leftMl\":60"), 400, null),
                Arguments.of("malformed JSON", JSON, "{\"type\":\"PUMPING\",", 400, null),
                Arguments.of("a JSON array", JSON, "[]", 400, null),
                Arguments.of("trailing content", JSON, pumping(",\"leftMl\":50") + "{}", 400, null),
                Arguments.of("missing body", JSON, "", 400, null),
                Arguments.of("wrong content type", "text/plain", pumping(",\"leftMl\":50"), 415, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusedWithAProblemAndNothingStored(String name, String contentType, String body, int status, String field)
            throws SQLException {
        String parentId = UUID.randomUUID().toString();
        Response response = given().auth().oauth2(TestTokens.token(parentId, "parent"))
                .contentType(contentType).body(body).post("/api/sessions");
        response.then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
        if (field != null) {
            response.then().body("errors.field", hasItem(field));
        }
        assertNothingStoredFor(parentId);
    }

    /** The overlap look-up reads only starts within the longest session (3 h) before: its edge still conflicts. */
    @Test
    void aPumpingInsideTheLastMinutesOfALongSessionConflicts() throws SQLException {
        String parentId = UUID.randomUUID().toString();
        String token = TestTokens.token(parentId, "parent");
        given().auth().oauth2(token).contentType(JSON)
                .body(session("PUMPING", START.minus(179, ChronoUnit.MINUTES), START.plus(1, ChronoUnit.MINUTES), ",\"leftMl\":80"))
                .post("/api/sessions").then().statusCode(201);
        given().auth().oauth2(token).contentType(JSON)
                .body(session("PUMPING", START, START.plus(20, ChronoUnit.MINUTES), ",\"leftMl\":30"))
                .post("/api/sessions").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(JSON)
                .body("{\"items\":[{\"clientId\":\"late\"," + session("PUMPING", START, START.plus(20, ChronoUnit.MINUTES),
                        ",\"leftMl\":30").substring(1) + "]}")
                .post("/api/sessions/batch").then().statusCode(200).body("results[0].status", org.hamcrest.Matchers.equalTo(409));
        given().auth().oauth2(token).contentType(JSON)
                .body(session("PUMPING", START.plus(1, ChronoUnit.MINUTES), START.plus(20, ChronoUnit.MINUTES), ",\"leftMl\":30"))
                .post("/api/sessions").then().statusCode(201);
        assertEquals(2, count("SELECT count(*) FROM journal_event WHERE parent_id = ?", parentId));
    }

    @Test
    void twoOverlappingPumpingSessionsConflictWhilePumpingDuringNursingIsAccepted() throws SQLException {
        String parentId = UUID.randomUUID().toString();
        String token = TestTokens.token(parentId, "parent");
        given().auth().oauth2(token).contentType(JSON).body(pumping(",\"leftMl\":50,\"rightMl\":40"))
                .post("/api/sessions").then().statusCode(201);
        given().auth().oauth2(token).contentType(JSON)
                .body(session("PUMPING", START.plus(10, ChronoUnit.MINUTES), START.plus(30, ChronoUnit.MINUTES), ",\"leftMl\":30"))
                .post("/api/sessions").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(token).contentType(JSON)
                .body(session("NURSING", START.plus(5, ChronoUnit.MINUTES), START.plus(15, ChronoUnit.MINUTES), ",\"side\":\"RIGHT\""))
                .post("/api/sessions").then().statusCode(201);
        assertEquals(2, count("SELECT count(*) FROM journal_event WHERE parent_id = ?", parentId));
    }

    @Test
    void ouncesAreStoredAsMillilitres() {
        String token = TestTokens.token(UUID.randomUUID().toString(), "parent");
        given().auth().oauth2(token).contentType(JSON).body(pumping(",\"leftMl\":2,\"rightMl\":1.5,\"unit\":\"OZ\""))
                .post("/api/sessions").then().statusCode(201)
                .body("leftMl", equalTo(59.1f)).body("rightMl", equalTo(44.4f)).body("totalMl", equalTo(103.5f));
    }

    @Test
    void aBodyOver64KiBIsRefusedWith413() throws SQLException {
        String parentId = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.token(parentId, "parent")).contentType(JSON)
                .body(pumping(",\"leftMl\":50,\"notes\":\"" + "x".repeat(70_000) + "\""))
                .post("/api/sessions").then().statusCode(413).contentType("application/problem+json");
        assertNothingStoredFor(parentId);
    }

    /** No row, and no record up to a session the parent logs afterwards (so a late record would be seen too). */
    private void assertNothingStoredFor(String parentId) throws SQLException {
        assertEquals(0, count("SELECT count(*) FROM journal_event WHERE parent_id = ?", parentId), "no event");
        assertEquals(0, count("SELECT count(*) FROM session WHERE parent_id = ?", parentId), "no session");
        assertTrue(SessionsTopic.recordsBeforeBarrier(parentId, TestTokens.token(parentId, "parent"), 0).isEmpty(),
                "no Kafka record");
    }

    private long count(String sql, String parentId) throws SQLException {
        return JournalRows.count(db, sql, parentId);
    }
}
