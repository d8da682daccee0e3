package app.supplyline.notification.ping;

import app.supplyline.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class PingResourceTest {

    private final String parentId = UUID.randomUUID().toString();

    @Test
    void acceptsAParentTokenAndAnswersWithItsSubjectAndRoles() {
        given().auth().oauth2(TestTokens.token(parentId, "parent"))
                .when().get("/api/ping")
                .then().statusCode(200)
                .body("service", equalTo(PingResource.SERVICE))
                .body("subject", equalTo(parentId))
                .body("roles", contains("parent"));
    }

    @Test
    void acceptsClinicianAndAdminTokens() {
        given().auth().oauth2(TestTokens.token(parentId, "clinician")).get("/api/ping").then().statusCode(200)
                .body("roles", contains("clinician"));
        given().auth().oauth2(TestTokens.token(parentId, "admin")).get("/api/ping").then().statusCode(200);
    }

    @Test
    void answers401WithoutAToken() {
        given().when().get("/api/ping").then().statusCode(401);
    }

    @Test
    void answers403ToATokenWithoutASupplylineRole() {
        given().auth().oauth2(TestTokens.token(parentId, "offline_access")).get("/api/ping").then().statusCode(403);
    }

    @Test
    void answers401ToTokensItMustNotTrust() {
        String expired = TestTokens.sign(TestTokens.claims(parentId, "parent")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800)));
        String wrongAudience = TestTokens.sign(TestTokens.claims(parentId, "parent").audience("another-api"));
        String wrongIssuer = TestTokens.sign(TestTokens.claims(parentId, "parent").issuer("https://evil.example.com"));
        String foreignKey = TestTokens.signWithForeignKey(TestTokens.claims(parentId, "parent"));
        String[] parts = TestTokens.token(parentId, "parent").split("\\.");
        String unsigned = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "." + parts[1] + ".";
        for (String token : new String[] {expired, wrongAudience, wrongIssuer, foreignKey, unsigned, "not-a-jwt"}) {
            given().auth().oauth2(token).get("/api/ping").then().statusCode(401);
        }
    }
}
