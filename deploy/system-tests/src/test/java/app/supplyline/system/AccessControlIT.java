package app.supplyline.system;

import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** Access control with real Keycloak tokens across the three services: owners only, roles, no anonymous. */
class AccessControlIT extends AgainstTheStack {


    @Test
    void anotherParentsSessionIsNotFoundAndRolesStayInTheirLane() {
        OffsetDateTime end = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2);
        String id = stack.as("parent1").contentType(ContentType.JSON).body("{\"type\":\"NURSING\",\"startedAt\":\""
                        + end.minusMinutes(15) + "\",\"endedAt\":\"" + end + "\",\"side\":\"LEFT\"}")
                .post(stack.session() + "/api/sessions").then().statusCode(201).extract().path("id");
        stack.as("parent2").get(stack.session() + "/api/sessions/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        stack.as("parent2").delete(stack.session() + "/api/sessions/" + id).then().statusCode(404);
        stack.as("parent1").get(stack.session() + "/api/sessions/" + id).then().statusCode(200).body("id", equalTo(id));

        for (String url : List.of(stack.session() + "/api/sessions", stack.analytics() + "/api/trends/me",
                stack.notification() + "/api/notifications")) {
            given().get(url).then().statusCode(401);
            given().auth().oauth2(stack.token("parent1") + "x").get(url).then().statusCode(401);
        }
        stack.as("clinician1").get(stack.session() + "/api/sessions").then().statusCode(403);
        stack.as("clinician1").get(stack.analytics() + "/api/trends/me").then().statusCode(403);
        stack.as("parent1").get(stack.analytics() + "/api/cohorts").then().statusCode(403);
        stack.as("parent1").post(stack.analytics() + "/api/admin/rebuild").then().statusCode(403);
        stack.as("admin1").get(stack.analytics() + "/api/admin/rebuild").then().statusCode(200);
    }
}
