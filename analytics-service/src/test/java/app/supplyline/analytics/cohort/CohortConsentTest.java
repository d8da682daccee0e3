package app.supplyline.analytics.cohort;

import app.supplyline.analytics.support.Alerts;
import app.supplyline.analytics.support.SessionEvents;
import app.supplyline.analytics.support.TestClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static app.supplyline.analytics.support.Api.as;
import static app.supplyline.analytics.support.Api.clinician;
import static app.supplyline.analytics.support.Api.parent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Clinicians see their own cohorts and, in them, only parents whose consent is active; every read is logged. */
@QuarkusTest
class CohortConsentTest {

    @Inject
    AgroalDataSource db;

    private final String clinicianId = "clinician-" + UUID.randomUUID();
    private final String otherClinician = "clinician-" + UUID.randomUUID();
    private final String parentId = UUID.randomUUID().toString();
    private final String otherParent = UUID.randomUUID().toString();

    private String createCohort(String owner, String name) {
        return clinician(owner).contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                .post("/api/cohorts").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/cohorts/[0-9a-f-]{36}"))
                .body("name", equalTo(name))
                .body("inviteCode", matchesPattern("[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}"))
                .extract().path("id");
    }

    private String code(String cohortId) {
        return clinician(clinicianId).get("/api/cohorts/" + cohortId).then().statusCode(200).extract().path("inviteCode");
    }

    private ValidatableResponse join(String parent, String code) {
        return parent(parent).contentType(ContentType.JSON).body("{\"inviteCode\":\"" + code + "\"}")
                .post("/api/consents").then();
    }

    @Test
    void aClinicianSeesOnlyConsentingParentsOfTheirOwnCohortsAndEveryReadIsLogged() {
        String cohortId = createCohort(clinicianId, "Tuesday group");
        String code = code(cohortId);

        // typed loosely (lower case, no dash): still the code; joining twice changes nothing
        join(parentId, code.toLowerCase().replace("-", "")).statusCode(201)
                .header("Location", matchesPattern(".*/api/consents/" + cohortId))
                .body("cohortId", equalTo(cohortId)).body("cohortName", equalTo("Tuesday group"))
                .body("clinicianName", equalTo("user-" + clinicianId));
        join(parentId, code).statusCode(200).body("cohortId", equalTo(cohortId));
        parent(parentId).get("/api/consents").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].cohortId", equalTo(cohortId)).body("items[0].displayName", equalTo("user-" + parentId));

