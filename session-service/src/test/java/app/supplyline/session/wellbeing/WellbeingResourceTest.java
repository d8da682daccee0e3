package app.supplyline.session.wellbeing;

import app.supplyline.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
class WellbeingResourceTest {

    private final String parentId = UUID.randomUUID().toString();
    private final String token = TestTokens.token(parentId, "parent");

    @Test
    void aNewParentSeesTheDefaultProfileAndCanSetTheirs() {
        given().auth().oauth2(token).get("/api/profile").then().statusCode(200)
                .body("timezone", equalTo("UTC")).body("preferredUnit", equalTo("ML"))
                .body("reducingOnPurpose", equalTo(false)).body("version", equalTo(0));
        LocalDate birth = LocalDate.now().minusDays(10);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"timezone":"America/Montreal","babyBirthDate":"%s","feedingMode":"MIXED","reducingOnPurpose":true,
                 "dailyGoalMl":600}""".formatted(birth)).put("/api/profile")
                .then().statusCode(200).header("ETag", "\"1\"").body("preferredUnit", equalTo("ML"))
                .body("reducingOnPurpose", equalTo(true));
        given().auth().oauth2(token).get("/api/profile").then().statusCode(200)
                .body("timezone", equalTo("America/Montreal")).body("babyBirthDate", equalTo(birth.toString()))
                .body("feedingMode", equalTo("MIXED")).body("reducingOnPurpose", equalTo(true))
                .body("dailyGoalMl", equalTo(600)).body("version", equalTo(1));
        given().auth().oauth2(TestTokens.token(UUID.randomUUID().toString(), "parent")).get("/api/profile")
                .then().body("timezone", equalTo("UTC"));
    }

    @Test
    void aProfileWithoutReducingOnPurposeIsNotReducing() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"timezone":"Europe/Paris","feedingMode":"EXCLUSIVELY_PUMPING","reducingOnPurpose":true}""")
                .put("/api/profile").then().statusCode(200).body("reducingOnPurpose", equalTo(true));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"timezone":"Europe/Paris","feedingMode":"EXCLUSIVELY_PUMPING"}""")
                .put("/api/profile").then().statusCode(200).header("ETag", "\"2\"");
        given().auth().oauth2(token).get("/api/profile").then().statusCode(200)
                .body("feedingMode", equalTo("EXCLUSIVELY_PUMPING")).body("reducingOnPurpose", equalTo(false))
                .body("version", equalTo(2));
    }

    @Test
    void refusesAnInvalidProfileAndKeepsTheOldOne() {
        for (String[] bad : new String[][] {
                {"{\"timezone\":\"Mars/Olympus_Mons\"}", "timezone"},
                {"{\"timezone\":\"+02:00\"}", "timezone"},
                {"{\"timezone\":\"UTC\",\"dailyGoalMl\":50}", "dailyGoalMl"},
                {"{\"timezone\":\"UTC\",\"dailyGoalMl\":2001}", "dailyGoalMl"},
                {"{\"timezone\":\"UTC\",\"dailyGoalMl\":1e1000000}", "dailyGoalMl"},
                {"{\"timezone\":\"UTC\",\"dailyGoalMl\":600.5}", "dailyGoalMl"},
                {"{\"timezone\":\"UTC\",\"dailyGoalMl\":" + "1".repeat(10_000) + "}", "dailyGoalMl"},
                {"{\"timezone\":\"UTC\",\"babyBirthDate\":\"" + LocalDate.now().plusDays(3) + "\"}", "babyBirthDate"},
                {"{\"timezone\":\"UTC\",\"feedingMode\":\"BOTTLE\"}", "feedingMode"},
                {"{\"timezone\":\"UTC\",\"reducingOnPurpose\":\"yes\"}", "reducingOnPurpose"},
                {"{\"timezone\":\"UTC\",\"reducingOnPurpose\":\"true\"}", "reducingOnPurpose"},
                {"{\"timezone\":\"UTC\",\"reducingOnPurpose\":1}", "reducingOnPurpose"},
                {"{\"timezone\":\"UTC\",\"parentId\":\"someone\"}", "parentId"}}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(bad[0]).put("/api/profile")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(bad[1]));
        }
        given().auth().oauth2(token).get("/api/profile").then().body("version", equalTo(0))
                .body("reducingOnPurpose", equalTo(false));
    }

    @Test
    void oneCheckInPerLocalDateASecondOneCorrectsIt() {
        LocalDate yesterday = LocalDate.now(ZoneId.of("UTC")).minusDays(1);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"date\":\"" + yesterday + "\",\"sleepHours\":4.5,\"stress\":4}").post("/api/check-ins")
                .then().statusCode(201).body("sleepHours", equalTo(4.5f));
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"date\":\"" + yesterday + "\",\"sleepHours\":6,\"waterMl\":2000,\"stress\":2}")
                .post("/api/check-ins").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"date\":\"" + yesterday.minusDays(1) + "\",\"waterMl\":1500}").post("/api/check-ins")
                .then().statusCode(201);
        given().auth().oauth2(token).queryParam("limit", 1).get("/api/check-ins").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].date", equalTo(yesterday.toString()))
                .body("items[0].sleepHours", equalTo(6.0f)).body("items[0].stress", equalTo(2))
                .body("nextCursor", equalTo(yesterday.toString()));
        given().auth().oauth2(token).queryParam("cursor", yesterday.toString()).get("/api/check-ins").then()
                .body("items.size()", equalTo(1)).body("items[0].waterMl", equalTo(1500)).body("nextCursor", nullValue());
    }

    @Test
    void refusesInvalidCheckIns() {
        LocalDate today = LocalDate.now(ZoneId.of("UTC"));
        for (String[] bad : new String[][] {
                {"{\"date\":\"" + today.plusDays(2) + "\",\"stress\":3}", "date"},
                {"{\"stress\":3}", "date"},
                {"{\"date\":\"" + today.minusDays(1) + "\",\"stress\":6}", "stress"},
                {"{\"date\":\"" + today.minusDays(1) + "\",\"stress\":0}", "stress"},
                {"{\"date\":\"" + today.minusDays(1) + "\",\"sleepHours\":25}", "sleepHours"},
                {"{\"date\":\"" + today.minusDays(1) + "\",\"waterMl\":-1}", "waterMl"},
                {"{\"date\":\"" + today.minusDays(1) + "\",\"sleepHours\":1e1000000}", "sleepHours"},
                {"{\"date\":\"" + today.minusDays(1) + "\",\"sleepHours\":1e-1000000}", "sleepHours"},
                {"{\"date\":\"" + today.minusDays(1) + "\",\"stress\":2.5}", "stress"},
                {"{\"date\":\"" + today.minusDays(1) + "\",\"waterMl\":" + "9".repeat(10_000) + "}", "waterMl"},
                {"{\"date\":\"" + today.minusDays(1) + "\"}", "sleepHours"},
                {"{\"date\":\"" + today.minusDays(1) + "\",\"stress\":3,\"notes\":\"" + "n".repeat(1001) + "\"}", "notes"},
                {"{\"date\":\"2026-02-30\",\"stress\":3}", "date"}}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(bad[0]).post("/api/check-ins")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(bad[1]));
        }
        given().auth().oauth2(token).get("/api/check-ins").then().body("items.size()", equalTo(0));
    }
}
