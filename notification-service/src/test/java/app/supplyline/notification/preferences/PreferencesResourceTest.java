package app.supplyline.notification.preferences;

import app.supplyline.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** Preferences: defaults, a full update, and every bad field refused with its path while nothing changes. */
@QuarkusTest
class PreferencesResourceTest {

    private final String user = UUID.randomUUID().toString();

    private RequestSpecification parent() {
        return RestAssured.given().auth().oauth2(TestTokens.token(user, "parent"));
    }

    @Test
    void aNewUserHasTheDefaultsAndCanChangeThem() {
        parent().get("/api/preferences").then().statusCode(200)
                .body("remindersEnabled", equalTo(true)).body("reminderIntervalMinutes", equalTo(180))
                .body("nightIntervalMinutes", equalTo(240)).body("quietHours", nullValue())
                .body("locale", equalTo("en")).body("channels", contains("WEB_PUSH", "INBOX"));
        parent().contentType(ContentType.JSON).body("""
                {"remindersEnabled":true,"reminderIntervalMinutes":150,"nightIntervalMinutes":300,
                 "quietHours":{"start":"22:30","end":"06:00"},"locale":"fr","channels":["INBOX"]}""")
                .put("/api/preferences").then().statusCode(200)
                .body("reminderIntervalMinutes", equalTo(150)).body("quietHours.start", equalTo("22:30"));
        parent().get("/api/preferences").then().statusCode(200)
                .body("nightIntervalMinutes", equalTo(300)).body("quietHours.end", equalTo("06:00"))
                .body("locale", equalTo("fr")).body("channels", contains("INBOX"));
    }

    @Test
    void badInputNamesTheFieldAndChangesNothing() {
        parent().contentType(ContentType.JSON).body("{\"reminderIntervalMinutes\":120}").put("/api/preferences")
                .then().statusCode(200);
        Map<String, String> cases = Map.ofEntries(
                Map.entry("{\"reminderIntervalMinutes\":59}", "reminderIntervalMinutes"),
                Map.entry("{\"nightIntervalMinutes\":481}", "nightIntervalMinutes"),
                Map.entry("{\"quietHours\":{\"start\":\"25:00\",\"end\":\"06:00\"}}", "quietHours.start"),
                Map.entry("{\"quietHours\":{\"start\":\"22:00\"}}", "quietHours.end"),
                Map.entry("{\"quietHours\":{\"start\":\"22:00\",\"end\":\"22:00\"}}", "quietHours.end"),
                Map.entry("{\"locale\":\"de\"}", "locale"),
                Map.entry("{\"channels\":[\"INBOX\",\"SMS\"]}", "channels[1]"),
                Map.entry("{\"channels\":[\"INBOX\",null]}", "channels[1]"),
                Map.entry("{\"timezone\":\"+01:00\"}", "timezone"),
                Map.entry("{\"timezone\":\"Europe/" + "x".repeat(64) + "\"}", "timezone"),
                Map.entry("{\"reminderIntervalMinutes\":\"often\"}", "reminderIntervalMinutes"),
                Map.entry("{\"colour\":\"blue\"}", "colour"));
        cases.forEach((body, field) -> parent().contentType(ContentType.JSON).body(body).put("/api/preferences")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field)));
        parent().get("/api/preferences").then().statusCode(200).body("reminderIntervalMinutes", equalTo(120))
                .body("locale", equalTo("en"));
    }
}
