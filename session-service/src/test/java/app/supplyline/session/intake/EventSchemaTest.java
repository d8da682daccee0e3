package app.supplyline.session.intake;

import app.supplyline.local.testing.EventSchemas;
import app.supplyline.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every event the service publishes is valid against the JSON Schema this module owns for its type. */
@QuarkusTest
public class EventSchemaTest {

    public static final EventSchemas SCHEMAS = EventSchemas.load(Path.of("src/main/resources/schemas"));

    @Test
    void everyPublishedEventMatchesTheSchemaOfItsType() {
        String parentId = UUID.randomUUID().toString();
        String token = TestTokens.token(parentId, "parent");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.HOURS);
        String pumping = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(SessionResourceTest.pumping(start, 20, "60", "55.5")).post("/api/sessions")
                .then().statusCode(201).extract().path("id");
        String nursing = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"type\":\"NURSING\",\"startedAt\":\"" + start.plus(2, ChronoUnit.HOURS) + "\",\"endedAt\":\""
                        + start.plus(135, ChronoUnit.MINUTES) + "\",\"side\":\"BOTH\",\"notes\":\"sleepy latch\"}")
                .post("/api/sessions").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).header("If-Match", "\"1\"").contentType(ContentType.JSON)
                .body(SessionResourceTest.pumping(start, 25, "0", "70")).put("/api/sessions/" + pumping)
                .then().statusCode(200);
        given().auth().oauth2(token).delete("/api/sessions/" + nursing).then().statusCode(204);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"timezone":"Europe/Paris","babyBirthDate":"%s","feedingMode":"EXCLUSIVELY_PUMPING",
                 "reducingOnPurpose":true,"preferredUnit":"OZ",
                 "dailyGoalMl":750}""".formatted(LocalDate.now().minusWeeks(3)))
                .put("/api/profile").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"date":"%s","sleepHours":5.5,"waterMl":2200,"stress":4,"notes":"short night"}"""
                .formatted(LocalDate.now().minusDays(1))).post("/api/check-ins").then().statusCode(201);

        List<ConsumerRecord<String, String>> records = SessionsTopic.recordsBeforeBarrier(parentId, token, 6);
        assertEquals(6, records.size(), "one record per change, none twice");
        Set<String> types = records.stream().map(r -> SessionsTopic.header(r, "ce_type")).collect(Collectors.toSet());
        // ParentErased ends the parent's stream: AccountErasureTest checks it against its schema
        assertEquals(SCHEMAS.types().stream().filter(t -> !t.equals("common") && !t.endsWith("parent-erased.v1"))
                .collect(Collectors.toSet()), types, "one published event of every type that has a schema");
        for (ConsumerRecord<String, String> r : records) {
            String type = SessionsTopic.header(r, "ce_type");
            assertEquals(List.of(), SCHEMAS.errors(type, r.value()), type + ": " + r.value());
        }
        JsonObject profileUpdated = records.stream()
                .filter(r -> SessionsTopic.header(r, "ce_type").equals("app.supplyline.session.profile-updated.v1"))
                .map(r -> new JsonObject(r.value())).findFirst().orElseThrow();
        assertEquals(3, profileUpdated.getInteger("schemaVersion"));
        assertFalse(profileUpdated.getJsonObject("profile").containsKey("babyBirthDate"), "the birth date is sealed");
        assertTrue(profileUpdated.containsKey("personal"));
        assertEquals(true, profileUpdated.getJsonObject("profile").getBoolean("reducingOnPurpose"));
    }

    @Test
    void theSchemasRefuseEventsThatDriftFromThem() {
        String valid = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", "p-1")
                .put("version", 1).put("type", "app.supplyline.session.pumping-logged.v1").put("schemaVersion", 1)
                .put("occurredAt", "2026-11-27T07:00:00Z").put("recordedAt", "2026-11-27T07:00:01Z")
                .put("sessionId", UUID.randomUUID().toString())
                .put("session", new JsonObject().put("type", "PUMPING").put("startedAt", "2026-11-27T06:40:00Z")
                        .put("endedAt", "2026-11-27T07:00:00Z").put("leftMl", 60.0))
                .encode();
        String type = "app.supplyline.session.pumping-logged.v1";
        assertEquals(List.of(), SCHEMAS.errors(type, valid));
        JsonObject extraField = new JsonObject(valid).put("mood", "tired");
        JsonObject noVolume = new JsonObject(valid);
        noVolume.getJsonObject("session").remove("leftMl");
        JsonObject noEnvelope = new JsonObject(valid);
        noEnvelope.remove("eventId");
        JsonObject nursingSide = new JsonObject(valid);
        nursingSide.getJsonObject("session").put("side", "LEFT");
        for (JsonObject drifted : List.of(extraField, noVolume, noEnvelope, nursingSide)) {
            assertFalse(SCHEMAS.errors(type, drifted.encode()).isEmpty(), "refused: " + drifted.encode());
        }
        assertTrue(SCHEMAS.errors("app.supplyline.session.unknown.v1", valid).get(0).startsWith("no schema"));
        assertFalse(SCHEMAS.errors(type, new JsonObject(valid).put("schemaVersion", 3).encode()).isEmpty(),
                "pumping-logged has only versions 1 and 2");
    }

    @Test
    void theProfileSchemaTakesVersionOneWithoutReducingOnPurposeAndVersionTwoWithIt() {
        String type = "app.supplyline.session.profile-updated.v1";
        JsonObject v1 = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", "p-1")
                .put("version", 3).put("type", type).put("schemaVersion", 1)
                .put("occurredAt", "2026-11-27T07:00:00Z").put("recordedAt", "2026-11-27T07:00:01Z")
                .put("profile", new JsonObject().put("timezone", "Europe/Paris").put("feedingMode", "MIXED")
                        .put("preferredUnit", "ML"));
        JsonObject v2 = v1.copy().put("schemaVersion", 2);
        v2.getJsonObject("profile").put("reducingOnPurpose", true);
        assertEquals(List.of(), SCHEMAS.errors(type, v1.encode()));
        assertEquals(List.of(), SCHEMAS.errors(type, v2.encode()));
        JsonObject notABoolean = v2.copy();
        notABoolean.getJsonObject("profile").put("reducingOnPurpose", "yes");
        JsonObject unknownVersion = v2.copy().put("schemaVersion", 4);
        for (JsonObject drifted : List.of(notABoolean, unknownVersion)) {
            assertFalse(SCHEMAS.errors(type, drifted.encode()).isEmpty(), "refused: " + drifted.encode());
        }
    }
}
