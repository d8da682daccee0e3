package app.supplyline.session;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

/**
 * The service under the {@code prod} configuration profile, its secrets given (the test servers' database, the test
 * issuer, a key-encryption key, the erasure client's secret): Swagger UI is not served, the OpenAPI document and the API are.
 */
@QuarkusTest
@TestProfile(ProductionProfileTest.Production.class)
class ProductionProfileTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // what %test sets for the test issuer; the database comes from PostgresTestResource
            return Map.of("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus/",
                    "quarkus.oidc.token.issuer", "https://server.example.com",
                    "supplyline.keys.kek", "qxLm0b3rSYQ4Yt9n1yZsJkq6yW8Tg2mL7cVb0n5Xf1E=",
                    "supplyline.erasure.client-secret", "a-production-secret");
        }
    }

    @Test
    void swaggerUiIsNotServedInProduction() {
        given().get("/q/swagger-ui/").then().statusCode(404);
        given().get("/q/swagger-ui").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/api/sessions").then().statusCode(401);
    }
}