        clinician(clinicianId).get("/api/cohorts").then().statusCode(200)
                .body("items.find { it.id == '" + cohortId + "' }.activePatients", equalTo(1));
        clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].parentId", equalTo(parentId))
                .body("items[0].displayName", equalTo("user-" + parentId))
                .body("items[0].status", equalTo("INSUFFICIENT_DATA"))
                .body("nextCursor", nullValue());
        clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients/" + parentId + "/trends?days=7")
                .then().statusCode(200).body("days", hasSize(7));

        // everything else is "not found": another clinician, a parent without consent, a made-up cohort
        clinician(otherClinician).get("/api/cohorts/" + cohortId).then().statusCode(404)
                .contentType("application/problem+json");
        clinician(otherClinician).get("/api/cohorts/" + cohortId + "/patients").then().statusCode(404);
        clinician(otherClinician).get("/api/cohorts/" + cohortId + "/patients/" + parentId + "/trends").then().statusCode(404);
        clinician(otherClinician).post("/api/cohorts/" + cohortId + "/invite-code").then().statusCode(404);
        clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients/" + otherParent + "/trends").then().statusCode(404);
        clinician(clinicianId).get("/api/cohorts/" + UUID.randomUUID() + "/patients").then().statusCode(404);
        clinician(clinicianId).get("/api/cohorts/not-a-uuid/patients").then().statusCode(404);

        // the parent reads who looked: the list read and the trend read, newest first
        parent(parentId).get("/api/consents/" + cohortId + "/access-log").then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].resource", equalTo("trends"))
                .body("items[0].clinicianId", equalTo(clinicianId))
                .body("items[0].clinicianName", equalTo("user-" + clinicianId))
                .body("items[0].accessedAt", notNullValue())
                .body("items[1].resource", equalTo("patient-list"));
        parent(otherParent).get("/api/consents/" + cohortId + "/access-log").then().statusCode(404);
    }

    @Test
    void revokingConsentCutsAccessAtOnce() {
        String cohortId = createCohort(clinicianId, "Revocation");
        join(parentId, code(cohortId)).statusCode(201);
        clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients/" + parentId + "/trends").then().statusCode(200);

        parent(parentId).delete("/api/consents/" + cohortId).then().statusCode(204);

        clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients/" + parentId + "/trends").then().statusCode(404);
        clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients").then().statusCode(200).body("items", empty());
        parent(parentId).get("/api/consents").then().statusCode(200).body("items", empty());
        parent(parentId).delete("/api/consents/" + cohortId).then().statusCode(404);
        // the record of past reads stays readable to the parent
        parent(parentId).get("/api/consents/" + cohortId + "/access-log").then().statusCode(200).body("items", hasSize(1));
        // and consenting again works
        join(parentId, code(cohortId)).statusCode(201);
        clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients").then().statusCode(200).body("items", hasSize(1));
    }

    /**
     * Granting, revoking and granting again are three events on the parent's partition of supplyline.alerts.v1, in that
     * order, valid against the published schema; joining again while consenting, or revoking twice, publishes nothing.
     */
    @Test
    void consentGrantedAndRevokedAreEventsOnTheParentsPartition() {
        String cohortId = createCohort(clinicianId, "Consent events");
        join(parentId, code(cohortId)).statusCode(201);
        join(parentId, code(cohortId)).statusCode(200);
        parent(parentId).delete("/api/consents/" + cohortId).then().statusCode(204);
        parent(parentId).delete("/api/consents/" + cohortId).then().statusCode(404);
        join(parentId, code(cohortId)).statusCode(201);
        try (Alerts alerts = new Alerts()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> alerts.consentsOf(parentId).size() >= 3);
            List<JsonObject> events = alerts.consentsOf(parentId).stream().map(Alerts::body).toList();
            assertEquals(List.of(true, false, true), events.stream().map(e -> e.getBoolean("active")).toList());
            assertEquals(List.of(1L, 2L, 3L), events.stream().map(e -> e.getLong("consentVersion")).toList());
            for (JsonObject e : events) {
                assertEquals(List.of(), Alerts.SCHEMAS.errors(Alerts.CONSENT_CHANGED, e.encode()));
                assertEquals(cohortId, e.getString("cohortId"));
                assertEquals(clinicianId, e.getString("clinicianId"));
            }
            assertEquals(3, alerts.consentsOf(parentId).size(), "nothing for the repeated join or revocation");
        }
    }

    @Test
    void rotatingTheInviteCodeRetiresTheOldOne() {
        String cohortId = createCohort(clinicianId, "Rotation");
        String old = code(cohortId);
        String fresh = clinician(clinicianId).post("/api/cohorts/" + cohortId + "/invite-code").then().statusCode(200)
                .body("id", equalTo(cohortId)).extract().path("inviteCode");
        assertEquals(false, old.equals(fresh));
        join(parentId, old).statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("No cohort has this invite code; ask your clinician for the current one"));
        join(parentId, fresh).statusCode(201);
    }

    @Test
    void thePatientListSortsByRiskAndPagesWithACursor() {
        String cohortId = createCohort(clinicianId, "Risk");
        String code = code(cohortId);
        List<String> parents = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        parents.forEach(p -> join(p, code).statusCode(201));
        // parents[1] drops by 30 % with regular pumping, parents[2] is steady, parents[0] has no data
        LocalDate today = LocalDate.ofInstant(TestClock.START, ZoneOffset.UTC);
        for (int i = 1; i <= 2; i++) {
            try (SessionEvents events = new SessionEvents(parents.get(i))) {
                for (int d = 14; d >= 1; d--) {
                    events.pumpingDay(today.minusDays(d), ZoneOffset.UTC, 8, d > 7 || i == 2 ? 800 : 560);
                }
                events.flush();
            }
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> statusOf(parents.get(1)).equals("SEEK_HELP")
                && statusOf(parents.get(2)).equals("STABLE"));

        String cursor = clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients?sort=risk&limit=2")
                .then().statusCode(200)
                .body("items.parentId", contains(parents.get(1), parents.get(2)))
                .body("items[0].status", equalTo("SEEK_HELP"))
                .body("items[0].reasons", contains("SUPPLY_DROP"))
                .body("items[0].changePct", equalTo(-30.0f))
                .body("items[0].currentAvgMl", equalTo(560.0f))
                .body("items[0].removalsPerDay", equalTo(8.0f))
                .body("items[0].lastRemovalAt", notNullValue())
                .body("items[0].daysSinceLastLog", equalTo(0))
                .body("nextCursor", notNullValue())
                .extract().path("nextCursor");
        clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients?sort=risk&limit=2&cursor=" + cursor)
                .then().statusCode(200).body("items.parentId", contains(parents.get(0))).body("nextCursor", nullValue());
        clinician(clinicianId).get("/api/cohorts/" + cohortId + "/patients?status=SEEK_HELP,WATCH")
                .then().statusCode(200).body("items.parentId", contains(parents.get(1)));
    }

    @Test
    void badInputIsRefusedWithTheFieldAndChangesNothing() throws SQLException {
        String cohortId = createCohort(clinicianId, "Bad input");
        long cohorts = count("SELECT count(*) FROM cohort");
        for (String body : List.of("{}", "{\"name\":\"\"}", "{\"name\":5}", "{\"name\":\"x\",\"extra\":1}",
                "{\"name\":\"" + "x".repeat(101) + "\"}", "not json")) {
            clinician(clinicianId).contentType(ContentType.JSON).body(body).post("/api/cohorts").then().statusCode(400)
                    .contentType("application/problem+json");
        }
        clinician(clinicianId).contentType(ContentType.JSON).post("/api/cohorts").then().statusCode(400)
                .body("detail", equalTo("A JSON body is required"));
        clinician(clinicianId).contentType(ContentType.JSON).body("{}").post("/api/cohorts").then()
                .body("errors[0].field", equalTo("name"));
        clinician(clinicianId).contentType(ContentType.JSON).body("{\"name\":\"   \"}").post("/api/cohorts").then()
                .statusCode(400).body("errors[0].field", equalTo("name"))
                .body("errors[0].message", equalTo("must be 1 to 100 characters"));
        assertEquals(cohorts, count("SELECT count(*) FROM cohort"));
        // white space around a name is not part of it, nor of its length
        String padded = "  " + "y".repeat(100) + "  ";
        clinician(clinicianId).contentType(ContentType.JSON).body("{\"name\":\"" + padded + "\"}").post("/api/cohorts")
                .then().statusCode(201).body("name", equalTo("y".repeat(100)));
        cohorts++;
        assertEquals(cohorts, count("SELECT count(*) FROM cohort"));

        String patients = "/api/cohorts/" + cohortId + "/patients";
        field(clinician(clinicianId).get(patients + "?status=BOGUS"), "status");
        field(clinician(clinicianId).get(patients + "?sort=age"), "sort");
        field(clinician(clinicianId).get(patients + "?limit=501"), "limit");
        field(clinician(clinicianId).get(patients + "?limit=0"), "limit");
        field(clinician(clinicianId).get(patients + "?limit=ten"), "limit");
        field(clinician(clinicianId).get(patients + "?cursor=not-a-cursor"), "cursor");
        field(parent(parentId).get("/api/trends/me?days=6"), "days");
        field(parent(parentId).get("/api/trends/me?days=366"), "days");
        field(parent(parentId).get("/api/trends/me?days=many"), "days");

        long consents = count("SELECT count(*) FROM consent");
        for (String code : List.of("ABC", "ABCDE-FGHJ1", "", "ABCDE-FGHJKL")) {
            field(parent(parentId).contentType(ContentType.JSON).body("{\"inviteCode\":\"" + code + "\"}")
                    .post("/api/consents"), "inviteCode");
        }
        parent(parentId).contentType(ContentType.JSON).body("{\"inviteCode\":7}").post("/api/consents").then().statusCode(400);
        assertEquals(consents, count("SELECT count(*) FROM consent"));
    }

    @Test
    void eachRoleReachesOnlyItsOwnEndpoints() {
        parent(parentId).get("/api/cohorts").then().statusCode(403);
        parent(parentId).contentType(ContentType.JSON).body("{\"name\":\"x\"}").post("/api/cohorts").then().statusCode(403);
        clinician(clinicianId).get("/api/consents").then().statusCode(403);
        clinician(clinicianId).get("/api/trends/me").then().statusCode(403);
        as(parentId, "admin").get("/api/trends/me").then().statusCode(403);
        parent(parentId).post("/api/admin/rebuild").then().statusCode(403);
        io.restassured.RestAssured.get("/api/cohorts").then().statusCode(401);
    }

    private static void field(io.restassured.response.Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }

    private String statusOf(String parent) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT status FROM supply_status WHERE parent_id = '" + parent + "'")) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
