package app.supplyline.local.testing;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;

/**
 * What every Supplyline service must do, whatever its domain: be ready only when its real database and Kafka
 * broker answer, publish OpenAPI and metrics, and trust exactly the tokens of the supplyline realm. A service runs
 * it as a {@code @QuarkusTest} subclass, so its own configuration is what is proven.
 */
public abstract class ServiceContract {

    private final String parentId = UUID.randomUUID().toString();

    /** The service's {@code quarkus.application.name}, e.g. {@code session-service}. */
    protected abstract String serviceName();

    /**
     * The checks readiness must contain: the database and, by default, Kafka. A service whose requests do not need
     * Kafka (the session-service writes to its outbox) leaves Kafka out, so that an outage does not take it down.
     */
    protected String[] readinessChecks() {
        return new String[] {"Reactive PostgreSQL connections health check", "Database connections health check",
                "Kafka connection health check"};
    }

    @Test
    void readyWhenItsRealDatabaseAndBrokerAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(readinessChecks()))
                .body("checks.status", everyItem(equalTo("UP")));
    }

    @Test
    void servesOpenApiAndPrometheusMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("info.title", equalTo("Supplyline " + serviceName()));
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void pingAcceptsAParentTokenAndAnswersWithItsSubAndRoles() {
        given().auth().oauth2(TestTokens.token(parentId, "parent"))
                .when().get("/api/ping")
                .then().statusCode(200)
                .body("service", equalTo(serviceName()))
                .body("subject", equalTo(parentId))
                .body("roles", contains("parent"));
    }

    @Test
    void pingAcceptsClinicianAndAdminTokens() {
        given().auth().oauth2(TestTokens.token(parentId, "clinician")).get("/api/ping").then().statusCode(200)
                .body("roles", contains("clinician"));
        given().auth().oauth2(TestTokens.token(parentId, "admin")).get("/api/ping").then().statusCode(200)
                .body("roles", contains("admin"));
    }

    @Test
    void pingAnswers401WithoutAToken() {
        given().when().get("/api/ping").then().statusCode(401);
    }

    @Test
    void pingAnswers403ToATokenWithoutASupplylineRole() {
        given().auth().oauth2(TestTokens.token(parentId, "offline_access")).get("/api/ping").then().statusCode(403);
    }

    @Test
    void pingAnswers401ToTokensItMustNotTrust() {
        String expired = TestTokens.sign(TestTokens.claims(parentId, "parent")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(1800)));
        String wrongAudience = TestTokens.sign(TestTokens.claims(parentId, "parent").audience("another-api"));
        String wrongIssuer = TestTokens.sign(TestTokens.claims(parentId, "parent").issuer("https://evil.example.com"));
        String foreignKey = TestTokens.signWithForeignKey(TestTokens.claims(parentId, "parent"));
        String unsigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + TestTokens.token(parentId, "parent").split("\\.")[1] + ".";
        for (String token : new String[] {expired, wrongAudience, wrongIssuer, foreignKey, unsigned, "not-a-jwt"}) {
            given().auth().oauth2(token).get("/api/ping").then().statusCode(401);
        }
    }
}
