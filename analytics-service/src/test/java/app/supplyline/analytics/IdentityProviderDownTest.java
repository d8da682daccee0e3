package app.supplyline.analytics;

import app.supplyline.local.Ports;
import app.supplyline.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** When the identity provider cannot be reached, a request with a token gets 503 problem+json, not a 500. */
@QuarkusTest
@TestProfile(IdentityProviderDownTest.ProviderAway.class)
class IdentityProviderDownTest {

    /** The OIDC server is a port where nothing listens. */
    public static class ProviderAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.auth-server-url", "http://localhost:" + Ports.freePort() + "/realms/supplyline");
        }
    }

    @Test
    void answers503WithRetryAfter() {
        given().auth().oauth2(TestTokens.token(UUID.randomUUID().toString(), "parent")).get("/api/ping")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5").body("status", equalTo(503));
    }
}
