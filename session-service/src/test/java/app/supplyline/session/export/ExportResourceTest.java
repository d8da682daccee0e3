package app.supplyline.session.export;

import app.supplyline.local.testing.TestTokens;
import app.supplyline.local.testing.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
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

    private static final String CSV_HEADER = CsvLines.HEADER;
    /** The profile of a parent who never set one. */
    private static final String DEFAULT_PROFILE = CsvLines.line("record", "PROFILE", "timezone", "UTC",
            "reducingOnPurpose", "false", "preferredUnit", "ML");

    /** A pumping session as the app sends it. */
    private static String pumping(Instant start, int minutes, Number leftMl, Number rightMl, String pump,
            String notes) {
        return new JsonObject().put("type", "PUMPING").put("startedAt", start.toString())
                .put("endedAt", start.plus(minutes, ChronoUnit.MINUTES).toString()).put("leftMl", leftMl)
                .put("rightMl", rightMl).put("pump", pump).put("notes", notes).encode();
    }

    private String logSession(String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/sessions")
                .then().statusCode(201).extract().path("id");
    }

    private String csvExport() {
        return given().auth().oauth2(token).accept("text/csv").get("/api/export").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
    }

    @Test
    void aDeletedSessionIsLeftOutAndACorrectedOneShowsItsLatestValues() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.DAYS);
        Instant second = start.plus(3, ChronoUnit.HOURS);
        Instant corrected = second.plus(10, ChronoUnit.MINUTES);
        String kept = logSession(pumping(start, 20, 50, 40, "Medela", "kept as logged"));
        String fixed = logSession(pumping(second, 20, 60, 45, "Medela", "first entry"));
        String deleted = logSession(pumping(start.plus(6, ChronoUnit.HOURS), 20, 30, 30, "Medela",
                "logged by mistake"));
        given().auth().oauth2(token).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(pumping(corrected, 25, 75, 45.5, "Spectra", "fixed")).put("/api/sessions/" + fixed)
                .then().statusCode(200).body("version", equalTo(2));
        given().auth().oauth2(token).delete("/api/sessions/" + deleted).then().statusCode(204);

        given().auth().oauth2(token).get("/api/export").then().statusCode(200).contentType(ContentType.JSON)
                .body("sessions.id", equalTo(List.of(fixed, kept)))
                .body("sessions[0].startedAt", equalTo(corrected.toString()))
                .body("sessions[0].endedAt", equalTo(corrected.plus(25, ChronoUnit.MINUTES).toString()))
                .body("sessions[0].leftMl", equalTo(75.0f))
                .body("sessions[0].rightMl", equalTo(45.5f))
                .body("sessions[0].totalMl", equalTo(120.5f))
                .body("sessions[0].pump", equalTo("Spectra"))
                .body("sessions[0].notes", equalTo("fixed"))
                .body("sessions[0].version", equalTo(2))
                .body("sessions[1].startedAt", equalTo(start.toString()))
                .body("sessions[1].leftMl", equalTo(50.0f))
                .body("sessions[1].totalMl", equalTo(90.0f))
                .body("sessions[1].notes", equalTo("kept as logged"))
                .body("sessions[1].version", equalTo(1));

        assertEquals(CSV_HEADER + DEFAULT_PROFILE
                + CsvLines.line("record", "SESSION", "id", "\"" + fixed + "\"", "type", "PUMPING",
                        "startedAt", corrected.toString(), "endedAt", corrected.plus(25, ChronoUnit.MINUTES).toString(),
                        "leftMl", "75.0", "rightMl", "45.5", "totalMl", "120.5", "pump", "Spectra", "notes", "fixed")
                + CsvLines.line("record", "SESSION", "id", "\"" + kept + "\"", "type", "PUMPING",
                        "startedAt", start.toString(), "endedAt", start.plus(20, ChronoUnit.MINUTES).toString(),
                        "leftMl", "50.0", "rightMl", "40.0", "totalMl", "90.0", "pump", "Medela",
                        "notes", "\"kept as logged\""),
                csvExport());
    }

    /**
     * Notes with line breaks and quotes are quoted as RFC 4180 says, and free text a spreadsheet would run as a
     * formula (OWASP: starting with =, +, -, @, tab or carriage return) gets a leading single quote, in the CSV
     * only.
     */
    @Test
    void theCsvQuotesLineBreaksAndQuotesAndNeutralisesFormulas() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.DAYS);
        Instant second = start.plus(3, ChronoUnit.HOURS);
        Instant third = start.plus(6, ChronoUnit.HOURS);
        String first = logSession(pumping(start, 20, 50, 40, "=cmd|' /C calc'!A0", "line one\nline \"two\", end"));
        String middle = logSession(pumping(second, 20, 55, 40, "@SUM(A1)", "-5 mL less than yesterday"));
        String last = logSession(pumping(third, 20, 60, 40, "+Spectra", "\tleading tab"));
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(new JsonObject().put("date", yesterday.toString()).put("waterMl", 1500)
                        .put("notes", "plain, with a comma").encode())
                .post("/api/check-ins").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(new JsonObject().put("date", yesterday.minusDays(1).toString()).put("stress", 2)
                        .put("notes", "\rcarriage return first").encode())
                .post("/api/check-ins").then().statusCode(201);

        assertEquals(CSV_HEADER + DEFAULT_PROFILE
                + CsvLines.line("record", "SESSION", "id", "\"" + last + "\"", "type", "PUMPING",
                        "startedAt", third.toString(), "endedAt", third.plus(20, ChronoUnit.MINUTES).toString(),
                        "leftMl", "60.0", "rightMl", "40.0", "totalMl", "100.0", "pump", "\"'+Spectra\"",
                        "notes", "\"'\tleading tab\"")
                + CsvLines.line("record", "SESSION", "id", "\"" + middle + "\"", "type", "PUMPING",
                        "startedAt", second.toString(), "endedAt", second.plus(20, ChronoUnit.MINUTES).toString(),
                        "leftMl", "55.0", "rightMl", "40.0", "totalMl", "95.0", "pump", "\"'@SUM(A1)\"",
                        "notes", "\"'-5 mL less than yesterday\"")
                + CsvLines.line("record", "SESSION", "id", "\"" + first + "\"", "type", "PUMPING",
                        "startedAt", start.toString(), "endedAt", start.plus(20, ChronoUnit.MINUTES).toString(),
                        "leftMl", "50.0", "rightMl", "40.0", "totalMl", "90.0", "pump", "\"'=cmd|' /C calc'!A0\"",
                        "notes", "\"line one\nline \"\"two\"\", end\"")
                + CsvLines.line("record", "CHECK_IN", "date", yesterday.toString(), "waterMl", "1500",
                        "notes", "\"plain, with a comma\"")
                + CsvLines.line("record", "CHECK_IN", "date", yesterday.minusDays(1).toString(), "stress", "2",
                        "notes", "\"'\rcarriage return first\""),
                csvExport());

        // the JSON export is data, not a spreadsheet: the text as it was written
        given().auth().oauth2(token).get("/api/export").then().statusCode(200)
                .body("sessions.pump", equalTo(List.of("+Spectra", "@SUM(A1)", "=cmd|' /C calc'!A0")))
                .body("sessions.notes", equalTo(List.of("\tleading tab", "-5 mL less than yesterday",
                        "line one\nline \"two\", end")))
                .body("checkIns.notes", equalTo(List.of("plain, with a comma", "\rcarriage return first")));
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
