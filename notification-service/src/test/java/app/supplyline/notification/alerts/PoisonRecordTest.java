package app.supplyline.notification.alerts;

import app.supplyline.local.testing.DeadLetters;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static app.supplyline.notification.support.Api.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A record that reads well but whose data the database refuses (here a CHECK constraint the test adds against one
 * parent id: SQLSTATE 23514, as a constraint that a later version adds would) is tried
 * {@code supplyline.consumer.max-attempts} times, then goes to the consumer's dead-letter topic with the reason, and
 * the records behind it on the same partition flow.
 */
@QuarkusTest
class PoisonRecordTest {


    @Inject
    AgroalDataSource db;

    @Test
    void aPoisonAlertGoesToTheDeadLetterTopicAndTheNextAlertIsServed() throws Exception {
        String parentId = UUID.randomUUID().toString();
        String poisoned = "poisoned-" + UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        Sql.execute(db, "ALTER TABLE notification ADD CONSTRAINT refuse_poisoned CHECK (user_id <> '" + poisoned + "') NOT VALID");
        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(),
                "supplyline.alerts.v1.notification-dlq")) {
            // same key, so same partition: the good alert is behind the poison one
            send("supplyline.alerts.v1", parentId, seekHelp(poison, poisoned));
            send("supplyline.alerts.v1", parentId, seekHelp(UUID.randomUUID(), parentId));
            await().atMost(Duration.ofSeconds(60)).until(() -> as(parentId, "parent").get("/api/notifications")
                    .then().statusCode(200).extract().path("items.size()").equals(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> !dead.withKey(parentId).isEmpty());
            List<DeadLetters.Letter> letters = dead.withKey(parentId);
            assertEquals(1, letters.size(), letters.toString());
            assertTrue(letters.get(0).value().contains(poison.toString()));
            assertTrue(letters.get(0).reason() != null && !letters.get(0).reason().isBlank(), letters.toString());
            assertTrue(letters.get(0).reason().contains("refuse_poisoned"), letters.get(0).reason());
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM processed_event WHERE event_id = '" + poison + "'"),
                    "the poison alert left nothing behind");
        } finally {
            Sql.execute(db, "ALTER TABLE notification DROP CONSTRAINT refuse_poisoned");
        }
    }

    /** Figures that cannot be read (a level that is text) are refused at once, not retried for ever. */
    @Test
    void anAlertWhoseFiguresCannotBeReadGoesToTheDeadLetterTopicAndTheNextAlertIsServed() throws Exception {
        String parentId = UUID.randomUUID().toString();
        UUID unreadable = UUID.randomUUID();
        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(),
                "supplyline.alerts.v1.notification-dlq")) {
            JsonObject bad = new JsonObject(seekHelp(unreadable, parentId)).put("schemaVersion", 2)
                    .put("transition", "EPISODE_STARTED").put("parentDisplayName", "Camille R.")
                    .put("explanation", new JsonObject().put("currentFrom", "2026-11-20").put("currentTo", "2026-11-26")
                            .put("levelKind", "DAILY_TOTAL").put("currentLevel", "a lot").put("changePct", -25.0));
            send("supplyline.alerts.v1", parentId, bad.encode());
            send("supplyline.alerts.v1", parentId, seekHelp(UUID.randomUUID(), parentId));
            await().atMost(Duration.ofSeconds(60)).until(() -> as(parentId, "parent").get("/api/notifications")
                    .then().statusCode(200).extract().path("items.size()").equals(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> !dead.withKey(parentId).isEmpty());
            List<DeadLetters.Letter> letters = dead.withKey(parentId);
            assertEquals(1, letters.size(), letters.toString());
            assertTrue(letters.get(0).value().contains(unreadable.toString()));
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM processed_event WHERE event_id = '" + unreadable + "'"));
        }
    }

    @Test
    void aPoisonSessionEventGoesToTheDeadLetterTopicAndTheNextEventIsApplied() throws Exception {
        String parentId = UUID.randomUUID().toString();
        String poisoned = "poisoned-" + UUID.randomUUID();
        UUID poison = UUID.randomUUID();
        Sql.execute(db, "ALTER TABLE removal ADD CONSTRAINT refuse_poisoned CHECK (parent_id <> '" + poisoned + "') NOT VALID");
        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(),
                "supplyline.sessions.v1.notification-dlq")) {
            send("supplyline.sessions.v1", parentId, pumping(poison, poisoned));
            send("supplyline.sessions.v1", parentId, pumping(UUID.randomUUID(), parentId));
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    Sql.count(db, "SELECT count(*) FROM parent_clock WHERE parent_id = '" + parentId + "'") == 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> !dead.withKey(parentId).isEmpty());
            List<DeadLetters.Letter> letters = dead.withKey(parentId);
            assertEquals(1, letters.size(), letters.toString());
            assertTrue(letters.get(0).value().contains(poison.toString()));
            assertTrue(letters.get(0).reason().contains("refuse_poisoned"), letters.get(0).reason());
            assertEquals(0, Sql.count(db, "SELECT count(*) FROM processed_event WHERE event_id = '" + poison + "'"));
        } finally {
            Sql.execute(db, "ALTER TABLE removal DROP CONSTRAINT refuse_poisoned");
        }
    }

    private static String seekHelp(UUID eventId, String parentId) {
        return new JsonObject().put("eventId", eventId.toString()).put("parentId", parentId)
                .put("type", "app.supplyline.analytics.supply-status-changed.v1").put("schemaVersion", 1)
                .put("occurredAt", Instant.now().toString()).put("previousStatus", "STABLE").put("status", "SEEK_HELP")
                .put("reasons", new JsonArray(List.of("SUPPLY_DROP"))).put("episodeId", UUID.randomUUID().toString())
                .put("evaluatedFor", "2026-11-20").put("clinicianIds", new JsonArray())
                .put("metrics", new JsonObject().put("changePct", -25.0).put("regularDays", 6)).encode();
    }

    private static String pumping(UUID eventId, String parentId) {
        Instant end = Instant.now().minus(Duration.ofMinutes(5));
        return new JsonObject().put("eventId", eventId.toString()).put("parentId", parentId).put("version", 1)
                .put("type", "app.supplyline.session.pumping-logged.v1").put("schemaVersion", 1)
                .put("occurredAt", end.toString()).put("recordedAt", end.toString())
                .put("sessionId", UUID.randomUUID().toString())
                .put("session", new JsonObject().put("type", "PUMPING")
                        .put("startedAt", end.minus(Duration.ofMinutes(20)).toString()).put("endedAt", end.toString())
                        .put("leftMl", 40).put("rightMl", 40)).encode();
    }

    private static void send(String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.broker().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }
}
