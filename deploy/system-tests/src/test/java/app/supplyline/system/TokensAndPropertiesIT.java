package app.supplyline.system;

import app.supplyline.local.Topics;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens every service must refuse (a forged payload, {@code alg: none}, another realm's token, an expired one), and
 * fields a client must not set (owner ids, versions, clinician lists) refused one by one with their path, storing
 * nothing and publishing nothing.
 */
class TokensAndPropertiesIT extends AgainstTheStack {


    private static List<String> protectedUrls() {
        return List.of(stack.session() + "/api/sessions", stack.analytics() + "/api/trends/me",
                stack.notification() + "/api/notifications");
    }

    @Test
    void aTokenFetchedThroughAnotherHostNameOfKeycloakIsTrustedAlike() {
        String viaLoopbackAddress = RestAssured.given().formParam("grant_type", "password").formParam("client_id", "supplyline-web")
                .formParam("username", "parent1").formParam("password", "parent1-dev")
                .post(stack.keycloak().replace("localhost", "127.0.0.1") + "/realms/supplyline/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        String payload = new String(Base64.getUrlDecoder().decode(viaLoopbackAddress.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"iss\":\"" + stack.keycloak() + "/realms/supplyline\""), payload);
        for (String url : protectedUrls()) {
            given().auth().oauth2(viaLoopbackAddress).get(url).then().statusCode(200);
        }
    }

    @Test
    void forgedUnsignedForeignAndExpiredTokensAreRefusedByEveryService() {
        String real = stack.token("parent1");
        String[] parts = real.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = parts[0] + "." + b64.encodeToString(payload.replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"someone-else\"")
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        String unsigned = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + parts[1] + ".";
        String otherRealm = RestAssured.given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(stack.keycloak() + "/realms/master/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        for (String url : protectedUrls()) {
            given().auth().oauth2(real).get(url).then().statusCode(200);
            for (String bad : List.of(forged, unsigned, otherRealm)) {
                given().auth().oauth2(bad).get(url).then().statusCode(401).contentType("application/problem+json");
            }
        }

        // an expired token: the realm briefly issues 2-second tokens
        String admin = otherRealm;
        Map<String, Object> realm = given().auth().oauth2(admin).get(stack.keycloak() + "/admin/realms/supplyline")
                .then().statusCode(200).extract().as(Map.class);
        Object lifespan = realm.get("accessTokenLifespan");
        String shortLived;
        try {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("accessTokenLifespan", 2))
                    .put(stack.keycloak() + "/admin/realms/supplyline").then().statusCode(204);
            shortLived = stack.token("parent2");
        } finally {
            given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("accessTokenLifespan", lifespan))
                    .put(stack.keycloak() + "/admin/realms/supplyline").then().statusCode(204);
        }
        String expiring = shortLived;
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        for (String url : protectedUrls()) {
            given().auth().oauth2(expiring).get(url).then().statusCode(401);
        }
    }

    /**
     * A token from the same realm and key, for the same user, but issued to another application (its audience is not
     * {@code supplyline-api}): refused, so that a token leaked from any other client of the realm cannot call the API.
     */
    @Test
    void aTokenOfTheSameRealmForAnotherAudienceIsRefusedByEveryService() {
        String admin = RestAssured.given().formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "admin").formParam("password", "admin")
                .post(stack.keycloak() + "/realms/master/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        String otherApp = "other-app-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("clientId", otherApp, "publicClient", true, "directAccessGrantsEnabled", true, "enabled", true))
                .post(stack.keycloak() + "/admin/realms/supplyline/clients").then().statusCode(201);
        String foreign = RestAssured.given().formParam("grant_type", "password").formParam("client_id", otherApp)
                .formParam("username", "parent1").formParam("password", "parent1-dev").formParam("scope", "openid")
                .post(stack.keycloak() + "/realms/supplyline/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        Map<String, Object> claims = claims(foreign);
        Map<String, Object> ours = claims(stack.token("parent1"));
        org.junit.jupiter.api.Assertions.assertEquals(ours.get("iss"), claims.get("iss"), "same realm");
        org.junit.jupiter.api.Assertions.assertEquals(ours.get("sub"), claims.get("sub"), "same user");
        org.junit.jupiter.api.Assertions.assertFalse(String.valueOf(claims.get("aud")).contains("supplyline-api"),
                "another audience: " + claims.get("aud"));
        for (String url : protectedUrls()) {
            given().auth().oauth2(foreign).get(url).then().statusCode(401);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String jwt) {
        byte[] json = Base64.getUrlDecoder().decode(jwt.split("\\.")[1]);
        return io.restassured.path.json.JsonPath.from(new String(json, StandardCharsets.UTF_8)).getMap("$");
    }

    /** One field a client must not set: who sends it, where, in which otherwise valid body, and its JSON path. */
    private record Smuggled(String user, String method, String url, String body, String field) {
    }

    /**
     * Each field a client must not set (owner ids, versions, clinician lists, anywhere in a body) is sent on its own
     * in a body that would otherwise be stored, so that a field let through shows: each is 400 problem+json naming
     * exactly that field's path, and after each every store those endpoints write reads as before. Finally a barrier
     * session of the parent reaches the sessions topic with no record of any refused request before it.
     */
    @Test
    void eachSmuggledOwnerIdVersionAndClinicianListIsRefusedByNameAndStoresNothing() {
        String parent = stack.newUser("parent");
        String clinician = stack.newUser("clinician");
        String parentId = journeys.subject(parent);
        String inviteCode = stack.as(clinician).contentType(ContentType.JSON).body("{\"name\":\"Clinic\"}")
                .post(stack.analytics() + "/api/cohorts").then().statusCode(201).extract().path("inviteCode");
        JsonPath phone = given().post(stack.push() + "/subscriptions").then().statusCode(201).extract().jsonPath();
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).truncatedTo(ChronoUnit.SECONDS);
        String session = "\"type\":\"PUMPING\",\"startedAt\":\"" + start + "\",\"endedAt\":\"" + start.plusMinutes(20)
                + "\",\"leftMl\":60,\"rightMl\":55";
        String checkIn = "\"date\":\"" + LocalDate.now(ZoneOffset.UTC).minusDays(1)
                + "\",\"sleepHours\":6.5,\"waterMl\":1500,\"stress\":2";
        String endpoint = "\"endpoint\":\"" + phone.getString("endpoint") + "\"";
        String keys = "\"p256dh\":\"" + phone.getString("keys.p256dh") + "\",\"auth\":\"" + phone.getString("keys.auth") + "\"";
        String sessions = stack.session() + "/api/sessions";
        String profile = stack.session() + "/api/profile";
        String preferences = stack.notification() + "/api/preferences";
        List<Smuggled> cases = List.of(
                new Smuggled(parent, "POST", sessions, "{" + session + ",\"parentId\":\"someone-else\"}", "parentId"),
                new Smuggled(parent, "POST", sessions, "{" + session + ",\"version\":7}", "version"),
                new Smuggled(parent, "POST", sessions, "{" + session + ",\"id\":\"" + UUID.randomUUID() + "\"}", "id"),
                new Smuggled(parent, "POST", sessions + "/batch",
                        "{\"items\":[{\"clientId\":\"c1\"," + session + "}],\"parentId\":\"someone-else\"}", "parentId"),
                new Smuggled(parent, "PUT", profile,
                        "{\"timezone\":\"Europe/Paris\",\"preferredUnit\":\"ML\",\"parentId\":\"someone-else\"}", "parentId"),
                new Smuggled(parent, "PUT", profile, "{\"timezone\":\"Europe/Paris\",\"preferredUnit\":\"ML\",\"version\":3}",
                        "version"),
                new Smuggled(parent, "POST", stack.session() + "/api/check-ins",
                        "{" + checkIn + ",\"parentId\":\"someone-else\"}", "parentId"),
                new Smuggled(clinician, "POST", stack.analytics() + "/api/cohorts",
                        "{\"name\":\"Smuggled\",\"clinicianId\":\"someone-else\"}", "clinicianId"),
                new Smuggled(parent, "POST", stack.analytics() + "/api/consents",
                        "{\"inviteCode\":\"" + inviteCode + "\",\"parentId\":\"someone-else\"}", "parentId"),
                new Smuggled(parent, "PUT", preferences, "{\"locale\":\"fr\",\"userId\":\"someone-else\"}", "userId"),
                new Smuggled(parent, "PUT", preferences, "{\"locale\":\"fr\",\"previousStatus\":\"STABLE\"}", "previousStatus"),
                new Smuggled(parent, "PUT", preferences, "{\"locale\":\"fr\",\"clinicianIds\":[\"someone-else\"]}",
                        "clinicianIds"),
                new Smuggled(clinician, "PUT", preferences, "{\"locale\":\"fr\",\"clinicianIds\":[\"someone-else\"]}",
                        "clinicianIds"),
                new Smuggled(parent, "PUT", preferences,
                        "{\"locale\":\"fr\",\"quietHours\":{\"start\":\"22:00\",\"end\":\"06:00\",\"userId\":\"someone-else\"}}",
                        "quietHours.userId"),
                new Smuggled(parent, "POST", stack.notification() + "/api/push/subscriptions",
                        "{" + endpoint + ",\"keys\":{" + keys + "},\"userId\":\"someone-else\"}", "userId"),
                new Smuggled(parent, "POST", stack.notification() + "/api/push/subscriptions",
                        "{" + endpoint + ",\"keys\":{" + keys + ",\"userId\":\"someone-else\"}}", "keys.userId"));

        Map<String, String> before = stores(parent, clinician);
        for (Smuggled s : cases) {
            String what = s.field() + " smuggled into " + s.method() + " " + s.url();
            Response response = stack.as(s.user()).contentType(ContentType.JSON).body(s.body()).request(s.method(), s.url());
            assertEquals(400, response.statusCode(), what + ": " + response.asString());
            assertTrue(response.contentType().startsWith("application/problem+json"), what + ": " + response.contentType());
            assertEquals(List.of(s.field()), response.jsonPath().getList("errors.field"), what + ": " + response.asString());
            assertTrue(response.jsonPath().getString("detail").contains(s.field().substring(s.field().lastIndexOf('.') + 1)),
                    what + ": " + response.asString());
            assertEquals(before, stores(parent, clinician), "a store changed after the refused " + what);
        }

        // in an offline sync the item is refused on its own, by its path, and stored neither
        Response batch = stack.as(parent).contentType(ContentType.JSON)
                .body("{\"items\":[{\"clientId\":\"c2\"," + session + ",\"parentId\":\"someone-else\"}]}")
                .post(sessions + "/batch");
        assertEquals(200, batch.statusCode(), batch.asString());
        assertEquals(List.of(400), batch.jsonPath().getList("results.status"), batch.asString());
        assertEquals(List.of("items[0].parentId"), batch.jsonPath().getList("results[0].problem.errors.field"), batch.asString());
        assertEquals(before, stores(parent, clinician), "a store changed after the refused item of a batch");

        // nor did any of them reach Kafka: a barrier session of the parent is on the topic after anything they wrote
        String barrier = stack.as(parent).contentType(ContentType.JSON).body("{" + session + "}").post(sessions)
                .then().statusCode(201).extract().jsonPath().getString("id");
        List<ConsumerRecord<String, String>> records = SessionTopicRecords.untilBarriers(stack, Map.of(parentId, barrier),
                Duration.ofSeconds(60)).get(parentId);
        assertEquals(List.of(), records.stream().filter(r -> !barrier.equals(SessionTopicRecords.sessionId(r)))
                .map(ConsumerRecord::value).toList(), "records of refused requests on " + Topics.SESSIONS);
    }

    /**
     * What the two users read of every store the smuggled requests could write: sessions, check-ins and the profile
     * (session-service), consents and cohorts with their patient counts (analytics-service), preferences,
     * push subscriptions and inbox (notification-service).
     */
    private static Map<String, String> stores(String parent, String clinician) {
        Map<String, String> seen = new LinkedHashMap<>();
        for (String url : List.of(stack.session() + "/api/sessions", stack.session() + "/api/check-ins",
                stack.session() + "/api/profile", stack.analytics() + "/api/consents",
                stack.notification() + "/api/preferences", stack.notification() + "/api/push/subscriptions",
                stack.notification() + "/api/notifications")) {
            seen.put("parent: " + url, stack.as(parent).get(url).then().statusCode(200).extract().asString());
        }
        for (String url : List.of(stack.analytics() + "/api/cohorts", stack.notification() + "/api/preferences",
                stack.notification() + "/api/push/subscriptions", stack.notification() + "/api/notifications")) {
            seen.put("clinician: " + url, stack.as(clinician).get(url).then().statusCode(200).extract().asString());
        }
        return seen;
    }
}
