package app.supplyline.system;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Object-level access across the services (another user's ids are "not found", a clinician reaches a parent only
 * through their own cohort with active consent) and the per-user write quota (a burst of 1,000 writes is limited without
 * touching anyone else).
 */
class ObjectLevelAndQuotaIT extends AgainstTheStack {


    @Test
    void anotherUsersIdsAreNotFoundEverywhere() {
        String owner = stack.newUser("parent");
        String stranger = stack.newUser("parent");
        String clinician = stack.newUser("clinician");
        String otherClinician = stack.newUser("clinician");
        journeys.profile(owner, ZoneId.of("UTC"));
        String ownerId = stack.as(owner).get(stack.session() + "/api/ping").then().extract().path("subject");
        String cohort = journeys.consent(owner, clinician);
        journeys.phone(owner);
        String subscription = stack.as(owner).get(stack.notification() + "/api/push/subscriptions").then().statusCode(200)
                .extract().path("items[0].id");
        String session = stack.as(owner).contentType(ContentType.JSON)
                .body("{\"type\":\"NURSING\",\"startedAt\":\"2026-11-01T10:00:00Z\",\"endedAt\":\"2026-11-01T10:10:00Z\",\"side\":\"LEFT\"}")
                .post(stack.session() + "/api/sessions").then().statusCode(201).extract().path("id");

        notFound(stack.as(stranger).get(stack.session() + "/api/sessions/" + session));
        notFound(stack.as(stranger).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body("{\"type\":\"NURSING\",\"startedAt\":\"2026-11-01T10:00:00Z\",\"endedAt\":\"2026-11-01T10:15:00Z\",\"side\":\"LEFT\"}")
                .put(stack.session() + "/api/sessions/" + session));
        notFound(stack.as(stranger).delete(stack.session() + "/api/sessions/" + session));
        notFound(stack.as(stranger).delete(stack.notification() + "/api/push/subscriptions/" + subscription));
        notFound(stack.as(stranger).delete(stack.analytics() + "/api/consents/" + cohort));
        notFound(stack.as(stranger).get(stack.analytics() + "/api/consents/" + cohort + "/access-log"));
        notFound(stack.as(otherClinician).get(stack.analytics() + "/api/cohorts/" + cohort + "/patients"));
        notFound(stack.as(otherClinician).get(stack.analytics() + "/api/cohorts/" + cohort + "/patients/" + ownerId + "/trends"));
        String otherCohort = stack.as(otherClinician).contentType(ContentType.JSON).body("{\"name\":\"Other\"}")
                .post(stack.analytics() + "/api/cohorts").then().statusCode(201).extract().path("id");
        notFound(stack.as(otherClinician).get(stack.analytics() + "/api/cohorts/" + otherCohort + "/patients/" + ownerId + "/trends"));

        // the owner's things are all still there
        stack.as(owner).get(stack.session() + "/api/sessions/" + session).then().statusCode(200);
        stack.as(owner).get(stack.notification() + "/api/push/subscriptions").then().statusCode(200)
                .body("items[0].id", org.hamcrest.Matchers.equalTo(subscription));
        stack.as(clinician).get(stack.analytics() + "/api/cohorts/" + cohort + "/patients/" + ownerId + "/trends").then().statusCode(200);
        // after revocation, the clinician's own cohort no longer reaches the parent
        stack.as(owner).delete(stack.analytics() + "/api/consents/" + cohort).then().statusCode(204);
        notFound(stack.as(clinician).get(stack.analytics() + "/api/cohorts/" + cohort + "/patients/" + ownerId + "/trends"));
    }

    @Test
    void aBurstOfWritesIsLimitedForItsUserAlone() throws Exception {
        String busy = stack.newUser("parent");
        String calm = stack.newUser("parent");
        String token = stack.token(busy);
        String calmToken = stack.token(calm);
        List<Response> answers = new ArrayList<>();
        List<Response> calmAnswers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Response>> futures = new ArrayList<>();
            List<Future<Response>> calmFutures = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                futures.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"locale\":\"en\"}").put(stack.notification() + "/api/preferences")));
                if (i % 50 == 0) {
                    // the other user writes now and then, in the middle of the burst
                    calmFutures.add(pool.submit(() -> given().auth().oauth2(calmToken).contentType(ContentType.JSON)
                            .body("{\"locale\":\"fr\"}").put(stack.notification() + "/api/preferences")));
                }
            }
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            for (Future<Response> f : calmFutures) {
                calmAnswers.add(f.get());
            }
        }
        long limited = answers.stream().filter(r -> r.statusCode() == 429).count();
        long served = answers.stream().filter(r -> r.statusCode() == 200).count();
        assertEquals(1_000, limited + served);
        assertEquals(List.of(), calmAnswers.stream().filter(r -> r.statusCode() != 200).map(Response::statusCode).toList(),
                "the other user is served throughout the burst");
        assertTrue(limited > 0 && served >= 100, "served " + served + ", limited " + limited);
        Response first429 = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElseThrow();
        first429.then().header("Retry-After", notNullValue()).contentType("application/problem+json");
        stack.as(calm).contentType(ContentType.JSON).body(Map.of("locale", "fr")).put(stack.notification() + "/api/preferences")
                .then().statusCode(200);
    }

    /**
     * A 500-item offline sync passes whole and costs 20 of the burst of 100 (one write per 25 items); the writes that
     * follow at once find what is left — 79 after the profile and the sync, plus what refilled at 20 a second since
     * the first write — and then 429.
     */
    @Test
    void aFiveHundredItemSyncPassesOnceAndTheQuotaThenRefusesAsConfigured() throws Exception {
        String parent = stack.newUser("parent");
        long firstWrite = System.nanoTime();
        journeys.profile(parent, ZoneId.of("UTC"));
        io.restassured.path.json.JsonPath sync = journeys.pumpingDays(parent, ZoneId.of("UTC"), 50, 1, 10, d -> 40, "q");
        assertEquals(500, sync.getList("results").size());
        assertEquals(500, sync.getList("results.findAll { it.status == 201 }").size());

        String token = stack.token(parent);
        List<Response> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                futures.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"timezone\":\"UTC\",\"preferredUnit\":\"ML\"}").put(stack.session() + "/api/profile")));
            }
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
        }
        double seconds = (System.nanoTime() - firstWrite) / 1e9;
        long served = answers.stream().filter(r -> r.statusCode() == 200).count();
        long limited = answers.stream().filter(r -> r.statusCode() == 429).count();
        assertEquals(300, served + limited);
        assertTrue(limited > 0, "the quota refused some: served " + served);
        assertTrue(served <= 79 + Math.ceil(20 * seconds) + 1,
                "served " + served + ", " + seconds + " s after the first write, with a sync that costs 20");
    }

    private static void notFound(Response response) {
        response.then().statusCode(404).contentType("application/problem+json");
    }
}
