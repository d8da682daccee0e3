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
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Object-level access across the services (another user's ids are "not found", a clinician reaches a parent only
 * through their own cohort with active consent) and the per-user write quota (a burst of 1,000 writes is limited to the
 * configured burst and refill, without touching anyone else).
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

    /**
     * The write quota the stack runs with: {@code WriteRateLimiter}'s defaults (bursts of 100, refilled at 20 a
     * second), which neither the services' application.properties nor deploy/local override.
     */
    static final long BURST = 100;
    static final long REFILL_PER_SECOND = 20;
    /** Tokens the bounds allow for rounding: Bucket4j refills whole tokens and reads time in milliseconds. */
    static final long MARGIN = 3;

    /** An answer, and when its request left and its answer came back (this JVM's monotonic clock). */
    private record Timed(Response response, long sentNanos, long answeredNanos) {

        int status() {
            return response.statusCode();
        }
    }

    private static Timed timed(Supplier<Response> request) {
        long sent = System.nanoTime();
        Response response = request.get();
        return new Timed(response, sent, System.nanoTime());
    }

    /**
     * 1,000 writes of one user at once: served are the burst and what refilled while they were in flight, no more and
     * no fewer; the rest get 429 with Retry-After; another user writing meanwhile is always served.
     */
    @Test
    void aBurstOfWritesIsLimitedForItsUserAlone() throws Exception {
        String busy = stack.newUser("parent");
        String calm = stack.newUser("parent");
        String token = stack.token(busy);
        String calmToken = stack.token(calm);
        List<Timed> answers = new ArrayList<>();
        List<Response> calmAnswers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<Timed>> futures = new ArrayList<>();
            List<Future<Response>> calmFutures = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                futures.add(pool.submit(() -> timed(() -> given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"locale\":\"en\"}").put(stack.notification() + "/api/preferences"))));
                if (i % 50 == 0) {
                    // the other user writes now and then, in the middle of the burst
                    calmFutures.add(pool.submit(() -> given().auth().oauth2(calmToken).contentType(ContentType.JSON)
                            .body("{\"locale\":\"fr\"}").put(stack.notification() + "/api/preferences")));
                }
            }
            for (Future<Timed> f : futures) {
                answers.add(f.get());
            }
            for (Future<Response> f : calmFutures) {
                calmAnswers.add(f.get());
            }
        }
        List<Timed> refused = answers.stream().filter(a -> a.status() == 429).toList();
        long served = answers.stream().filter(a -> a.status() == 200).count();
        assertEquals(1_000, refused.size() + served, answers.stream().map(Timed::status).distinct().toList().toString());
        assertEquals(List.of(), calmAnswers.stream().filter(r -> r.statusCode() != 200).map(Response::statusCode).toList(),
                "the other user is served throughout the burst");
        assertTrue(!refused.isEmpty(), "served " + served + " of 1,000, none refused");

        // at most: the burst, and what refilled between the first request leaving and the last answer arriving
        double inFlight = (answers.stream().mapToLong(Timed::answeredNanos).max().orElseThrow()
                - answers.stream().mapToLong(Timed::sentNanos).min().orElseThrow()) / 1e9;
        long most = BURST + (long) Math.floor(REFILL_PER_SECOND * inFlight) + MARGIN;
        // at least: the burst (spent before any 429), and what refilled between two refusals, when the bucket was empty
        // both times (the first refusal answered and the last refusal sent bound that span from inside)
        double betweenRefusals = (refused.stream().mapToLong(Timed::sentNanos).max().orElseThrow()
                - refused.stream().mapToLong(Timed::answeredNanos).min().orElseThrow()) / 1e9;
        long least = BURST + Math.max(0, (long) Math.floor(REFILL_PER_SECOND * betweenRefusals) - MARGIN);
        assertTrue(served >= least && served <= most, "served " + served + " of 1,000 in " + inFlight
                + " s (refusing for " + betweenRefusals + " s): a burst of " + BURST + " refilled at " + REFILL_PER_SECOND
                + "/s allows " + least + " to " + most);

        Response first429 = refused.get(0).response();
        first429.then().header("Retry-After", notNullValue()).contentType("application/problem+json");
        stack.as(calm).contentType(ContentType.JSON).body(Map.of("locale", "fr")).put(stack.notification() + "/api/preferences")
                .then().statusCode(200);
    }

    /** What a 500-item sync costs: one write per 25 items ({@code supplyline.rate-limit.writes.batch-items-per-token}). */
    static final long SYNC_COST = 20;

    /**
     * A 500-item offline sync passes whole and costs 20 writes of the burst of 100 (one per 25 items): of ten such
     * syncs sent at once by a parent with a full quota, at most five (and what refills at 20 a second meanwhile)
     * and at least four (each request spends one token before its items) pass; the others get 429 with Retry-After
     * and store nothing. Were a sync one write, all ten would pass.
     */
    @Test
    void fiveHundredItemSyncsPassWholeAndTheQuotaThenRefusesAsConfigured() throws Exception {
        String parent = stack.newUser("parent");
        String token = stack.token(parent);
        List<String> bodies = new ArrayList<>();
        java.time.OffsetDateTime first = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(200);
        for (int b = 0; b < 10; b++) {
            StringBuilder items = new StringBuilder("{\"items\":[");
            for (int i = 0; i < 500; i++) {
                java.time.OffsetDateTime start = first.plusMinutes(30L * (b * 500 + i));
                items.append(i == 0 ? "" : ",").append("{\"clientId\":\"s").append(b).append('-').append(i)
                        .append("\",\"type\":\"PUMPING\",\"startedAt\":\"").append(start).append("\",\"endedAt\":\"")
                        .append(start.plusMinutes(20)).append("\",\"leftMl\":40}");
            }
            bodies.add(items.append("]}").toString());
        }
        List<Response> answers = new ArrayList<>();
        long sent = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            List<Future<Response>> futures = new ArrayList<>();
            for (String body : bodies) {
                futures.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                        .post(stack.session() + "/api/sessions/batch")));
            }
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
        }
        double inFlight = (System.nanoTime() - sent) / 1e9;
        List<Response> passed = answers.stream().filter(r -> r.statusCode() == 200).toList();
        List<Response> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        assertEquals(10, passed.size() + refused.size(), answers.stream().map(Response::statusCode).toList().toString());
        assertTrue(!passed.isEmpty() && !refused.isEmpty(), passed.size() + " passed, " + refused.size() + " refused");
        for (Response ok : passed) {
            assertEquals(500, ok.jsonPath().getList("results.findAll { it.status == 201 }").size());
        }
        for (Response no : refused) {
            no.then().header("Retry-After", notNullValue()).contentType("application/problem+json");
        }
        assertTrue(refused.stream().anyMatch(r -> r.jsonPath().getString("detail").contains("costs 20 writes")),
                refused.get(0).asString());
        // a sync that passed spent 20 tokens (its request's one and 19 for its items), all from the burst and what
        // refilled while the syncs were in flight
        assertTrue(SYNC_COST * passed.size() <= BURST + (long) Math.floor(REFILL_PER_SECOND * inFlight) + MARGIN,
                passed.size() + " passed in " + inFlight + " s");
        // a refused sync found fewer than 19 tokens left, so at least 100 - 18 had been spent: at most one by each of
        // the 10 requests, the rest 19 at a time by the syncs that passed
        long leastPassed = (long) Math.ceil((BURST - (SYNC_COST - 2) - bodies.size()) / (double) (SYNC_COST - 1));
        assertTrue(passed.size() >= leastPassed, passed.size() + " passed; the burst of " + BURST + " holds at least "
                + leastPassed);
        // what passed is stored, what was refused is not
        int stored = 0;
        String cursor = null;
        do {
            io.restassured.path.json.JsonPath page = stack.as(parent).queryParam("limit", 500)
                    .queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get(stack.session() + "/api/sessions").then().statusCode(200).extract().jsonPath();
            stored += page.getList("items").size();
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(500 * passed.size(), stored);
    }

    private static void notFound(Response response) {
        response.then().statusCode(404).contentType("application/problem+json");
    }
}
