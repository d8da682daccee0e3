package app.supplyline.session;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

@QuarkusTest
class ReadinessTest {

    @Test
    void readyWhenTheRealDatabaseAndKafkaBrokerAnswer() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Reactive PostgreSQL connections health check",
                        "Kafka connection health check"))
                .body("checks.status", hasItem("UP"));
    }

    @Test
    void servesOpenApiAndPrometheusMetrics() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("info.title", equalTo("Supplyline session-service"));
        given().get("/q/metrics").then().statusCode(200);
    }
}
