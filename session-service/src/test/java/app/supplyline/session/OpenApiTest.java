package app.supplyline.session;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document lists every endpoint with its schemas and its problem+json error responses. */
@QuarkusTest
class OpenApiTest {

    @Test
    void documentsEveryEndpointWithItsErrorResponses() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        for (String path : List.of("/api/sessions", "/api/sessions/batch", "/api/sessions/{id}", "/api/profile",
                "/api/check-ins", "/api/export", "/api/ping")) {
            assertTrue(paths.containsKey(path), "documented: " + path);
        }
        assertEquals(Map.of("get", true, "put", true, "delete", true), Map.of(
                "get", paths.get("/api/sessions/{id}").containsKey("get"),
                "put", paths.get("/api/sessions/{id}").containsKey("put"),
                "delete", paths.get("/api/sessions/{id}").containsKey("delete")));
        String problem = "#/components/schemas/Problem";
        assertEquals(problem, doc.getString("paths.'/api/sessions'.post.responses.'400'.content.'application/problem+json'.schema.'$ref'"));
        for (String status : List.of("400", "401", "403", "409", "413", "415", "422", "429", "500")) {
            assertNotNull(doc.get("paths.'/api/sessions'.post.responses.'" + status + "'"), "POST /api/sessions " + status);
        }
        for (String status : List.of("404", "412", "428")) {
            assertNotNull(doc.get("paths.'/api/sessions/{id}'.put.responses.'" + status + "'"), "PUT " + status);
        }
        assertNotNull(doc.get("components.schemas.Problem.properties.errors"));
        assertEquals(problem, doc.getString("paths.'/api/sessions/{id}'.get.responses.'401'.content.'application/problem+json'.schema.'$ref'"));
        assertEquals("#/components/schemas/SessionView",
                doc.getString("paths.'/api/sessions'.post.responses.'201'.content.'application/json'.schema.'$ref'"));
        assertNotNull(doc.get("paths.'/api/sessions/{id}'.delete.responses.'204'"));
        assertNotNull(doc.get("components.schemas.SessionRequest.properties.startedAt"), "request schemas");
        assertNotNull(doc.get("components.schemas.SessionView.properties.totalMl"), "response schemas");
    }

    @Test
    void swaggerUiIsServedOutsideProduction() {
        // the test profile, like dev and the local stack; ProductionProfileTest has prod
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
