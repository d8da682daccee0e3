package app.supplyline.system;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tokens every service must refuse (a forged payload, {@code alg: none}, another realm's token, an expired one), and
 * fields a client must not set (owner ids, versions, clinician lists) refused with their name.
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

    @Test
    void ownerIdsVersionsAndClinicianListsCannotBeSmuggledIntoBodies() {
        String parent = stack.newUser("parent");
        String clinician = stack.newUser("clinician");
        smuggled(stack.as(parent).contentType(ContentType.JSON)
                .body("{\"type\":\"NURSING\",\"startedAt\":\"2026-11-01T10:00:00Z\",\"endedAt\":\"2026-11-01T10:10:00Z\","
                        + "\"side\":\"LEFT\",\"parentId\":\"someone-else\"}")
                .post(stack.session() + "/api/sessions"), "parentId");
        smuggled(stack.as(parent).contentType(ContentType.JSON)
                .body("{\"type\":\"NURSING\",\"startedAt\":\"2026-11-01T10:00:00Z\",\"endedAt\":\"2026-11-01T10:10:00Z\","
                        + "\"side\":\"LEFT\",\"version\":7}")
                .post(stack.session() + "/api/sessions"), "version");
        smuggled(stack.as(clinician).contentType(ContentType.JSON).body("{\"name\":\"x\",\"clinicianId\":\"someone-else\"}")
                .post(stack.analytics() + "/api/cohorts"), "clinicianId");
        smuggled(stack.as(parent).contentType(ContentType.JSON).body("{\"inviteCode\":\"ABCDE-FGHJK\",\"parentId\":\"x\"}")
                .post(stack.analytics() + "/api/consents"), "parentId");
        smuggled(stack.as(parent).contentType(ContentType.JSON).body("{\"locale\":\"en\",\"userId\":\"someone-else\"}")
                .put(stack.notification() + "/api/preferences"), "userId");
        smuggled(stack.as(parent).contentType(ContentType.JSON).body("{\"previousStatus\":\"STABLE\",\"clinicianIds\":[\"x\"]}")
                .put(stack.notification() + "/api/preferences"), "previousStatus");
        stack.as(parent).get(stack.session() + "/api/sessions").then().statusCode(200).body("items.size()", equalTo(0));
        stack.as(clinician).get(stack.analytics() + "/api/cohorts").then().statusCode(200).body("items.size()", equalTo(0));
    }

    private static void smuggled(io.restassured.response.Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }
}
