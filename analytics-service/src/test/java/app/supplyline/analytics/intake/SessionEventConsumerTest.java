package app.supplyline.analytics.intake;

import app.supplyline.local.testing.DeadLetters;
import app.supplyline.local.testing.EventSchemas;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.Sql;
import app.supplyline.platform.keys.KeyTopic;
import app.supplyline.platform.keys.PersonalFields;
import app.supplyline.platform.keys.Sealing;
import org.eclipse.microprofile.config.ConfigProvider;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session-service's events, as it publishes them, become analytics' projections once each. */
@QuarkusTest
class SessionEventConsumerTest {

    static final String TOPIC = "supplyline.sessions.v1";
    /** The producer's schemas: every example event below must be valid against them (compatibility). */
    static final EventSchemas PRODUCER_SCHEMAS = EventSchemas.load(Path.of("../session-service/src/main/resources/schemas"));

    @Inject
    AgroalDataSource db;

    private KafkaProducer<String, String> producer;
    private final String parentId = UUID.randomUUID().toString();
    private long version;

    @BeforeEach
    void connect() throws Exception {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.broker().bootstrapServers()), new StringSerializer(), new StringSerializer());
        publishKey(parentId);
    }

    /** The parent's data key on the keys topic, as the session-service publishes it before their first event. */
    private void publishKey(String parent) throws Exception {
        KeyTopic keys = new KeyTopic(ConfigProvider.getConfig().getValue("supplyline.keys.kek", String.class), null);
        producer.send(new ProducerRecord<>(KeyTopic.TOPIC, parent, keys.wrap(parent, Sealing.newKey())))
                .get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        producer.close();
    }

    private JsonObject envelope(String type) {
        return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("version", ++version).put("type", type).put("schemaVersion", 1)
                .put("occurredAt", Instant.now().toString()).put("recordedAt", Instant.now().toString());
    }

    private static JsonObject pumping(String start, String end, double left, double right) {
        return new JsonObject().put("type", "PUMPING").put("startedAt", start).put("endedAt", end)
                .put("leftMl", left).put("rightMl", right).put("handsOn", true);
    }

    private void send(JsonObject event) throws Exception {
        assertEquals(List.of(), PRODUCER_SCHEMAS.errors(event.getString("type"), event.encode()),
                "the example is a valid " + event.getString("type"));
        sendRaw(event.encode(), event.getString("eventId"), event.getString("type"));
    }

    private void sendRaw(String body, String id, String type) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, parentId, body);
        record.headers().add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
                .add("ce_id", id.getBytes(StandardCharsets.UTF_8))
                .add("ce_type", type.getBytes(StandardCharsets.UTF_8))
                .add("ce_source", "/supplyline/session-service".getBytes(StandardCharsets.UTF_8))
                .add("ce_subject", parentId.getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    @Test
    void projectsSessionsCorrectionsDeletionsAndProfileOnceEach() throws Exception {
        String sessionId = UUID.randomUUID().toString();
        JsonObject logged = envelope("app.supplyline.session.pumping-logged.v1").put("sessionId", sessionId)
                .put("session", pumping("2026-11-26T06:00:00Z", "2026-11-26T06:20:00Z", 60, 55));
        send(logged);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM removal WHERE parent_id = ?") == 1);

        send(envelope("app.supplyline.session.session-corrected.v1").put("sessionId", sessionId).put("sessionVersion", 2)
                .put("session", pumping("2026-11-26T06:00:00Z", "2026-11-26T06:25:00Z", 70, 55)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM removal WHERE parent_id = ? AND left_ml = 70") == 1);

        // at-least-once: the first event arrives again; it changes nothing (same id, and an older version)
        sendRaw(logged.encode(), logged.getString("eventId"), logged.getString("type"));
        send(envelope("app.supplyline.session.profile-updated.v1")
                .put("profile", new JsonObject().put("timezone", "Europe/Paris").put("preferredUnit", "ML")
                        .put("babyBirthDate", "2026-11-01").put("dailyGoalMl", 750)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM parent_profile WHERE parent_id = ? AND timezone = 'Europe/Paris'") == 1);
        assertEquals(1, count("SELECT count(*) FROM removal WHERE parent_id = ? AND left_ml = 70 AND version = 2"));

        send(envelope("app.supplyline.session.session-deleted.v1").put("sessionId", sessionId).put("sessionVersion", 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM removal WHERE parent_id = ? AND deleted") == 1);
    }

    /**
     * A newer producer: an event type analytics does not know and a known event with a field it does not know. The
     * unknown type is skipped and counted, the known event is applied, and nothing reaches the dead-letter topic.
     */
    @Test
    void eventTypesAndFieldsAnalyticsDoesNotKnowAreSkippedNotDeadLettered() throws Exception {
        String unknownType = "app.supplyline.session.bottle-logged.v1";
        JsonObject newer = envelope(unknownType).put("bottle", new JsonObject().put("ml", 120));
        sendRaw(newer.encode(), newer.getString("eventId"), unknownType);
        JsonObject unknownField = envelope("app.supplyline.session.pumping-logged.v1").put("schemaVersion", 3)
                .put("sessionId", UUID.randomUUID().toString())
                .put("session", pumping("2026-11-26T09:00:00Z", "2026-11-26T09:20:00Z", 40, 45).put("pumpModel", "X1"))
                .put("device", new JsonObject().put("app", "watch"));
        sendRaw(unknownField.encode(), unknownField.getString("eventId"), unknownField.getString("type"));
        producer.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM removal WHERE parent_id = ? AND left_ml = 40") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> skipped(unknownType) >= 1);
        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(), TOPIC + ".analytics-dlq")) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> dead.withKey(parentId).isEmpty());
        }
    }

    /** The counter of skipped events of {@code type}, as Prometheus reads it. */
    private static double skipped(String type) {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("supplyline_events_skipped_total{") && l.contains("type=\"" + type + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextEventStillFlows() throws Exception {
        sendRaw("{this is not json", UUID.randomUUID().toString(), "app.supplyline.session.pumping-logged.v1");
        send(envelope("app.supplyline.session.pumping-logged.v1").put("sessionId", UUID.randomUUID().toString())
                .put("session", pumping("2026-11-26T09:00:00Z", "2026-11-26T09:20:00Z", 40, 45)));
        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM removal WHERE parent_id = ?") == 1);

        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(), TOPIC + ".analytics-dlq")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !dead.withKey(parentId).isEmpty());
            List<DeadLetters.Letter> letters = dead.withKey(parentId);
            assertEquals(1, letters.size());
            assertEquals("{this is not json", letters.get(0).value());
            assertTrue(letters.get(0).reason().startsWith("Not a session event"), letters.get(0).reason());
        }
    }

    @Test
    void anEventTheDatabaseRefusesGoesToTheDeadLetterTopicAfterItsAttemptsAndTheRestOfItsBatchIsApplied() throws Exception {
        // reads as a session event, but the database refuses its data (a CHECK constraint the test adds against one
        // parent id, SQLSTATE 23514, as a constraint a later version adds would): the batch fails, each event is then
        // applied on its own, and only this one is refused, after supplyline.consumer.max-attempts
        String poisoned = "poisoned-" + UUID.randomUUID();
        publishKey(poisoned);
        Sql.execute(db, "ALTER TABLE removal ADD CONSTRAINT refuse_poisoned CHECK (parent_id <> '" + poisoned + "') NOT VALID");
        try {
            JsonObject poison = envelope("app.supplyline.session.pumping-logged.v1").put("parentId", poisoned)
                    .put("sessionId", UUID.randomUUID().toString())
                    .put("session", pumping("2026-11-26T03:00:00Z", "2026-11-26T03:20:00Z", 40, 45));
            sendRaw(poison.encode(), poison.getString("eventId"), poison.getString("type")); // keyed by parentId
            for (int hour = 4; hour <= 5; hour++) {
                send(envelope("app.supplyline.session.pumping-logged.v1").put("sessionId", UUID.randomUUID().toString())
                        .put("session", pumping("2026-11-26T0" + hour + ":00:00Z", "2026-11-26T0" + hour + ":20:00Z", 40, 45)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> count("SELECT count(*) FROM removal WHERE parent_id = ?") == 2);
            try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(), TOPIC + ".analytics-dlq")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> !dead.withKey(parentId).isEmpty());
                List<DeadLetters.Letter> letters = dead.withKey(parentId);
                assertEquals(1, letters.size(), letters.toString());
                assertTrue(letters.get(0).value().contains(poison.getString("eventId")), letters.get(0).value());
                assertTrue(letters.get(0).reason().contains("refuse_poisoned"), letters.get(0).reason());
            }
            assertEquals(0, count("SELECT count(*) FROM processed_event WHERE event_id::text = '" + poison.getString("eventId")
                    + "' AND ? IS NOT NULL"), "the refused event left nothing behind");
        } finally {
            Sql.execute(db, "ALTER TABLE removal DROP CONSTRAINT refuse_poisoned");
        }
    }

    /**
     * A parent without a data key is an erased parent (ADR-010): their events are skipped and counted, never
     * projected, never dead-lettered.
     */
    @Test
    void eventsOfAParentWithoutADataKeyAreSkippedNotProjected() throws Exception {
        String erased = "erased-" + UUID.randomUUID();
        JsonObject event = envelope("app.supplyline.session.pumping-logged.v1").put("parentId", erased)
                .put("sessionId", UUID.randomUUID().toString())
                .put("session", pumping("2026-11-26T03:00:00Z", "2026-11-26T03:20:00Z", 40, 45));
        double before = skippedAsErased();
        sendRaw(event.encode(), event.getString("eventId"), event.getString("type"));
        send(envelope("app.supplyline.session.pumping-logged.v1").put("sessionId", UUID.randomUUID().toString())
                .put("session", pumping("2026-11-26T04:00:00Z", "2026-11-26T04:20:00Z", 40, 45)));

        await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM removal WHERE parent_id = ?") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> skippedAsErased() >= before + 1);
        assertEquals(0, count("SELECT count(*) FROM removal WHERE parent_id = '" + erased + "' AND ? IS NOT NULL"));
        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(), TOPIC + ".analytics-dlq")) {
            assertTrue(dead.withKey(parentId).isEmpty());
        }
    }

    /** Sealed fields that do not open under the parent's key were tampered with: the record is dead-lettered. */
    @Test
    void sealedFieldsThatDoNotOpenGoToTheDeadLetterTopic() throws Exception {
        JsonObject forged = envelope("app.supplyline.session.pumping-logged.v1")
                .put("sessionId", UUID.randomUUID().toString())
                .put("session", pumping("2026-11-26T05:00:00Z", "2026-11-26T05:20:00Z", 40, 45).put("pump", "X"));
        PersonalFields.seal(forged, List.of("session.pump"), Sealing.newKey(),
                PersonalFields.associatedData(parentId, forged.getString("eventId")));
        forged.put("schemaVersion", 2);
        send(forged);
        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(), TOPIC + ".analytics-dlq")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !dead.withKey(parentId).isEmpty());
            assertTrue(dead.withKey(parentId).get(0).reason().contains("do not open"), dead.withKey(parentId).get(0).reason());
        }
        assertEquals(0, count("SELECT count(*) FROM removal WHERE parent_id = ?"));
    }

    private static double skippedAsErased() {
        String metrics = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("supplyline_events_skipped_total{") && l.contains("reason=\"erased\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parentId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
