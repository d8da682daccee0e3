package app.supplyline.session.export;

import app.supplyline.local.testing.TestTokens;
import app.supplyline.local.testing.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class ExportResourceTest {

    private final String parentId = UUID.randomUUID().toString();
    private final String token = TestTokens.token(parentId, "parent");

    @Test
    void exportsEverythingTheParentRecordedAsJsonAndAsCsv() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.DAYS);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"timezone\":\"Europe/Berlin\"}")
                .put("/api/profile").then().statusCode(200);
        for (int i = 0; i < 3; i++) {
            Instant at = start.plus(i * 3L, ChronoUnit.HOURS);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                    {"type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":%d,"rightMl":40,"notes":"a, \\"quoted\\" note"}"""
                    .formatted(at, at.plus(20, ChronoUnit.MINUTES), 50 + i)).post("/api/sessions").then().statusCode(201);
        }
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"date\":\"" + yesterday + "\",\"stress\":3,\"waterMl\":1800}").post("/api/check-ins")
                .then().statusCode(201);
        given().auth().oauth2(TestTokens.token(UUID.randomUUID().toString(), "parent")).contentType(ContentType.JSON)
                .body("{\"type\":\"NURSING\",\"startedAt\":\"" + start + "\",\"endedAt\":\"" + start.plusSeconds(600)
                        + "\",\"side\":\"LEFT\"}").post("/api/sessions").then().statusCode(201);

        // three sessions at a page size of two (test profile): two pages, written as they are read
        given().auth().oauth2(token).get("/api/export").then().statusCode(200).contentType(ContentType.JSON)
                .header("Transfer-Encoding", "chunked")
                .body("parentId", equalTo(parentId))
                .body("profile.timezone", equalTo("Europe/Berlin"))
                .body("sessions.size()", equalTo(3))
                .body("sessions.leftMl", equalTo(List.of(52.0f, 51.0f, 50.0f)))
                .body("checkIns.size()", equalTo(1))
                .body("checkIns[0].waterMl", equalTo(1800));

        String csv = given().auth().oauth2(token).accept("text/csv").get("/api/export").then().statusCode(200)
                .contentType(startsWith("text/csv")).contentType(not(containsString("qs=")))
                .header("Content-Disposition", startsWith("attachment"))
                .extract().asString();
        List<String> lines = Arrays.asList(csv.strip().split("\n"));
        assertEquals(1 + 1 + 3 + 1, lines.size(), csv);
        assertTrue(lines.get(0).startsWith("record,id,type,startedAt"), lines.get(0));
        assertTrue(lines.get(1).startsWith("PROFILE,"), lines.get(1));
        assertEquals(3, lines.stream().filter(l -> l.startsWith("SESSION,")).count());
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"a, \"\"quoted\"\" note\"")), "RFC 4180 quoting: " + csv);
        assertTrue(lines.get(lines.size() - 1).startsWith("CHECK_IN,"), csv);
    }

    @Test
    void aParentWithNothingOrExactlyOnePageGetsAWholeDocument() {
        String empty = TestTokens.token(UUID.randomUUID().toString(), "parent");
        given().auth().oauth2(empty).get("/api/export").then().statusCode(200).contentType(ContentType.JSON)
                .body("sessions.size()", equalTo(0)).body("checkIns.size()", equalTo(0));
        String csv = given().auth().oauth2(empty).accept("text/csv").get("/api/export").then().statusCode(200)
                .extract().asString();
        assertEquals(2, csv.strip().split("\n").length, "header and profile: " + csv);

        String two = TestTokens.token(UUID.randomUUID().toString(), "parent");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(2, ChronoUnit.DAYS);
        for (int i = 0; i < 2; i++) {
            Instant at = start.plus(i * 3L, ChronoUnit.HOURS);
            given().auth().oauth2(two).contentType(ContentType.JSON).body("""
                    {"type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":%d}"""
                    .formatted(at, at.plus(20, ChronoUnit.MINUTES), 60 + i)).post("/api/sessions").then().statusCode(201);
        }
        given().auth().oauth2(two).get("/api/export").then().statusCode(200)
                .body("sessions.leftMl", equalTo(List.of(61.0f, 60.0f)));
    }

    @Inject
    AgroalDataSource db;

    @TestHTTPResource("/api/export")
    URI export;

    /**
     * A page that cannot be read once the answer has begun (a row no session type matches, written past the service):
     * the connection is reset, so the download is visibly cut — never a complete-looking file, never a hang.
     */
    @Test
    void aPageThatFailsMidwayCutsTheDownloadOff() throws Exception {
        String parent = UUID.randomUUID().toString();
        String parentToken = TestTokens.token(parent, "parent");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.DAYS);
        for (int i = 0; i < 2; i++) {
            Instant at = start.plus(i * 3L, ChronoUnit.HOURS);
            given().auth().oauth2(parentToken).contentType(ContentType.JSON).body("""
                    {"type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":50}"""
                    .formatted(at, at.plus(20, ChronoUnit.MINUTES))).post("/api/sessions").then().statusCode(201);
        }
        // older than both, so on the second page (page size 2 in tests)
        Sql.execute(db, """
                INSERT INTO session (session_id, parent_id, type, started_at, ended_at, version, deleted, updated_at)
                VALUES ('%s', '%s', 'NOT_A_TYPE', '%s', '%s', 1, false, now())"""
                .formatted(UUID.randomUUID(), parent, start.minus(5, ChronoUnit.HOURS), start.minus(4, ChronoUnit.HOURS)));

        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String accept : List.of("application/json", "text/csv")) {
            HttpRequest request = HttpRequest.newBuilder(export).timeout(Duration.ofSeconds(15))
                    .header("Authorization", "Bearer " + parentToken).header("Accept", accept).build();
            IOException cut = assertThrows(IOException.class,
                    () -> client.send(request, HttpResponse.BodyHandlers.ofString()), accept);
            assertFalse(cut instanceof java.net.http.HttpTimeoutException, accept + ": cut off, not timed out: " + cut);
        }
    }

    @Test
    void jsonUnlessCsvIsAskedForAndNothingElse() {
        String parent = TestTokens.token(UUID.randomUUID().toString(), "parent");
        given().auth().oauth2(parent).accept("*/*").get("/api/export").then().statusCode(200).contentType(ContentType.JSON);
        given().auth().oauth2(parent).accept("text/*").get("/api/export").then().statusCode(200)
                .contentType(startsWith("text/csv"));
        given().auth().oauth2(parent).accept("application/xml").get("/api/export").then().statusCode(406)
                .contentType("application/problem+json");
        // q=0 means "not this one"
        given().auth().oauth2(parent).accept("application/json;q=0").get("/api/export").then().statusCode(406);
        given().auth().oauth2(parent).accept("text/csv;q=0, application/xml").get("/api/export").then().statusCode(406);
        given().auth().oauth2(parent).accept("*/*, application/json;q=0").get("/api/export").then().statusCode(200)
                .contentType(startsWith("text/csv"));
        given().auth().oauth2(parent).header("Accept", "not a media type").get("/api/export").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void onlyTheParentThemselvesCanExport() {
        given().auth().oauth2(TestTokens.token(parentId, "clinician")).get("/api/export").then().statusCode(403);
        given().get("/api/export").then().statusCode(401);
    }
}
