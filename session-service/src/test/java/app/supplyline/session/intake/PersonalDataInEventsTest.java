package app.supplyline.session.intake;

import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.TestTokens;
import app.supplyline.platform.keys.KeyTopic;
import app.supplyline.platform.keys.PersonalFields;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What of a parent's journal is readable outside the session-service (ADR-010): notes never leave it, the other
 * personal fields are sealed under the parent's data key, which is on the keys topic before the parent's events.
 */
@QuarkusTest
class PersonalDataInEventsTest {

    static final String NOTE = "nipple pain after the 3 am pumping";
    static final String CHECK_IN_NOTE = "slept badly, baby teething";
    static final String PUMP = "Elvie Stride prototype";

    @Inject
    AgroalDataSource db;
    @Inject
    KeyTopic keyTopic;

    private final String parentId = UUID.randomUUID().toString();
    private final String token = TestTokens.token(parentId, "parent");
    private final Instant morning = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.HOURS);
    private final LocalDate birth = LocalDate.now().minusDays(23);

    @Test
    void notesNeverLeaveAndPersonalFieldsAreSealedUnderTheParentsKey() throws SQLException {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":50,"rightMl":45,"pump":"%s",
                 "notes":"%s"}""".formatted(morning, morning.plus(20, ChronoUnit.MINUTES), PUMP, NOTE))
                .post("/api/sessions").then().statusCode(201);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"timezone":"Europe/Paris","babyBirthDate":"%s","preferredUnit":"ML"}""".formatted(birth))
                .put("/api/profile").then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"date":"%s","sleepHours":4.5,"waterMl":1800,"stress":4,"notes":"%s"}"""
                .formatted(LocalDate.now().minusDays(1), CHECK_IN_NOTE)).post("/api/check-ins").then().statusCode(201);

        List<ConsumerRecord<String, String>> records = SessionsTopic.recordsBeforeBarrier(parentId, token, 3);
        assertEquals(3, records.size());
        SecretKey key = keyTopic.unwrap(parentId, keyRecord(parentId));
        List<JsonObject> opened = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            for (String secret : List.of(NOTE, CHECK_IN_NOTE, PUMP, birth.toString(), "\"sleepHours\"", "\"stress\"")) {
                assertFalse(r.value().contains(secret), secret + " in clear in " + r.value());
            }
            JsonObject event = new JsonObject(r.value());
            opened.add(PersonalFields.open(event, key,
                    PersonalFields.associatedData(parentId, event.getString("eventId"))));
        }
        assertEquals(PUMP, opened.get(0).getJsonObject("session").getString("pump"));
        assertFalse(opened.get(0).getJsonObject("session").containsKey("notes"), "notes are never in events");
        assertEquals(birth.toString(), opened.get(1).getJsonObject("profile").getString("babyBirthDate"));
        JsonObject checkIn = opened.get(2).getJsonObject("checkIn");
        assertEquals(4.5, checkIn.getDouble("sleepHours"));
        assertEquals(1800, checkIn.getInteger("waterMl"));
        assertEquals(4, checkIn.getInteger("stress"));
        assertFalse(checkIn.containsKey("notes"));

        // the journal holds what was published; the parent's own tables keep their notes for the app and export
        try (Connection c = db.getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT data::text FROM journal_event WHERE parent_id = '" + parentId + "'")) {
            int events = 0;
            while (rs.next()) {
                events++;
                assertFalse(rs.getString(1).contains(NOTE) || rs.getString(1).contains(PUMP), rs.getString(1));
            }
            assertEquals(4, events, "three changes and the barrier");
        }
        given().auth().oauth2(token).get("/api/sessions").then().statusCode(200)
                .body("items[0].notes", org.hamcrest.Matchers.equalTo(NOTE));
    }

    /**
     * Deleting a session removes its notes (and pump) for good: from the session's row and from the answer kept for
     * its Idempotency-Key, never having been in an event. A repeat of the create still answers, without them, and
     * creates nothing.
     */
    @Test
    void aDeletedSessionsNotesAreGoneForGood() throws SQLException {
        String key = "phone-" + UUID.randomUUID();
        String body = """
                {"type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":50,"rightMl":45,"pump":"%s",
                 "notes":"%s"}""".formatted(morning, morning.plus(20, ChronoUnit.MINUTES), PUMP, NOTE);
        String id = given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/sessions").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).delete("/api/sessions/" + id).then().statusCode(204);

        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT (SELECT string_agg(s::text, '|') FROM session s WHERE parent_id = '" + parentId + "')"
                        + " || (SELECT string_agg(i::text, '|') FROM idempotency_key i WHERE parent_id = '" + parentId + "')"
                        + " || (SELECT string_agg(e::text, '|') FROM journal_event e WHERE parent_id = '" + parentId + "')")) {
            assertTrue(rs.next());
            assertFalse(rs.getString(1).contains(NOTE) || rs.getString(1).contains(PUMP), rs.getString(1));
        }
        given().auth().oauth2(token).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/sessions").then().statusCode(201)
                .body("id", org.hamcrest.Matchers.equalTo(id)).body("notes", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(token).get("/api/sessions").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(0));
    }

    /** The parent's key record on the keys topic (it is there before any of their events). */
    static String keyRecord(String parentId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(KeyTopic.TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            String found = null;
            Instant until = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (parentId.equals(r.key())) {
                        found = r.value();
                    }
                }
            }
            assertTrue(found != null, "the parent's key is on " + KeyTopic.TOPIC);
            return found;
        }
    }
}
